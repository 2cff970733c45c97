import { sql } from 'drizzle-orm';
import { monthPeriod, monthsEndingWith, type KpiCode } from '#contracts/kpis';
import type { Lang } from '#contracts/messages';
import {
  nextMonth,
  previousMonth,
  sectionsOf,
  type MonthlyReport,
  type MonthlyReportKind,
  type MonthlyReportSection,
  type ReportComment,
  type ReportCommentBody,
} from '#contracts/monthly-reports';
import { queryRows } from '../../../db/rows';
import { inStore } from '../../../db/scope';
import { writeAudit } from '../../../platform/audit/audit';
import type { Ctx } from '../../../platform/context';
import { invalidField, staleVersion } from '../../../platform/errors';
import { daysRange } from '../../../platform/local-time';
import { callbackStats } from '../../care';
import { complaintCountsByWeek } from '../../complaints';
import { actionsOfMonths } from '../../improvement-actions';
import { manufacturerScores } from '../../satisfaction';
import { baseReport } from '../base.service';
import { kpiReport, kpiTrend, targetsOf, TREND_CODES, type KpiScope } from '../kpis.service';
import { reportTitle, sectionBlocks, sectionTitle, type ReportInputs } from './assemble';
import * as comments from './comments.repository';
import { advisorFigures, dailyIntake, technicianRos } from './people.sql';

/** Codes the trends of both reports draw (C's defaults plus the retention figures). */
const REPORT_TREND_CODES: readonly KpiCode[] = [...new Set<KpiCode>([...TREND_CODES, 'return_rate', 'appointment_rate', 'base_customers', 'loss_rate'])];

const emptyComment: ReportComment = { problems: '', plan: '', version: 0, updatedByName: null, updatedAt: null };

function toComment(row: comments.CommentRow): ReportComment {
  return { problems: row.problems, plan: row.plan, version: row.version, updatedByName: row.updatedByName, updatedAt: row.updatedAt.toISOString() };
}

/**
 * A report is generated, not typed (SPEC §17): every figure is read from the records (through the
 * KPI engine, frozen month-end values for a closed month), and only the commentary is written.
 */
export async function buildMonthlyReport(ctx: Ctx, kind: MonthlyReportKind, month: string, lang: Lang): Promise<MonthlyReport> {
  const period = monthPeriod(month);
  const { start, end } = daysRange(period.from, period.to, ctx.timeZone);
  const scope: KpiScope = { kind: 'store', storeIds: [ctx.storeId] };
  const customerService = kind === 'customer_service';
  const [actions, callbacks, data] = await Promise.all([
    actionsOfMonths(ctx, [previousMonth(month), nextMonth(month)]),
    // The customer-care module's own statistics (per question, per advisor), in its own transaction.
    customerService ? callbackStats(ctx, period) : Promise.resolve(null),
    inStore(ctx.db, ctx.storeId, async (tx) => {
      const [store] = await queryRows<{ name: string }>(tx, sql`SELECT name FROM stores WHERE id = ${ctx.storeId}`);
      const kpis = await kpiReport(tx, scope, period);
      const trend = await kpiTrend(tx, scope, month, 12, REPORT_TREND_CODES);
      const targets = await targetsOf(tx, scope, [nextMonth(month)]);
      const technicians = await technicianRos(tx, ctx.storeId, start, end);
      const advisors = kind === 'manager' ? await advisorFigures(tx, ctx.storeId, start, end) : [];
      const intake = kind === 'manager' ? await dailyIntake(tx, ctx.storeId, ctx.timeZone, start, end) : new Map<string, number>();
      const complaints = await complaintCountsByWeek(tx, ctx.storeId, ctx.timeZone, period.from, period.to);
      const saved = await comments.commentsOf(tx, ctx.storeId, kind, month);
      const months = monthsEndingWith(month, 12);
      const scores = customerService ? await manufacturerScores(tx, ctx.storeId, months[0]!, month) : [];
      const base = customerService ? await baseReport(tx, scope, month, 1) : null;
      return {
        storeName: store?.name ?? '',
        kpis,
        trend,
        nextTargets: targets.get(nextMonth(month)) ?? new Map<KpiCode, number>(),
        technicians,
        advisors,
        intake,
        complaints,
        saved,
        scores,
        lossReasons: base?.lossReasons ?? null,
        lossDestinations: base?.lossDestinations ?? null,
      };
    }),
  ]);
  const input: ReportInputs = {
    lang,
    month,
    kpis: data.kpis,
    trend: data.trend,
    nextTargets: data.nextTargets,
    technicians: data.technicians,
    advisors: data.advisors,
    intake: data.intake,
    complaints: data.complaints,
    scores: data.scores,
    callbacks,
    lossReasons: data.lossReasons,
    lossDestinations: data.lossDestinations,
    lastMonthActions: actions.filter((a) => a.month === previousMonth(month)),
    nextMonthActions: actions.filter((a) => a.month === nextMonth(month)),
  };
  const saved = new Map(data.saved.map((c) => [c.section, toComment(c)]));
  return {
    kind,
    title: reportTitle(kind, lang),
    month,
    storeId: ctx.storeId,
    storeName: data.storeName,
    generatedAt: new Date().toISOString(),
    fromSnapshot: data.kpis.cards.some((c) => c.frozen !== null),
    sections: sectionsOf(kind).map((key) => ({ key, title: sectionTitle(key, lang), blocks: sectionBlocks(kind, key, input), comment: saved.get(key) ?? emptyComment })),
  };
}

/** Saves one section's commentary (问题与挑战 / 下月行动计划) on the version the writer read; audited. */
export function saveComment(ctx: Ctx, kind: MonthlyReportKind, section: MonthlyReportSection, body: ReportCommentBody): Promise<ReportComment> {
  if (!sectionsOf(kind).includes(section)) throw invalidField('section', { zh: '该报告没有此部分', en: 'This report has no such section' });
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await comments.findComment(tx, ctx.storeId, kind, body.month, section);
    const text = { problems: body.problems, plan: body.plan, updatedBy: ctx.actor.userId, updatedByName: ctx.actor.displayName };
    let row: comments.CommentRow | undefined;
    if (body.version === 0) {
      if (before) throw staleVersion();
      row = await comments.insertComment(tx, { storeId: ctx.storeId, kind, month: body.month, section, ...text });
    } else {
      row = before ? await comments.updateComment(tx, before.id, ctx.storeId, body.version, text) : undefined;
    }
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, {
      action: 'monthly_report.comment_saved',
      entity: 'report_comment',
      entityId: `${kind}:${body.month}:${section}`,
      before: before ? { problems: before.problems, plan: before.plan } : null,
      after: { problems: row.problems, plan: row.plan },
    });
    return toComment(row);
  });
}

/** Exports are audited (who took which report out of the system). */
export function auditExport(ctx: Ctx, kind: MonthlyReportKind, month: string, format: 'pptx' | 'xlsx'): Promise<void> {
  return inStore(ctx.db, ctx.storeId, (tx) => writeAudit(ctx, tx, { action: 'monthly_report.exported', entity: 'monthly_report', entityId: `${kind}:${month}`, after: { format } }));
}
