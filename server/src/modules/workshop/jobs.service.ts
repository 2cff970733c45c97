import { PAUSE_REASON_LABELS, type PauseReason, type RoAction } from '#contracts/repair-orders';
import { SKILL_GRADE_LABELS, type Role, type SkillGrade } from '#contracts/roles';
import {
  gradeFits,
  JOB_ACTION_LABELS,
  JOB_STATE_LABELS,
  jobTransitionTarget,
  type AssignBody,
  type AssignResult,
  type DispatchBoard,
  type DispatchWarning,
  type Job,
  type JobActionBody,
  type JobCandidate,
  type JobDetail,
  type ReassignBody,
} from '#contracts/workshop';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notifyChange } from '../../platform/events';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { localToInstant, todayIn } from '../../platform/local-time';
import { hasValidCertification } from '../identity';
// The identity module's index does not export these two yet (see ADR 0007).
import { getStaffMember, listStaff } from '../identity/staff.service';
import { applyTransition } from '../repair-orders';
import { hoursOf, hoursText } from './clocking';
import { checklistFor } from './qc.service';
import * as repo from './workshop.repository';

export const JOB = { zh: '作业', en: 'Job' };
const LINE = { zh: '维修项目', en: 'Labour line' };
/** Roles that may be given jobs. */
export const WORKSHOP_ROLES: readonly Role[] = ['technician', 'team_leader', 'technical_supervisor', 'workshop_supervisor'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Views

export async function toJobs(tx: Executor, storeId: number, rows: repo.JobRow[], now = new Date()): Promise<Job[]> {
  const ids = rows.map((j) => j.id);
  const [techs, clocks, ros, bays] = await Promise.all([
    repo.techniciansOf(tx, storeId, ids),
    repo.clocksOfJobs(tx, storeId, ids),
    repo.rosByIds(tx, storeId, [...new Set(rows.map((j) => j.roId))]),
    repo.activeBays(tx, storeId),
  ]);
  const roById = new Map(ros.map((r) => [r.id, r]));
  const bayName = new Map(bays.map((b) => [b.id, b.name]));
  return rows.map((j) => {
    const ro = roById.get(j.roId)!;
    const clockedMs = clocks.filter((c) => c.jobId === j.id).reduce((sum, c) => sum + ((c.endedAt ?? now).getTime() - c.startedAt.getTime()), 0);
    return {
      id: j.id,
      roId: j.roId,
      roNumber: ro.number,
      roState: ro.state,
      plate: ro.plate,
      modelName: ro.modelName,
      promisedAt: iso(ro.promisedAt),
      lineId: j.roLineId,
      description: j.description,
      jobType: j.jobType,
      standardHours: Number(j.standardHours).toFixed(2),
      requiredGrade: j.requiredGrade,
      requiredCertification: j.requiredCertification,
      bayId: j.bayId,
      bayName: j.bayId === null ? '' : (bayName.get(j.bayId) ?? ''),
      technicians: techs.filter((t) => t.jobId === j.id).map((t) => ({ userId: t.userId, name: t.name })),
      state: j.state,
      pauseReason: j.pauseReason,
      qcStage: j.qcStage,
      reworkCount: j.reworkCount,
      assignedAt: j.assignedAt.toISOString(),
      startedAt: iso(j.startedAt),
      finishedAt: iso(j.finishedAt),
      clockedHours: hoursText(hoursOf(clockedMs)),
      version: j.version,
    };
  });
}

async function loadJob(tx: Executor, storeId: number, id: number): Promise<Job> {
  const row = await repo.findJob(tx, storeId, id);
  if (!row) throw notFound(JOB);
  return (await toJobs(tx, storeId, [row]))[0]!;
}

export async function requireJob(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<repo.JobRow> {
  const row = await repo.findJob(tx, storeId, id, opts);
  if (!row) throw notFound(JOB);
  return row;
}

/** The RO of a job, locked: every job change takes the RO row first, then the job (one lock order). */
export async function lockRoOfJob(tx: Executor, storeId: number, jobId: number): Promise<{ ro: repo.RoRow; job: repo.JobRow }> {
  const peek = await requireJob(tx, storeId, jobId);
  const ro = await repo.findRoForUpdate(tx, storeId, peek.roId);
  if (!ro) throw notFound(JOB);
  const job = await requireJob(tx, storeId, jobId, { forUpdate: true });
  return { ro, job };
}

function candidateOf({ line, ro }: { line: repo.LineRow; ro: repo.RoRow }): JobCandidate {
  return {
    roId: ro.id,
    roNumber: ro.number,
    roState: ro.state,
    plate: ro.plate,
    modelName: ro.modelName,
    promisedAt: iso(ro.promisedAt),
    lineId: line.id,
    description: line.description,
    jobType: line.jobType ?? 'mechanical',
    hours: Number(line.hours ?? 0).toFixed(2),
    requiredGrade: line.requiredGrade,
    requiredCertification: line.requiredCertification,
  };
}

// ---------------------------------------------------------------------------------------------
// The dispatcher's screen

/** Unassigned lines, current jobs, technicians with their load and the bays (SPEC §6 派工). */
export async function dispatchBoard(ctx: Ctx): Promise<DispatchBoard> {
  const staff = (await listStaff(ctx, { page: 1, pageSize: 200, order: 'asc', sort: 'displayName' })).items.filter((s) => WORKSHOP_ROLES.includes(s.role));
  const day = todayIn(ctx.timeZone);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const since = localToInstant(day, '00:00', ctx.timeZone);
    const [lines, jobRows, bays, clocks] = await Promise.all([repo.unassignedLines(tx, ctx.storeId), repo.currentJobs(tx, ctx.storeId, since), repo.activeBays(tx, ctx.storeId), repo.allOpenClocks(tx, ctx.storeId)]);
    const jobs = await toJobs(tx, ctx.storeId, jobRows);
    const load = new Map<number, number>();
    for (const j of jobs) {
      if (j.state === 'done' && (j.finishedAt === null || Date.parse(j.finishedAt) < since.getTime())) continue;
      for (const t of j.technicians) load.set(t.userId, (load.get(t.userId) ?? 0) + Number(j.standardHours) / j.technicians.length);
    }
    const clockedJob = new Map(clocks.map((c) => [c.technicianId, c.jobId]));
    return {
      day,
      unassigned: lines.map(candidateOf),
      jobs,
      technicians: staff
        .filter((s) => s.active)
        .map((s) => ({
          userId: s.userId,
          name: s.displayName,
          skillGrade: s.skillGrade,
          team: s.team,
          certifications: s.certifications.filter((c) => !c.expired).map((c) => c.name),
          loadHours: hoursText(load.get(s.userId) ?? 0),
          clockedJobId: clockedJob.get(s.userId) ?? null,
        })),
      bays: bays.map((b) => ({
        id: b.id,
        code: b.code,
        name: b.name,
        type: b.type,
        activeJobs: jobs.filter((j) => j.bayId === b.id && j.state !== 'done').length,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Assigning

interface Technician {
  userId: number;
  name: string;
  grade: SkillGrade | null;
}

/** The named technicians as store members of a workshop role (read before the transaction). */
async function techniciansFor(ctx: Ctx, ids: number[]): Promise<Technician[]> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length) throw invalidField('technicianIds', { zh: '技师重复', en: 'A technician is named twice' });
  const out: Technician[] = [];
  for (const id of unique) {
    const member = await getStaffMember(ctx, id).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw invalidField('technicianIds', { zh: '技师不存在', en: 'Unknown technician' });
      throw err;
    });
    if (!WORKSHOP_ROLES.includes(member.role) || !member.active) throw invalidField('technicianIds', { zh: `${member.displayName}不是车间技师`, en: `${member.displayName} is not a workshop technician` });
    out.push({ userId: member.userId, name: member.displayName, grade: member.skillGrade });
  }
  return out;
}

/**
 * Checks the technicians against the job's needs: a certified job (持证上岗) refuses an uncertified
 * technician; a grade below the required one is only a warning (the dispatcher decides).
 */
async function checkSkills(tx: Executor, ctx: Ctx, need: { requiredGrade: repo.LineRow['requiredGrade']; requiredCertification: string | null }, technicians: Technician[]): Promise<DispatchWarning[]> {
  const day = todayIn(ctx.timeZone);
  if (need.requiredCertification) {
    const missing: Technician[] = [];
    for (const t of technicians) if (!(await hasValidCertification(tx, ctx.storeId, t.userId, need.requiredCertification, day))) missing.push(t);
    if (missing.length) {
      const names = missing.map((t) => t.name).join('、');
      throw new AppError(
        'CONFLICT',
        { zh: `该项目须持“${need.requiredCertification}”上岗，${names}没有有效认证`, en: `This job needs the certification “${need.requiredCertification}”: ${names} has none that is valid` },
        { code: 'CERTIFICATION_REQUIRED', certification: need.requiredCertification, userIds: missing.map((t) => t.userId) },
      );
    }
  }
  const warnings: DispatchWarning[] = [];
  if (need.requiredGrade) {
    const required = SKILL_GRADE_LABELS[need.requiredGrade];
    for (const t of technicians) {
      if (t.grade === null) {
        warnings.push({ code: 'grade_unknown', userId: t.userId, message: { zh: `${t.name}未设置技能等级（要求${required.zh}）`, en: `${t.name} has no skill grade (needs ${required.en})` } });
      } else if (!gradeFits(t.grade, need.requiredGrade)) {
        const has = SKILL_GRADE_LABELS[t.grade];
        warnings.push({ code: 'grade_below_required', userId: t.userId, message: { zh: `${t.name}为${has.zh}，该项目要求${required.zh}`, en: `${t.name} is ${has.en}; the job needs ${required.en}` } });
      }
    }
  }
  return warnings;
}

async function checkBay(tx: Executor, storeId: number, bayId: number | null): Promise<void> {
  if (bayId === null) return;
  const bay = await repo.findBay(tx, storeId, bayId);
  if (!bay || !bay.active) throw invalidField('bayId', { zh: '工位不存在或已停用', en: 'Unknown or inactive bay' });
}

/** Dispatches a labour line (派工); the first job of a signed RO moves it to dispatched. */
export async function assignJob(ctx: Ctx, input: AssignBody): Promise<AssignResult> {
  const technicians = await techniciansFor(ctx, input.technicianIds);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const peek = await repo.findLabourLine(tx, ctx.storeId, input.lineId);
    if (!peek) throw notFound(LINE);
    const ro = await repo.findRoForUpdate(tx, ctx.storeId, peek.roId);
    if (!ro) throw notFound(LINE);
    if (!repo.DISPATCHABLE_RO_STATES.includes(ro.state)) {
      throw new AppError('ILLEGAL_TRANSITION', { zh: `委托书${ro.number}当前状态不能派工`, en: `Repair order ${ro.number} cannot be dispatched in its state` }, { state: ro.state });
    }
    const line = (await repo.findLabourLine(tx, ctx.storeId, input.lineId))!;
    await checkBay(tx, ctx.storeId, input.bayId);
    const warnings = await checkSkills(tx, ctx, line, technicians);
    const job = await repo.insertJob(tx, {
      storeId: ctx.storeId,
      roId: ro.id,
      roLineId: line.id,
      description: line.description,
      jobType: line.jobType ?? 'mechanical',
      standardHours: line.hours ?? '0',
      requiredGrade: line.requiredGrade,
      requiredCertification: line.requiredCertification,
      bayId: input.bayId,
      assignedBy: ctx.actor.userId,
    });
    await repo.setTechnicians(tx, ctx.storeId, job.id, technicians);
    if (ro.state === 'open') await applyTransition(tx, ctx, ro, 'dispatch', { version: ro.version });
    await writeAudit(ctx, tx, { action: 'job.assigned', entity: 'job', entityId: job.id, after: { roId: ro.id, lineId: line.id, bayId: input.bayId, technicianIds: input.technicianIds, warnings: warnings.map((w) => w.code) } });
    await notifyChange(tx, ctx.storeId);
    return { job: await loadJob(tx, ctx.storeId, job.id), warnings };
  });
}

/** Moves a job to other technicians or another bay (not while it is being worked: pause first). */
export async function reassignJob(ctx: Ctx, id: number, input: ReassignBody): Promise<AssignResult> {
  await inStore(ctx.db, ctx.storeId, (tx) => requireJob(tx, ctx.storeId, id)); // another store's job: 404 before anything else
  const technicians = await techniciansFor(ctx, input.technicianIds);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { job } = await lockRoOfJob(tx, ctx.storeId, id);
    if (job.version !== input.version) throw staleVersion();
    if (job.state === 'in_progress' || job.state === 'done') {
      const label = JOB_STATE_LABELS[job.state];
      throw new AppError('ILLEGAL_TRANSITION', { zh: `作业${label.zh}，不能改派（请先暂停）`, en: `The job is ${label.en.toLowerCase()}: pause it before reassigning` }, { state: job.state });
    }
    await checkBay(tx, ctx.storeId, input.bayId);
    const warnings = await checkSkills(tx, ctx, job, technicians);
    const before = await repo.techniciansOf(tx, ctx.storeId, [id]);
    const updated = await repo.updateJob(tx, ctx.storeId, id, input.version, { bayId: input.bayId, assignedAt: new Date(), assignedBy: ctx.actor.userId });
    if (!updated) throw staleVersion();
    await repo.setTechnicians(tx, ctx.storeId, id, technicians);
    await writeAudit(ctx, tx, {
      action: 'job.reassigned',
      entity: 'job',
      entityId: id,
      before: { bayId: job.bayId, technicianIds: before.map((t) => t.userId) },
      after: { bayId: input.bayId, technicianIds: input.technicianIds, reason: input.reason || undefined },
    });
    await notifyChange(tx, ctx.storeId);
    return { job: await loadJob(tx, ctx.storeId, id), warnings };
  });
}

// ---------------------------------------------------------------------------------------------
// Start / pause / resume / finish, with clocking

function illegalJobMove(job: repo.JobRow, action: JobActionBody['action']): AppError {
  const state = JOB_STATE_LABELS[job.state];
  const act = JOB_ACTION_LABELS[action];
  return new AppError('ILLEGAL_TRANSITION', { zh: `作业当前为“${state.zh}”，不能“${act.zh}”`, en: `The job is ${state.en.toLowerCase()}: cannot ${act.en.toLowerCase()}` }, { state: job.state, action });
}

/** The actor works on the job, or may act for the workshop (dispatcher, team leader…). */
export async function assertOnJob(tx: Executor, ctx: Ctx, jobId: number): Promise<{ userId: number; name: string }[]> {
  const techs = await repo.techniciansOf(tx, ctx.storeId, [jobId]);
  const mine = techs.some((t) => t.userId === ctx.actor.userId);
  if (!mine && !ctx.actor.permissions.has('job:dispatch')) {
    throw new AppError('FORBIDDEN', { zh: '这不是您的作业', en: 'This job is not assigned to you' });
  }
  return techs.map((t) => ({ userId: t.userId, name: t.name }));
}

/** The pause reason the RO shows when its work stops: what blocks it most. */
const PAUSE_PRIORITY: PauseReason[] = ['waiting_parts', 'waiting_approval', 'waiting_qc', 'other', 'break'];

/**
 * Keeps the RO's state in step with its jobs (SPEC §5 state machine, through applyTransition):
 * any job worked → in progress; all stopped with one paused → paused (with the most blocking
 * reason); every labour line dispatched, finished and self-checked → QC.
 */
export async function syncRoWithJobs(tx: Executor, ctx: Ctx, ro: repo.RoRow, reason = ''): Promise<repo.RoRow> {
  if (!['dispatched', 'in_progress', 'paused', 'rework'].includes(ro.state)) return ro;
  const jobs = await repo.jobsOfRo(tx, ctx.storeId, ro.id);
  let current = ro;
  const move = async (action: RoAction, patch = {}) => {
    current = await applyTransition(tx, ctx, current, action, { version: current.version, reason, patch });
  };
  if (jobs.some((j) => j.state === 'in_progress')) {
    if (current.state === 'dispatched' || current.state === 'rework') await move('start');
    else if (current.state === 'paused') await move('resume');
    return current;
  }
  const paused = jobs.filter((j) => j.state === 'paused');
  if (paused.length) {
    const pauseReason = PAUSE_PRIORITY.find((r) => paused.some((j) => j.pauseReason === r)) ?? 'other';
    if (current.state === 'in_progress') await move('pause', { pauseReason });
    return current;
  }
  const lines = await repo.liveLabourLineCount(tx, ctx.storeId, ro.id);
  const allChecked = jobs.length > 0 && jobs.length >= lines && jobs.every((j) => j.state === 'done' && j.qcStage !== null && j.qcStage !== 'self');
  if (allChecked) {
    if (current.state === 'paused') await move('resume');
    if (current.state === 'in_progress') await move('submit_qc');
  }
  return current;
}

export async function jobAction(ctx: Ctx, id: number, input: JobActionBody): Promise<Job> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { ro, job } = await lockRoOfJob(tx, ctx.storeId, id);
    const techs = await assertOnJob(tx, ctx, id);
    if (job.version !== input.version) throw staleVersion();
    const to = jobTransitionTarget(job.state, input.action);
    if (to === null) throw illegalJobMove(job, input.action);
    if (input.action === 'pause' && input.pauseReason === null) throw invalidField('pauseReason', { zh: '请选择暂停原因', en: 'Pick why the job is paused' });
    if (input.action === 'start' && !['dispatched', 'in_progress', 'paused', 'rework'].includes(ro.state)) {
      throw new AppError('ILLEGAL_TRANSITION', { zh: `委托书${ro.number}当前状态不能开工`, en: `Repair order ${ro.number} cannot be worked in its state` }, { state: ro.state });
    }
    const now = new Date();
    if (input.action === 'start' || input.action === 'resume') {
      const busy = await repo.openClocksOf(tx, ctx.storeId, techs.map((t) => t.userId));
      if (busy.length) {
        const names = techs.filter((t) => busy.some((b) => b.technicianId === t.userId)).map((t) => t.name).join('、');
        throw new AppError('CONFLICT', { zh: `${names}正在另一项作业计时，请先暂停那项作业`, en: `${names} is clocked on another job: pause it first` }, { jobIds: busy.map((b) => b.jobId) });
      }
      await repo.openClocks(tx, techs.map((t) => ({ storeId: ctx.storeId, jobId: id, roId: job.roId, technicianId: t.userId, technicianName: t.name, startedAt: now })));
    } else {
      await repo.closeClocksOfJob(tx, ctx.storeId, id, now, input.action === 'finish' ? 'finish' : input.pauseReason!, input.note);
    }
    const updated = await repo.updateJob(tx, ctx.storeId, id, input.version, {
      state: to,
      pauseReason: input.action === 'pause' ? input.pauseReason : null,
      ...(input.action === 'start' && job.startedAt === null ? { startedAt: now } : {}),
      ...(input.action === 'finish' ? { finishedAt: now, qcStage: 'self' as const } : {}),
    });
    if (!updated) throw staleVersion();
    const note = input.action === 'pause' ? `${PAUSE_REASON_LABELS[input.pauseReason!].zh}${input.note ? `：${input.note}` : ''}` : input.note;
    await syncRoWithJobs(tx, ctx, ro, note);
    await writeAudit(ctx, tx, { action: `job.${input.action}`, entity: 'job', entityId: id, before: { state: job.state }, after: { state: to, pauseReason: input.pauseReason ?? undefined, note: input.note || undefined } });
    await notifyChange(tx, ctx.storeId);
    return loadJob(tx, ctx.storeId, id);
  });
}

/**
 * The advisor sent the car back at delivery (RO in rework): the dispatcher reopens a job for it.
 * The send-back itself is the internal rework the KPI counts (from the RO's transitions).
 */
export async function reopenJob(ctx: Ctx, id: number, input: { reason: string; version: number }): Promise<Job> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { ro, job } = await lockRoOfJob(tx, ctx.storeId, id);
    if (job.version !== input.version) throw staleVersion();
    if (ro.state !== 'rework' || job.state !== 'done') {
      throw new AppError('ILLEGAL_TRANSITION', { zh: '只有返工中委托书的已完工作业可以重新开启', en: 'Only a finished job of a repair order in rework can be reopened' }, { state: job.state, roState: ro.state });
    }
    const updated = await repo.updateJob(tx, ctx.storeId, id, input.version, { state: 'assigned', qcStage: null, pauseReason: null, reworkCount: job.reworkCount + 1 });
    if (!updated) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'job.reopened', entity: 'job', entityId: id, after: { reason: input.reason } });
    await notifyChange(tx, ctx.storeId);
    return loadJob(tx, ctx.storeId, id);
  });
}

// ---------------------------------------------------------------------------------------------
// The technician's tablet

/** My jobs: assigned, being worked, paused, or finished and awaiting my self-check. */
export function myJobs(ctx: Ctx): Promise<Job[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rows = await repo.jobsOfTechnician(tx, ctx.storeId, ctx.actor.userId, ['assigned', 'in_progress', 'paused']);
    return toJobs(tx, ctx.storeId, rows.map((r) => r.job));
  });
}

export function jobDetail(ctx: Ctx, id: number): Promise<JobDetail> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await requireJob(tx, ctx.storeId, id);
    const [job] = await toJobs(tx, ctx.storeId, [row]);
    const [checklist, inspections, clocks] = await Promise.all([checklistFor(tx, ctx.storeId, row.jobType), repo.inspectionsOfJob(tx, ctx.storeId, id), repo.clocksOfJobs(tx, ctx.storeId, [id])]);
    return {
      ...job!,
      checklist,
      inspections: inspections.map((i) => ({ id: i.id, jobId: i.jobId, level: i.level, passed: i.passed, items: i.items, remarks: i.remarks, inspectorName: i.inspectorName, at: i.at.toISOString() })),
      clocks: clocks.map((c) => ({ technicianName: c.technicianName, startedAt: c.startedAt.toISOString(), endedAt: iso(c.endedAt), endReason: c.endReason })),
    };
  });
}
