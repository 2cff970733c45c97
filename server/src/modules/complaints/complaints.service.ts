import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DEPARTMENT_LABELS,
  COMPLAINT_DUE_HOURS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STATE_LABELS,
  HANDLING_SATISFACTION_LABELS,
  complaintTransitionTarget,
  isComplaintOverdue,
  weekStartOf,
  complaintShare,
  type Complaint,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintCreate,
  type ComplaintDepartment,
  type ComplaintDepartmentRow,
  type ComplaintDetail,
  type ComplaintListQuery,
  type ComplaintPeriodQuery,
  type ComplaintSeverity,
  type ComplaintStepInput,
  type ComplaintWeekly,
} from '#contracts/complaints';
import type { Page } from '#contracts/common';
import { formatPlate } from '#contracts/vehicle';
import { asSystem, inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { listWorkbook } from '../../platform/spreadsheet';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { nextDocNumber } from '../../platform/doc-numbers';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { addDays, daysRange } from '../../platform/local-time';
import { pageOf } from '../../platform/pagination';
import { addTimelineEvent } from '../customers';
import * as repo from './complaints.repository';

const COMPLAINT = { zh: '投诉', en: 'Complaint' };
const HOUR = 3_600_000;
/** Excel export cap: narrow the filters beyond it. */
export const EXPORT_MAX_COMPLAINTS = 20_000;

function toComplaint(v: repo.ComplaintView, now: Date): Complaint {
  return {
    id: v.id,
    number: v.number,
    channel: v.channel,
    category: v.category,
    department: v.department,
    severity: v.severity,
    state: v.state,
    customerId: v.customerId,
    customerName: v.customerName ?? '',
    vehicleId: v.vehicleId,
    plate: v.plate === null ? null : formatPlate(v.plate),
    roId: v.roId,
    roNumber: v.roNumber,
    description: v.description,
    ownerId: v.ownerId,
    ownerName: v.ownerName,
    acknowledgeDueAt: v.acknowledgeDueAt.toISOString(),
    resolveDueAt: v.resolveDueAt.toISOString(),
    apology: v.apology,
    promisedReplyAt: v.promisedReplyAt?.toISOString() ?? null,
    solution: v.solution,
    cause: v.cause,
    resolution: v.resolution,
    prevention: v.prevention,
    satisfaction: v.satisfaction,
    escalationLevel: v.escalationLevel,
    overdue: isComplaintOverdue(v, now),
    remedyCostFen: v.remedyCostFen,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
    closedAt: v.closedAt?.toISOString() ?? null,
    version: v.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Intake

/** What another module (the call screen, a survey) knows when a customer complains. */
export interface OpenComplaintInput {
  customerId: number;
  vehicleId?: number | null;
  roId?: number | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  department?: ComplaintDepartment | null;
  severity: ComplaintSeverity;
  description: string;
  ownerId?: number | null;
  resolveDueAt?: Date | null;
}

/**
 * Opens a complaint inside the caller's store transaction and returns its id and number
 * (TS20261129-0001). Stable interface for other modules (follow-up calls, surveys): the call and
 * the complaint it raised commit together or not at all. References must be this store's; a bad
 * one throws a 400 naming the field. The complaint is put on the vehicle's (or customer's)
 * timeline and its registration is the first recorded step.
 */
export async function openComplaint(tx: Executor, ctx: Ctx, input: OpenComplaintInput): Promise<{ id: number; number: string }> {
  const customer = await repo.customerOf(tx, ctx.storeId, input.customerId);
  if (!customer) throw invalidField('customerId', { zh: '客户不存在', en: 'No such customer' });
  if (customer.mergedIntoId !== null) throw invalidField('customerId', { zh: '该客户档案已合并，请选择合并后的档案', en: 'This customer file was merged; choose the surviving one' });
  let vehicleId = input.vehicleId ?? null;
  if (input.roId != null) {
    const ro = await repo.roOf(tx, ctx.storeId, input.roId);
    if (!ro) throw invalidField('roId', { zh: '委托书不存在', en: 'No such repair order' });
    vehicleId ??= ro.vehicleId;
  }
  if (vehicleId !== null) {
    const vehicle = await repo.vehicleOf(tx, ctx.storeId, vehicleId);
    if (!vehicle) throw invalidField('vehicleId', { zh: '车辆不存在', en: 'No such vehicle' });
    if (vehicle.mergedIntoId !== null) throw invalidField('vehicleId', { zh: '该车辆档案已合并，请选择合并后的档案', en: 'This vehicle file was merged; choose the surviving one' });
  }
  let ownerName = '';
  if (input.ownerId != null) {
    const owner = await repo.isStoreMember(tx, ctx.storeId, input.ownerId);
    if (!owner) throw invalidField('ownerId', { zh: '负责人不是本店员工', en: 'The owner is not on this store’s staff' });
    ownerName = owner.displayName;
  }
  const now = new Date();
  const due = COMPLAINT_DUE_HOURS[input.severity];
  const resolveDueAt = input.resolveDueAt ?? new Date(now.getTime() + due.resolve * HOUR);
  if (resolveDueAt.getTime() <= now.getTime()) throw invalidField('resolveDueAt', { zh: '处理期限应晚于当前时间', en: 'The due date must be in the future' });
  const number = await nextDocNumber(tx, ctx.storeId, 'TS', ctx.timeZone);
  const row = await repo.insertComplaint(tx, {
    storeId: ctx.storeId,
    number,
    channel: input.channel,
    category: input.category,
    department: input.department ?? null,
    severity: input.severity,
    customerId: input.customerId,
    vehicleId,
    roId: input.roId ?? null,
    description: input.description,
    ownerId: input.ownerId ?? null,
    ownerName,
    acknowledgeDueAt: new Date(now.getTime() + due.acknowledge * HOUR),
    resolveDueAt,
    createdBy: ctx.actor.userId,
    createdByName: ctx.actor.displayName,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insertStep(tx, { storeId: ctx.storeId, complaintId: row.id, action: 'register', fromState: null, toState: 'registered', note: input.description, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at: now });
  await addTimelineEvent(tx, ctx.storeId, {
    vehicleId,
    customerId: input.customerId,
    kind: 'complaint',
    title: `投诉登记 ${number}：${COMPLAINT_CATEGORY_LABELS[input.category].zh}（${COMPLAINT_CHANNEL_LABELS[input.channel].zh}）`,
    refType: 'complaint',
    refId: row.id,
    at: now,
    data: { number, category: input.category, severity: input.severity },
    actor: ctx.actor,
  });
  await writeAudit(ctx, tx, { action: 'complaint.register', entity: 'complaint', entityId: row.id, after: { number, channel: input.channel, category: input.category, severity: input.severity } });
  return { id: row.id, number };
}

export function registerComplaint(ctx: Ctx, input: ComplaintCreate): Promise<ComplaintDetail> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { id } = await openComplaint(tx, ctx, { ...input, resolveDueAt: input.resolveDueAt === null ? null : new Date(input.resolveDueAt) });
    return detail(tx, ctx.storeId, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

async function detail(tx: Executor, storeId: number, id: number): Promise<ComplaintDetail> {
  const row = await repo.findComplaint(tx, storeId, id);
  if (!row) throw notFound(COMPLAINT);
  const [steps, remedies] = await Promise.all([repo.listSteps(tx, storeId, id), repo.listRemedies(tx, storeId, id)]);
  return {
    ...toComplaint(row, new Date()),
    steps: steps.map((s) => ({ id: s.id, action: s.action, fromState: s.fromState, toState: s.toState, note: s.note, actorName: s.actorName, at: s.at.toISOString() })),
    remedies: remedies.map((r) => ({ id: r.id, kind: r.kind, costFen: r.costFen, note: r.note, createdAt: r.createdAt.toISOString() })),
  };
}

export function getComplaint(ctx: Ctx, id: number): Promise<ComplaintDetail> {
  return inStore(ctx.db, ctx.storeId, (tx) => detail(tx, ctx.storeId, id));
}

function rangeOf(query: { from?: string | undefined; to?: string | undefined }, timeZone: string) {
  return {
    start: query.from ? daysRange(query.from, query.from, timeZone).start : undefined,
    end: query.to ? daysRange(query.to, query.to, timeZone).end : undefined,
  };
}

export function listComplaints(ctx: Ctx, query: ComplaintListQuery): Promise<Page<Complaint>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    const { items, total } = await repo.listComplaints(tx, ctx.storeId, query, rangeOf(query, ctx.timeZone), now);
    return pageOf(query, items.map((v) => toComplaint(v, now)), total);
  });
}


/** The list as filtered, as an Excel sheet (投诉列表). */
export function exportComplaints(ctx: Ctx, query: ComplaintListQuery): Promise<Buffer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    const { items } = await repo.listComplaints(tx, ctx.storeId, query, rangeOf(query, ctx.timeZone), now, EXPORT_MAX_COMPLAINTS);
    const columns = [
      { header: '投诉单号', key: 'number', width: 18 },
      { header: '登记时间', key: 'createdAt', width: 18 },
      { header: '渠道', key: 'channel', width: 10 },
      { header: '类别', key: 'category', width: 10 },
      { header: '责任部门', key: 'department', width: 10 },
      { header: '严重程度', key: 'severity', width: 10 },
      { header: '状态', key: 'state', width: 12 },
      { header: '客户', key: 'customer', width: 12 },
      { header: '车牌', key: 'plate', width: 12 },
      { header: '投诉内容', key: 'description', width: 40 },
      { header: '负责人', key: 'owner', width: 10 },
      { header: '处理期限', key: 'due', width: 18 },
      { header: '超期', key: 'overdue', width: 6 },
      { header: '补偿费用(元)', key: 'cost', width: 12 },
      { header: '处理满意度', key: 'satisfaction', width: 12 },
    ];
    const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: ctx.timeZone }).slice(0, 16);
    const rows = items.map((v) => {
      const c = toComplaint(v, now);
      return {
        number: c.number,
        createdAt: local(v.createdAt),
        channel: COMPLAINT_CHANNEL_LABELS[c.channel].zh,
        category: COMPLAINT_CATEGORY_LABELS[c.category].zh,
        department: c.department ? COMPLAINT_DEPARTMENT_LABELS[c.department].zh : '',
        severity: COMPLAINT_SEVERITY_LABELS[c.severity].zh,
        state: COMPLAINT_STATE_LABELS[c.state].zh,
        customer: c.customerName,
        plate: c.plate ?? '',
        description: c.description,
        owner: c.ownerName,
        due: local(v.resolveDueAt),
        overdue: c.overdue ? '是' : '',
        cost: c.remedyCostFen / 100,
        satisfaction: c.satisfaction ? HANDLING_SATISFACTION_LABELS[c.satisfaction].zh : '',
      };
    });
    await writeAudit(ctx, tx, { action: 'complaint.export', entity: 'complaint', after: { rows: items.length, query } });
    return listWorkbook('投诉列表', columns, rows);
  });
}

// ---------------------------------------------------------------------------------------------
// The lifecycle

function illegal(row: repo.ComplaintRow, action: ComplaintStepInput['action']): AppError {
  const state = COMPLAINT_STATE_LABELS[row.state];
  const act = COMPLAINT_ACTION_LABELS[action];
  return new AppError(
    'ILLEGAL_TRANSITION',
    { zh: `投诉${row.number}当前为“${state.zh}”，不能“${act.zh}”`, en: `Complaint ${row.number} is ${state.en}: cannot ${act.en.toLowerCase()}` },
    { state: row.state, action },
  );
}

/** Closing is the supervisor's (前台主管 / 售后经理): complaint:close. */
function mayClose(ctx: Ctx): boolean {
  return ctx.actor.permissions.has('complaint:close');
}

/**
 * The one way a complaint moves (SPEC §9): the step must be legal from the current state, the
 * caller's version current (a conditional update), and every step is recorded with who, when and
 * the note, in the same transaction. Closing needs the cause, resolution and the customer's
 * satisfaction with the handling (also a CHECK in the database) and goes on the timeline.
 */
export function stepComplaint(ctx: Ctx, id: number, input: ComplaintStepInput): Promise<ComplaintDetail> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findComplaint(tx, ctx.storeId, id);
    if (!row) throw notFound(COMPLAINT);
    const to = complaintTransitionTarget(row.state, input.action);
    if (to === null) throw illegal(row, input.action);
    if (input.action === 'close' && !mayClose(ctx)) {
      throw new AppError('FORBIDDEN', { zh: '只有前台主管或售后经理可以结案', en: 'Only a supervisor or the after-sales manager may close a complaint' });
    }
    const now = new Date();
    let patch: Partial<repo.ComplaintInsert> = { state: to };
    let note = input.note;
    switch (input.action) {
      case 'acknowledge': {
        const promised = new Date(input.promisedReplyAt);
        if (promised.getTime() <= now.getTime()) throw invalidField('promisedReplyAt', { zh: '承诺答复时间应晚于当前时间', en: 'The promised reply time must be in the future' });
        patch = { ...patch, apology: input.apology, promisedReplyAt: promised, acknowledgedAt: now };
        note = [input.apology, input.note].filter(Boolean).join('；');
        break;
      }
      case 'propose':
        patch = { ...patch, solution: input.solution };
        note = [input.solution, input.note].filter(Boolean).join('；');
        break;
      case 'close':
        patch = { ...patch, cause: input.cause, resolution: input.resolution, prevention: input.prevention, satisfaction: input.satisfaction, closedAt: now };
        note = [input.resolution, input.note].filter(Boolean).join('；');
        break;
      case 'escalate':
        patch = { ...patch, escalationLevel: row.escalationLevel + 1, escalatedAt: now };
        break;
      case 'assign': {
        const owner = await repo.isStoreMember(tx, ctx.storeId, input.ownerId);
        if (!owner) throw invalidField('ownerId', { zh: '负责人不是本店员工', en: 'The owner is not on this store’s staff' });
        const due = input.resolveDueAt === undefined ? undefined : new Date(input.resolveDueAt);
        if (due && due.getTime() <= now.getTime()) throw invalidField('resolveDueAt', { zh: '处理期限应晚于当前时间', en: 'The due date must be in the future' });
        patch = { ...patch, ownerId: input.ownerId, ownerName: owner.displayName, ...(input.department ? { department: input.department } : {}), ...(due ? { resolveDueAt: due } : {}) };
        note = [`负责人：${owner.displayName}`, input.note].filter(Boolean).join('；');
        break;
      }
      default:
        break;
    }
    const updated = await repo.updateComplaint(tx, ctx.storeId, id, input.version, patch);
    if (!updated) throw staleVersion();
    if (input.action === 'propose') {
      await repo.insertRemedies(tx, input.remedies.map((r) => ({ storeId: ctx.storeId, complaintId: id, kind: r.kind, costFen: r.costFen, note: r.note, createdBy: ctx.actor.userId, createdAt: now })));
    }
    await repo.insertStep(tx, { storeId: ctx.storeId, complaintId: id, action: input.action, fromState: row.state, toState: to, note, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at: now });
    await writeAudit(ctx, tx, { action: `complaint.${input.action}`, entity: 'complaint', entityId: id, before: { state: row.state }, after: { state: to, note: note || undefined } });
    if (input.action === 'close' || input.action === 'escalate') {
      await addTimelineEvent(tx, ctx.storeId, {
        vehicleId: row.vehicleId,
        customerId: row.customerId,
        kind: 'complaint',
        title:
          input.action === 'close'
            ? `投诉结案 ${row.number}：处理满意度 ${HANDLING_SATISFACTION_LABELS[input.satisfaction].zh}`
            : `投诉升级 ${row.number}（第 ${row.escalationLevel + 1} 级）`,
        refType: 'complaint',
        refId: id,
        at: now,
        data: input.action === 'close' ? { number: row.number, satisfaction: input.satisfaction } : { number: row.number, level: row.escalationLevel + 1 },
        actor: ctx.actor,
      });
    }
    return detail(tx, ctx.storeId, id);
  });
}

/**
 * The escalation job (SPEC §9 "escalate when not solved in time"): every overdue case that was
 * never escalated is escalated once, recorded as a step by the system and put on the timeline.
 * The conditional update on `version` makes a second instance running the same scan a no-op.
 */
export async function escalateOverdueComplaints(db: Executor, now = new Date(), batch = 500): Promise<number> {
  return asSystem(db, async (tx) => {
    const due = await repo.overdueNotEscalated(tx, now, batch);
    let escalated = 0;
    for (const c of due) {
      const updated = await repo.updateComplaint(tx, c.storeId, c.id, c.version, { escalationLevel: 1, escalatedAt: now });
      if (!updated) continue;
      escalated += 1;
      const note = '超过处理期限，系统自动升级';
      await repo.insertStep(tx, { storeId: c.storeId, complaintId: c.id, action: 'escalate', fromState: c.state, toState: c.state, note, actorId: null, actorName: '系统', at: now });
      await addTimelineEvent(tx, c.storeId, {
        vehicleId: c.vehicleId,
        customerId: c.customerId,
        kind: 'complaint',
        title: `投诉升级 ${c.number}（超期）`,
        refType: 'complaint',
        refId: c.id,
        at: now,
        data: { number: c.number, level: 1, automatic: true },
      });
    }
    return escalated;
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

function emptyCounts(): Record<ComplaintCategory, number> {
  return Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, 0])) as Record<ComplaintCategory, number>;
}

/**
 * 投诉周报: complaints registered from `from` to `to` (local days) counted per week (Monday start,
 * in the store's time zone) and category, with each category's share of the period. Weeks without
 * complaints are listed with zeros. Exported for the monthly reports.
 */
export async function complaintCountsByWeek(tx: Executor, storeId: number, timeZone: string, from: string, to: string): Promise<ComplaintWeekly> {
  const { start, end } = daysRange(from, to, timeZone);
  const rows = await repo.countsByWeekAndCategory(tx, storeId, start, end, timeZone);
  const weeks = new Map<string, Record<ComplaintCategory, number>>();
  for (let w = weekStartOf(from); w <= to; w = addDays(w, 7)) weeks.set(w, emptyCounts());
  const totals = emptyCounts();
  for (const r of rows) {
    const week = weeks.get(r.week) ?? emptyCounts();
    week[r.category] += r.n;
    weeks.set(r.week, week);
    totals[r.category] += r.n;
  }
  const total = Object.values(totals).reduce((s, n) => s + n, 0);
  return {
    from,
    to,
    weeks: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, counts]) => ({ weekStart, counts, total: Object.values(counts).reduce((s, n) => s + n, 0) })),
    totals,
    shares: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, complaintShare(totals[c], total)])) as Record<ComplaintCategory, number>,
    total,
  };
}

export function weeklyTable(ctx: Ctx, query: ComplaintPeriodQuery): Promise<ComplaintWeekly> {
  return inStore(ctx.db, ctx.storeId, (tx) => complaintCountsByWeek(tx, ctx.storeId, ctx.timeZone, query.from, query.to));
}

/** Counts per responsible department (lists by responsibility are the list filtered by department). */
export function byDepartment(ctx: Ctx, query: ComplaintPeriodQuery): Promise<ComplaintDepartmentRow[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(query.from, query.to, ctx.timeZone);
    const rows = await repo.countsByDepartment(tx, ctx.storeId, start, end, new Date());
    return rows.map((r) => ({ department: r.department, total: r.total, open: r.open, overdue: r.overdue, closed: r.closed, remedyCostFen: Number(r.cost) }));
  });
}
