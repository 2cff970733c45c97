import ExcelJS from 'exceljs';
import {
  answerProblems,
  CALL_OUTCOME_LABELS,
  callbackRates,
  CARE_SCRIPTS,
  CARE_TASK_KIND_LABELS,
  DEFAULT_CALLBACK_QUESTIONS,
  LOSS_REASON_LABELS,
  OVERALL_QUESTION_CODE,
  type Call,
  type CallbackStats,
  type CallInput,
  type CallRegisterQuery,
  type CallResult,
  type CallWorkspace,
  type CareQueueCounts,
  type CareQueueQuery,
  type CareTask,
  type CareTaskListQuery,
  type CarePeriodQuery,
  type Questionnaire,
  type QuestionnaireInput,
  type QuestionnaireUpdate,
  type Reschedule,
  type ScanResult,
} from '#contracts/care';
import type { Page } from '#contracts/common';
import { maskPhone } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { listWorkbook } from '../../platform/spreadsheet';
import { writeAudit } from '../../platform/audit/audit';
import { DAY_MS } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { daysRange, instantToLocal, todayIn } from '../../platform/local-time';
import { offsetOf, pageOf } from '../../platform/pagination';
import { openComplaint } from '../complaints';
import { addTimelineEvent, customerContact, loadVehiclePage } from '../customers';
import { lastVisitOf, rosDeliveredByAdvisor } from '../repair-orders';
import { storeSettingsIn } from '../stores';
import * as repo from './care.repository';
import { scanCareTasks } from './scan';

const TASK = { zh: '回访任务', en: 'Follow-up task' };
const QUESTIONNAIRE = { zh: '问卷', en: 'Questionnaire' };
const EXPORT_MAX = 20_000;

type TaskWithPhone = { task: repo.TaskRow; mobile: string | null };

function phoneFor(ctx: Ctx, mobile: string | null): string | null {
  if (!mobile) return null;
  // Agents dial the number: roles allowed to reveal phones see it in full, others masked (SPEC §3).
  return ctx.actor.permissions.has('customer:reveal_phone') ? mobile : maskPhone(mobile);
}

function toTask(ctx: Ctx, { task: t, mobile }: TaskWithPhone): CareTask {
  return {
    id: t.id,
    kind: t.kind,
    queue: t.queue,
    status: t.status,
    availableAt: t.availableAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    vehicleId: t.vehicleId,
    customerId: t.customerId,
    roId: t.roId,
    roNumber: t.roNumber,
    plate: t.plate,
    customerName: t.customerName,
    phone: phoneFor(ctx, mobile),
    advisorName: t.advisorName,
    subject: t.subject,
    attempts: t.attempts,
    lastOutcome: t.lastOutcome,
    lastCallAt: t.lastCallAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    version: t.version,
  };
}

function toCall(ctx: Ctx, c: repo.CallRow, extra: { customerName: string; plate: string | null; roNumber: string | null; mobile: string | null }, answers: Call['answers']): Call {
  return {
    id: c.id,
    taskId: c.taskId,
    taskKind: c.taskKind,
    calledAt: c.calledAt.toISOString(),
    outcome: c.outcome,
    agentName: c.agentName,
    customerName: extra.customerName,
    phone: phoneFor(ctx, c.phone ?? extra.mobile),
    plate: extra.plate,
    roNumber: extra.roNumber,
    note: c.note,
    nextStep: c.nextStep,
    overallScore: c.overallScore,
    complaintId: c.complaintId,
    complaintNumber: c.complaintNumber,
    supervisorTaskId: c.supervisorTaskId,
    outsideCallingHours: c.outsideCallingHours,
    lossReason: c.lossReason,
    lossDestination: c.lossDestination,
    answers,
  };
}

function toQuestionnaire(q: repo.QuestionnaireRow): Questionnaire {
  return { id: q.id, name: q.name, active: q.active, isDefault: q.isDefault, questions: q.questions, version: q.version, updatedAt: q.updatedAt.toISOString() };
}

/** Start of tomorrow in the store's zone: "due today" ends there. */
function endOfToday(timeZone: string, now: Date): Date {
  return daysRange(todayIn(timeZone, now), todayIn(timeZone, now), timeZone).end;
}

/** Pick-up notices are the advisor's own; supervisors and managers see the whole queue. */
function assigneeFilter(ctx: Ctx): number | null {
  return ctx.actor.role === 'service_advisor' ? ctx.actor.userId : null;
}

// --- the agent queue ----------------------------------------------------------------------------

export function agentQueue(ctx: Ctx, query: CareQueueQuery, now: Date): Promise<Page<CareTask>> {
  if (query.queue === 'supervisor' && !ctx.actor.permissions.has('care:supervise')) {
    throw new AppError('FORBIDDEN', { zh: '只有客服主管可以查看主管请求', en: 'Only supervisors see supervisor requests' });
  }
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.queuePage(tx, {
      storeId: ctx.storeId,
      queue: query.queue,
      tab: query.tab,
      now,
      endOfToday: endOfToday(ctx.timeZone, now),
      kind: query.kind,
      q: query.q,
      assigneeId: query.queue === 'service_advisor' ? assigneeFilter(ctx) : null,
      offset: offsetOf(query),
      limit: query.pageSize,
    });
    return pageOf(query, rows.map((r) => toTask(ctx, r)), total);
  });
}

export function queueCounts(ctx: Ctx, queue: CareQueueQuery['queue'], now: Date): Promise<CareQueueCounts> {
  return inStore(ctx.db, ctx.storeId, (tx) => repo.queueCounts(tx, ctx.storeId, queue, now, endOfToday(ctx.timeZone, now), queue === 'service_advisor' ? assigneeFilter(ctx) : null));
}

export function listTasks(ctx: Ctx, query: CareTaskListQuery): Promise<Page<CareTask>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listTasks(tx, { storeId: ctx.storeId, status: query.status, kind: query.kind, vehicleId: query.vehicleId, roId: query.roId, offset: offsetOf(query), limit: query.pageSize });
    return pageOf(query, rows.map((r) => toTask(ctx, r)), total);
  });
}

/** "立即生成任务": the scan for this store now (the job runs it on schedule anyway). */
export async function runScan(ctx: Ctx, now: Date): Promise<ScanResult> {
  const started = performance.now();
  const created = await scanCareTasks(ctx.db, now, ctx.storeId);
  return { created, ms: Math.round(performance.now() - started) };
}

// --- the call screen ----------------------------------------------------------------------------

function outsideHours(hours: { opens: string; closes: string }, timeZone: string, now: Date): boolean {
  const { time } = instantToLocal(now, timeZone);
  return time < hours.opens || time >= hours.closes;
}

async function loadTask(tx: Executor, ctx: Ctx, id: number, lock = false): Promise<TaskWithPhone> {
  const row = await repo.findTask(tx, ctx.storeId, id, lock);
  if (!row) throw notFound(TASK);
  if (row.task.queue === 'supervisor' && !ctx.actor.permissions.has('care:supervise')) throw notFound(TASK);
  return row;
}

async function questionnaireFor(tx: Executor, storeId: number): Promise<repo.QuestionnaireRow> {
  const existing = await repo.defaultQuestionnaire(tx, storeId);
  if (existing) return existing;
  await repo.insertDefaultQuestionnaire(tx, { storeId, name: '内部回访问卷', isDefault: true, active: true, questions: DEFAULT_CALLBACK_QUESTIONS });
  return (await repo.defaultQuestionnaire(tx, storeId))!;
}

async function callsWithAnswers(tx: Executor, ctx: Ctx, t: TaskWithPhone): Promise<Call[]> {
  const calls = await repo.callsOfTask(tx, ctx.storeId, t.task.id);
  const answers = await repo.answersOf(tx, ctx.storeId, calls.map((c) => c.id));
  return calls.map((c) =>
    toCall(
      ctx,
      c,
      { customerName: t.task.customerName, plate: t.task.plate, roNumber: t.task.roNumber, mobile: t.mobile },
      answers.filter((a) => a.callId === c.id).map((a) => ({ code: a.code, score: a.score, yes: a.yes, choice: a.choice, text: a.text })),
    ),
  );
}

export function workspace(ctx: Ctx, id: number, now: Date): Promise<CallWorkspace> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const t = await loadTask(tx, ctx, id);
    const settings = await storeSettingsIn(tx, ctx.storeId);
    const contact = t.task.customerId ? await customerContact(tx, ctx.storeId, t.task.customerId) : null;
    const vehicle = t.task.vehicleId ? await loadVehiclePage(tx, ctx, t.task.vehicleId) : null;
    const lastVisit = t.task.vehicleId ? await lastVisitOf(tx, ctx.storeId, t.task.vehicleId) : null;
    const questionnaire = t.task.kind === 'satisfaction' || t.task.kind.startsWith('follow_up') ? await questionnaireFor(tx, ctx.storeId) : null;
    const blocked = callBlock(contact);
    const script = CARE_SCRIPTS[t.task.kind].zh.replaceAll('{车牌}', t.task.plate ?? '').replaceAll('{门店}', '本店').replaceAll('{时间}', instantToLocal(t.task.dueAt, ctx.timeZone).time);
    return {
      task: toTask(ctx, t),
      script,
      customer: contact ? { id: contact.id, name: contact.name, phone: phoneFor(ctx, contact.mobile), consentPhone: contact.consent.phone, tags: [] } : null,
      vehicle: vehicle
        ? { id: vehicle.id, plate: vehicle.plate, vin: vehicle.vin, modelName: vehicle.modelName ?? lastVisit?.modelName ?? '', mileageKm: vehicle.currentMileageKm }
        : null,
      lastVisit: lastVisit
        ? { roId: lastVisit.roId, roNumber: lastVisit.roNumber, type: lastVisit.type, deliveredAt: lastVisit.deliveredAt?.toISOString() ?? null, advisorName: lastVisit.advisorName, totalFen: lastVisit.totalFen, concerns: lastVisit.concerns }
        : null,
      questionnaire: questionnaire ? toQuestionnaire(questionnaire) : null,
      calls: await callsWithAnswers(tx, ctx, t),
      canCall: blocked === null && t.task.status === 'open',
      blockedReason: blocked?.zh ?? null,
      outsideCallingHours: outsideHours(settings.callingHours, ctx.timeZone, now),
      callingHours: settings.callingHours,
    };
  });
}

/** Calls respect consent (SPEC §8): no phone consent (or never asked), or no number: no call. */
function callBlock(contact: Awaited<ReturnType<typeof customerContact>>): { zh: string; en: string } | null {
  if (!contact) return { zh: '任务没有关联客户', en: 'The task has no customer' };
  if (contact.consent.phone !== true) return { zh: '客户未同意电话联系，不能拨打', en: 'The customer has not agreed to phone contact' };
  if (!contact.mobile) return { zh: '客户没有手机号', en: 'The customer has no mobile number' };
  return null;
}

const UNREACHED_CLOSES = new Set(['wrong_number', 'suspended']);

export function recordCall(ctx: Ctx, id: number, input: CallInput & { version: number }, now: Date): Promise<CallResult> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const t = await loadTask(tx, ctx, id, true);
    if (t.task.status !== 'open') throw new AppError('CONFLICT', { zh: '任务已关闭，不能再记录电话', en: 'The task is closed' });
    if (t.task.version !== input.version) throw staleVersion();
    const contact = t.task.customerId ? await customerContact(tx, ctx.storeId, t.task.customerId) : null;
    const blocked = callBlock(contact);
    if (blocked) throw new AppError('CONFLICT', blocked);
    const settings = await storeSettingsIn(tx, ctx.storeId);
    const outside = outsideHours(settings.callingHours, ctx.timeZone, now);
    if (outside && !input.confirmOutsideHours) {
      throw new AppError('CONFLICT', {
        zh: `现在不在呼叫时间（${settings.callingHours.opens}–${settings.callingHours.closes}）内，确认后才能记录`,
        en: `Outside calling hours (${settings.callingHours.opens}–${settings.callingHours.closes}); confirm to record`,
      });
    }
    let questionnaire: repo.QuestionnaireRow | null = null;
    if (input.answers.length) {
      questionnaire = input.questionnaireId ? await repo.findQuestionnaire(tx, ctx.storeId, input.questionnaireId) : await questionnaireFor(tx, ctx.storeId);
      if (!questionnaire) throw invalidField('questionnaireId', { zh: '问卷不存在', en: 'No such questionnaire' });
      const problems = answerProblems(questionnaire.questions, input.answers);
      if (problems.length) {
        const p = problems[0]!;
        throw invalidField(p.index === null ? 'answers' : `answers.${p.index}`, { zh: `${p.code}：答案不完整或与题型不符`, en: `${p.code}: missing or does not fit the question` });
      }
    }
    // Recall calls (SPEC §11): a reached one says why the customer stayed away (or that they booked).
    if (input.lossReason && t.task.kind !== 'recall') throw invalidField('lossReason', { zh: '只有流失客户回访可以记录流失原因', en: 'Only recall calls record a loss reason' });
    if (t.task.kind === 'recall' && input.outcome === 'reached' && !input.lossReason) {
      throw invalidField('lossReason', { zh: '请选择流失原因（客户已预约请选“已预约”）', en: 'Choose the loss reason (or “booked”)' });
    }
    const lossReason = input.outcome === 'reached' ? (input.lossReason ?? null) : null;
    const lossDestination = lossReason && input.lossDestination ? input.lossDestination : null;
    const overall = input.answers.find((a) => a.code === OVERALL_QUESTION_CODE)?.score ?? null;
    let complaint: { id: number; number: string } | null = null;
    if (input.complaint) {
      if (!t.task.customerId) throw invalidField('complaint', { zh: '任务没有关联客户', en: 'The task has no customer' });
      complaint = await openComplaint(tx, ctx, {
        customerId: t.task.customerId,
        vehicleId: t.task.vehicleId,
        roId: t.task.roId,
        channel: 'follow_up_call',
        category: input.complaint.category,
        severity: input.complaint.severity,
        description: input.complaint.description,
      });
    }
    const call = await repo.insertCall(tx, {
      storeId: ctx.storeId,
      taskId: t.task.id,
      taskKind: t.task.kind,
      vehicleId: t.task.vehicleId,
      customerId: t.task.customerId,
      roId: t.task.roId,
      advisorId: t.task.advisorId,
      advisorName: t.task.advisorName,
      agentId: ctx.actor.userId,
      agentName: ctx.actor.displayName,
      phone: contact?.mobile ?? null,
      calledAt: now,
      outcome: input.outcome,
      questionnaireId: questionnaire?.id ?? null,
      overallScore: overall,
      note: input.note,
      nextStep: input.nextStep,
      complaintId: complaint?.id ?? null,
      complaintNumber: complaint?.number ?? null,
      outsideCallingHours: outside,
      lossReason,
      lossDestination,
    });
    await repo.insertAnswers(
      tx,
      input.answers.map((a) => ({ storeId: ctx.storeId, callId: call.id, questionnaireId: questionnaire!.id, code: a.code, score: a.score ?? null, yes: a.yes ?? null, choice: a.choice ?? null, text: a.text ?? null })),
    );
    // A request the call cannot solve goes to the supervisor, due within the store's limit (SPEC §8).
    let supervisorTaskId: number | null = null;
    if (input.supervisorRequest) {
      const sup = await repo.insertTask(tx, {
        storeId: ctx.storeId,
        kind: 'supervisor_request',
        businessKey: `call:${call.id}`,
        queue: 'supervisor',
        availableAt: now,
        dueAt: new Date(now.getTime() + settings.unsolvedRequestEscalationDays * DAY_MS),
        vehicleId: t.task.vehicleId,
        customerId: t.task.customerId,
        roId: t.task.roId,
        parentCallId: call.id,
        advisorId: t.task.advisorId,
        advisorName: t.task.advisorName,
        plate: t.task.plate,
        customerName: t.task.customerName,
        roNumber: t.task.roNumber,
        subject: input.supervisorRequest,
      });
      supervisorTaskId = sup?.id ?? null;
    }
    const reached = input.outcome === 'reached';
    const closes = reached || input.giveUp || UNREACHED_CLOSES.has(input.outcome);
    const reschedule = !closes && input.rescheduleTo ? new Date(input.rescheduleTo) : null;
    if (reschedule && reschedule.getTime() <= now.getTime()) throw invalidField('rescheduleTo', { zh: '改约时间应晚于当前时间', en: 'The new time must be in the future' });
    const updated = await repo.updateTask(tx, ctx.storeId, t.task.id, t.task.version, {
      attempts: t.task.attempts + 1,
      lastOutcome: input.outcome,
      lastCallAt: now,
      ...(closes ? { status: reached ? 'done' : 'unreachable', closedAt: now, closedBy: ctx.actor.userId } : {}),
      ...(reschedule ? windowFrom(t.task, reschedule) : {}),
    });
    if (!updated) throw staleVersion();
    if (supervisorTaskId) await repo.linkSupervisorTask(tx, ctx.storeId, call.id, supervisorTaskId);
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: t.task.vehicleId,
      customerId: t.task.customerId,
      kind: 'call',
      title: `${CARE_TASK_KIND_LABELS[t.task.kind].zh}：${CALL_OUTCOME_LABELS[input.outcome].zh}${overall ? `，总体满意度 ${overall} 分` : ''}${
        lossReason ? `，${LOSS_REASON_LABELS[lossReason].zh}${lossDestination ? `（${lossDestination}）` : ''}` : ''
      }${complaint ? `，登记投诉 ${complaint.number}` : ''}`,
      refType: 'care_call',
      refId: call.id,
      at: now,
      data: { taskId: t.task.id, outcome: input.outcome, overallScore: overall, note: input.note, lossReason, lossDestination },
      actor: ctx.actor,
    });
    const fresh = (await repo.findTask(tx, ctx.storeId, t.task.id))!;
    return {
      call: toCall(ctx, { ...call, supervisorTaskId }, { customerName: t.task.customerName, plate: t.task.plate, roNumber: t.task.roNumber, mobile: t.mobile }, input.answers),
      task: toTask(ctx, fresh),
      complaint,
      supervisorTaskId,
    };
  });
}

/** A moved task keeps the length of its window, at least a day. */
function windowFrom(task: repo.TaskRow, at: Date) {
  const length = Math.max(task.dueAt.getTime() - task.availableAt.getTime(), DAY_MS);
  return { availableAt: at, dueAt: new Date(at.getTime() + length) };
}

export function reschedule(ctx: Ctx, id: number, input: Reschedule & { version: number }, now: Date): Promise<CareTask> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const t = await loadTask(tx, ctx, id);
    if (t.task.status !== 'open') throw new AppError('CONFLICT', { zh: '任务已关闭', en: 'The task is closed' });
    const at = new Date(input.to);
    if (at.getTime() <= now.getTime()) throw invalidField('to', { zh: '改约时间应晚于当前时间', en: 'The new time must be in the future' });
    const row = await repo.updateTask(tx, ctx.storeId, id, input.version, windowFrom(t.task, at));
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'care_task.rescheduled', entity: 'care_task', entityId: id, before: { availableAt: t.task.availableAt }, after: { availableAt: at, reason: input.reason } });
    return toTask(ctx, { task: row, mobile: t.mobile });
  });
}

/** The supervisor closes a request once the customer has the answer (SPEC §8: the same day). */
export function closeTask(ctx: Ctx, id: number, input: { version: number; note: string }, now: Date): Promise<CareTask> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const t = await loadTask(tx, ctx, id);
    if (t.task.status !== 'open') throw new AppError('CONFLICT', { zh: '任务已关闭', en: 'The task is closed' });
    const row = await repo.updateTask(tx, ctx.storeId, id, input.version, { status: 'done', closedAt: now, closedBy: ctx.actor.userId });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'care_task.closed', entity: 'care_task', entityId: id, after: { note: input.note } });
    return toTask(ctx, { task: row, mobile: t.mobile });
  });
}

// --- questionnaires -----------------------------------------------------------------------------

export function listQuestionnaires(ctx: Ctx): Promise<Questionnaire[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await questionnaireFor(tx, ctx.storeId);
    return (await repo.listQuestionnaires(tx, ctx.storeId)).map(toQuestionnaire);
  });
}

export function createQuestionnaire(ctx: Ctx, input: QuestionnaireInput): Promise<Questionnaire> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await questionnaireFor(tx, ctx.storeId);
    if (input.isDefault) await repo.clearDefault(tx, ctx.storeId, null);
    const row = await repo.insertQuestionnaire(tx, { storeId: ctx.storeId, ...input, active: input.isDefault || input.active });
    await writeAudit(ctx, tx, { action: 'questionnaire.created', entity: 'questionnaire', entityId: row.id, after: toQuestionnaire(row) });
    return toQuestionnaire(row);
  });
}

export function updateQuestionnaire(ctx: Ctx, id: number, input: QuestionnaireUpdate): Promise<Questionnaire> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findQuestionnaire(tx, ctx.storeId, id);
    if (!before) throw notFound(QUESTIONNAIRE);
    if (before.isDefault && !input.isDefault) throw invalidField('isDefault', { zh: '请先将其他问卷设为默认', en: 'Make another questionnaire the default first' });
    if (input.isDefault) await repo.clearDefault(tx, ctx.storeId, id);
    const { version, ...patch } = input;
    const row = await repo.updateQuestionnaire(tx, ctx.storeId, id, version, { ...patch, active: input.isDefault || input.active });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'questionnaire.updated', entity: 'questionnaire', entityId: id, before: toQuestionnaire(before), after: toQuestionnaire(row) });
    return toQuestionnaire(row);
  });
}

// --- statistics and registers --------------------------------------------------------------------

export function callbackStats(ctx: Ctx, period: CarePeriodQuery): Promise<CallbackStats> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(period.from, period.to, ctx.timeZone);
    const [totalsRow] = await repo.callbackCounts(tx, ctx.storeId, start, end, false);
    const counts = { made: totalsRow?.made ?? 0, valid: totalsRow?.valid ?? 0, delighted: totalsRow?.delighted ?? 0, disappointed: totalsRow?.disappointed ?? 0, unreachable: totalsRow?.unreachable ?? 0 };
    const questionnaire = await questionnaireFor(tx, ctx.storeId);
    const averages = new Map((await repo.questionAverages(tx, ctx.storeId, start, end)).map((r) => [r.code, r]));
    const advisors = await repo.callbackCounts(tx, ctx.storeId, start, end, true);
    const delivered = await rosDeliveredByAdvisor(tx, ctx.storeId, start, end);
    const ids = new Set<number | null>([...advisors.map((a) => a.advisor_id), ...delivered.map((d) => d.advisorId)]);
    return {
      from: period.from,
      to: period.to,
      totals: { ...counts, ...callbackRates(counts) },
      questions: questionnaire.questions.map((q) => {
        const a = averages.get(q.code);
        return { code: q.code, text: q.text, type: q.type, answers: a?.answers ?? 0, average: q.type === 'score' ? (a?.avg_score ?? null) : q.type === 'yes_no' ? (a?.yes_share ?? null) : null };
      }),
      advisors: [...ids]
        .map((id) => {
          const a = advisors.find((x) => x.advisor_id === id);
          const d = delivered.find((x) => x.advisorId === id);
          const c = { made: a?.made ?? 0, valid: a?.valid ?? 0, delighted: a?.delighted ?? 0, disappointed: a?.disappointed ?? 0, unreachable: a?.unreachable ?? 0 };
          const rates = callbackRates(c);
          return {
            advisorId: id,
            advisorName: a?.advisor_name || d?.advisorName || '（未指定）',
            rosDelivered: d?.ros ?? 0,
            made: c.made,
            valid: c.valid,
            averageScore: a?.average_score ?? null,
            delightedShare: rates.delightedShare,
            disappointedShare: rates.disappointedShare,
            complaints: a?.complaints ?? 0,
          };
        })
        .sort((x, y) => y.rosDelivered - x.rosDelivered || x.advisorName.localeCompare(y.advisorName)),
    };
  });
}

export function callRegister(ctx: Ctx, query: CallRegisterQuery): Promise<Page<Call>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(query.from, query.to, ctx.timeZone);
    const { rows, total } = await repo.callRegister(tx, { storeId: ctx.storeId, from: start, to: end, outcome: query.outcome, offset: offsetOf(query), limit: query.pageSize });
    const answers = await repo.answersOf(tx, ctx.storeId, rows.map((r) => r.call.id));
    return pageOf(
      query,
      rows.map((r) =>
        toCall(ctx, r.call, r, answers.filter((a) => a.callId === r.call.id).map((a) => ({ code: a.code, score: a.score, yes: a.yes, choice: a.choice, text: a.text }))),
      ),
      total,
    );
  });
}

const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);

export async function exportStats(ctx: Ctx, period: CarePeriodQuery): Promise<Buffer> {
  const stats = await callbackStats(ctx, period);
  const wb = new ExcelJS.Workbook();
  const totals = wb.addWorksheet('回访统计');
  totals.columns = [
    { header: '指标', key: 'k', width: 24 },
    { header: '数值', key: 'v', width: 14 },
  ];
  const t = stats.totals;
  totals.addRows([
    { k: '期间', v: `${stats.from} 至 ${stats.to}` },
    { k: '回访数', v: t.made },
    { k: '有效回访数', v: t.valid },
    { k: '有效率', v: pct(t.validRate) },
    { k: '特别满意占比', v: pct(t.delightedShare) },
    { k: '一般以下占比', v: pct(t.disappointedShare) },
    { k: '无法联系数', v: t.unreachable },
  ]);
  const questions = wb.addWorksheet('各题得分');
  questions.columns = [
    { header: '题目', key: 'text', width: 40 },
    { header: '回答数', key: 'answers', width: 10 },
    { header: '平均分/是占比', key: 'average', width: 16 },
  ];
  for (const q of stats.questions) questions.addRow({ text: q.text, answers: q.answers, average: q.average === null ? '' : q.type === 'yes_no' ? pct(q.average) : q.average.toFixed(2) });
  const advisors = wb.addWorksheet('服务顾问对比');
  advisors.columns = [
    { header: '服务顾问', key: 'advisorName', width: 14 },
    { header: '交车台次', key: 'rosDelivered', width: 10 },
    { header: '回访数', key: 'made', width: 10 },
    { header: '有效回访', key: 'valid', width: 10 },
    { header: '平均分', key: 'averageScore', width: 10 },
    { header: '特别满意占比', key: 'delighted', width: 14 },
    { header: '一般以下占比', key: 'disappointed', width: 14 },
    { header: '投诉', key: 'complaints', width: 8 },
  ];
  for (const a of stats.advisors) advisors.addRow({ ...a, averageScore: a.averageScore?.toFixed(2) ?? '', delighted: pct(a.delightedShare), disappointed: pct(a.disappointedShare) });
  for (const s of [totals, questions, advisors]) s.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportRegister(ctx: Ctx, query: CallRegisterQuery): Promise<Buffer> {
  const page = await callRegister(ctx, { ...query, page: 1, pageSize: EXPORT_MAX });
  const columns = [
    { header: '时间', key: 'at', width: 18 },
    { header: '类型', key: 'kind', width: 12 },
    { header: '客户', key: 'customerName', width: 12 },
    { header: '电话', key: 'phone', width: 14 },
    { header: '车牌', key: 'plate', width: 12 },
    { header: '委托书', key: 'roNumber', width: 18 },
    { header: '结果', key: 'outcome', width: 10 },
    { header: '满意度', key: 'overallScore', width: 8 },
    { header: '流失原因/去向', key: 'loss', width: 20 },
    { header: '客户意见/要求', key: 'note', width: 40 },
    { header: '下一步', key: 'nextStep', width: 20 },
    { header: '投诉单', key: 'complaintNumber', width: 18 },
    { header: '回访员', key: 'agentName', width: 10 },
  ];
  const rows = page.items.map((c) => {
    const local = instantToLocal(new Date(c.calledAt), ctx.timeZone);
    const loss = c.lossReason ? `${LOSS_REASON_LABELS[c.lossReason].zh}${c.lossDestination ? `：${c.lossDestination}` : ''}` : '';
    return { ...c, at: `${local.date} ${local.time}`, kind: c.taskKind ? CARE_TASK_KIND_LABELS[c.taskKind].zh : '', outcome: CALL_OUTCOME_LABELS[c.outcome].zh, loss };
  });
  await inStore(ctx.db, ctx.storeId, (tx) => writeAudit(ctx, tx, { action: 'care_call.exported', entity: 'care_call', after: { query, rows: page.items.length } }));
  return listWorkbook('跟踪服务电话记录表', columns, rows);
}

