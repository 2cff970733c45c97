import {
  IMPROVEMENT_DEPARTMENT_LABELS,
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementActionListQuery,
} from '#contracts/improvement-actions';
import type { Lang } from '#contracts/messages';
import { inStore } from '../../db/scope';
import { listWorkbook } from '../../platform/spreadsheet';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { todayIn } from '../../platform/local-time';
import * as repo from './improvement-actions.repository';
import { toAction } from './improvement-actions.service';

/** A store plans at most 4 departments × 5 actions a month; this bounds years of them. */
const EXPORT_MAX = 5000;

const HEADERS = {
  month: { zh: '月份', en: 'Month' },
  department: { zh: '部门', en: 'Department' },
  rank: { zh: '排名', en: 'Rank' },
  problem: { zh: '问题', en: 'Problem' },
  measure: { zh: '整改措施', en: 'Measure' },
  ownerName: { zh: '责任人', en: 'Owner' },
  dueDate: { zh: '完成期限', en: 'Due date' },
  supervisorName: { zh: '监督人', en: 'Supervisor' },
  checkpoint: { zh: '检查节点', en: 'Checkpoint' },
  status: { zh: '状态', en: 'Status' },
  overdue: { zh: '逾期', en: 'Overdue' },
  evidence: { zh: '证据', en: 'Evidence' },
} as const;
const WIDTHS: Record<keyof typeof HEADERS, number> = { month: 9, department: 8, rank: 6, problem: 36, measure: 44, ownerName: 10, dueDate: 12, supervisorName: 10, checkpoint: 28, status: 8, overdue: 6, evidence: 24 };

/** The filtered list as a spreadsheet (UX: "Excel export of what is shown"); the export is audited. */
export function exportActions(ctx: Ctx, query: ImprovementActionListQuery, lang: Lang): Promise<Buffer> {
  const today = todayIn(ctx.timeZone);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows } = await repo.listActions(tx, ctx.storeId, { ...query, page: 1, pageSize: EXPORT_MAX }, today);
    const evidence = await repo.evidenceOf(tx, ctx.storeId, rows.map((r) => r.id));
    const columns = (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).map((key) => ({ key, header: HEADERS[key][lang], width: WIDTHS[key] }));
    const cells = rows.map((row) => {
      const a = toAction(row, evidence, today);
      return {
        ...a,
        department: IMPROVEMENT_DEPARTMENT_LABELS[a.department][lang],
        status: IMPROVEMENT_STATUS_LABELS[a.status][lang],
        overdue: a.overdue ? (lang === 'zh' ? '是' : 'yes') : '',
        evidence: a.evidence.map((e) => e.fileName).join(', '),
      };
    });
    await writeAudit(ctx, tx, { action: 'improvement_action.exported', entity: 'improvement_action', after: { query, rows: rows.length } });
    return listWorkbook(lang === 'zh' ? '整改措施' : 'Improvement actions', columns, cells);
  });
}
