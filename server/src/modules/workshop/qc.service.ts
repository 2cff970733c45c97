import type { JobType } from '#contracts/stores';
import { DEFAULT_QC_CHECKLISTS, QC_LEVEL_LABELS, QC_STAGE_LABELS, type ChecklistItem, type ChecklistUpdate, type Job, type QcBody, type QcLevel, type QcStage } from '#contracts/workshop';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notifyChange } from '../../platform/events';
import { AppError, invalidField, staleVersion } from '../../platform/errors';
import { applyTransition } from '../repair-orders';
import { assertOnJob, lockRoOfJob, syncRoWithJobs, toJobs } from './jobs.service';
import * as repo from './workshop.repository';

/** The store's checklist for a job type; the defaults are written the first time it is needed. */
export async function checklistFor(tx: Executor, storeId: number, jobType: JobType): Promise<ChecklistItem[]> {
  if (!(await repo.anyChecklistRow(tx, storeId, jobType))) {
    await repo.insertChecklistItems(
      tx,
      DEFAULT_QC_CHECKLISTS[jobType].map((text, i) => ({ storeId, jobType, code: `d${i + 1}`, text, position: i + 1 })),
    );
  }
  const rows = await repo.checklistOf(tx, storeId, jobType);
  return rows.map((r) => ({ code: r.code, text: r.text, position: r.position }));
}

export function getChecklist(ctx: Ctx, jobType: JobType): Promise<ChecklistItem[]> {
  return inStore(ctx.db, ctx.storeId, (tx) => checklistFor(tx, ctx.storeId, jobType));
}

/**
 * Replaces a job type's checklist (ADR 2: the whole list). Items keep their codes by position where
 * the text is unchanged; past inspections keep the text they were made against.
 */
export function updateChecklist(ctx: Ctx, jobType: JobType, input: ChecklistUpdate): Promise<ChecklistItem[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await checklistFor(tx, ctx.storeId, jobType);
    await repo.deactivateChecklist(tx, ctx.storeId, jobType);
    const stamp = Date.now().toString(36);
    for (const [i, item] of input.items.entries()) {
      const same = before.find((b) => b.text === item.text);
      await repo.upsertChecklistItem(tx, { storeId: ctx.storeId, jobType, code: same?.code ?? `c${stamp}${i + 1}`, text: item.text, position: i + 1 });
    }
    await writeAudit(ctx, tx, { action: 'qc_checklist.updated', entity: 'qc_checklist', entityId: jobType, before: before.map((b) => b.text), after: input.items.map((i) => i.text) });
    return checklistFor(tx, ctx.storeId, jobType);
  });
}

/** Jobs waiting for the team-leader check or the final inspection, oldest first. */
export function qcQueue(ctx: Ctx, level: 'team' | 'final'): Promise<Job[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => toJobs(tx, ctx.storeId, await repo.jobsAtQcStage(tx, ctx.storeId, level)));
}

const NEXT_STAGE: Record<QcLevel, QcStage> = { self: 'team', team: 'final', final: 'passed' };

/**
 * One level of the three-level inspection (三级质检, SPEC §6). A pass moves the job to the next
 * level (and the RO to QC once every job is self-checked, on to the wash or ready once every job
 * passed the final inspection). A fail sends the job back to be worked again: at the team-leader
 * or final level it is internal rework (内返), recorded with its reason, and an RO in QC goes to
 * rework. The team-leader check and the final inspection are made by someone not on the job.
 */
export async function inspectJob(ctx: Ctx, id: number, level: QcLevel, input: Omit<QcBody, 'level'>): Promise<Job> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { ro, job } = await lockRoOfJob(tx, ctx.storeId, id);
    if (level === 'self') await assertOnJob(tx, ctx, id);
    else {
      const techs = await repo.techniciansOf(tx, ctx.storeId, [id]);
      if (techs.some((t) => t.userId === ctx.actor.userId)) {
        throw new AppError('CONFLICT', { zh: `${QC_LEVEL_LABELS[level].zh}须由作业技师以外的人员进行`, en: `The ${QC_LEVEL_LABELS[level].en.toLowerCase()} is made by someone not on the job` });
      }
    }
    if (job.version !== input.version) throw staleVersion();
    if (job.state !== 'done' || job.qcStage !== level) {
      const stage = job.state === 'done' && job.qcStage ? QC_STAGE_LABELS[job.qcStage] : { zh: '未完工', en: 'not finished' };
      throw new AppError(
        'ILLEGAL_TRANSITION',
        { zh: `作业${stage.zh}，不能进行${QC_LEVEL_LABELS[level].zh}`, en: `The job is ${stage.en.toLowerCase()}: no ${QC_LEVEL_LABELS[level].en.toLowerCase()} now` },
        { state: job.state, qcStage: job.qcStage, level },
      );
    }
    const checklist = await checklistFor(tx, ctx.storeId, job.jobType);
    const results = new Map(input.items.map((i) => [i.code, i]));
    if (results.size !== input.items.length || checklist.some((c) => !results.has(c.code)) || input.items.some((i) => !checklist.some((c) => c.code === i.code))) {
      throw invalidField('items', { zh: '请逐项填写检查清单的结果', en: 'Give a result for each checklist item' });
    }
    const passed = input.items.every((i) => i.pass);
    const reason = input.remarks || input.items.filter((i) => !i.pass && i.remark).map((i) => i.remark).join('；');
    if (!passed && reason === '') throw invalidField('remarks', { zh: '不合格时请填写原因', en: 'Say why it failed' });
    await repo.insertInspection(tx, {
      storeId: ctx.storeId,
      jobId: id,
      roId: ro.id,
      level,
      passed,
      items: checklist.map((c) => ({ code: c.code, text: c.text, pass: results.get(c.code)!.pass, remark: results.get(c.code)!.remark })),
      remarks: input.remarks,
      inspectorId: ctx.actor.userId,
      inspectorName: ctx.actor.displayName,
    });
    const failText = `${QC_LEVEL_LABELS[level].zh}不合格：${reason}`;
    const updated = await repo.updateJob(
      tx,
      ctx.storeId,
      id,
      input.version,
      passed ? { qcStage: NEXT_STAGE[level] } : { state: 'assigned', qcStage: null, finishedAt: null, reworkCount: level === 'self' ? job.reworkCount : job.reworkCount + 1 },
    );
    if (!updated) throw staleVersion();
    if (passed) {
      const current = await syncRoWithJobs(tx, ctx, ro);
      if (level === 'final' && current.state === 'qc') {
        const jobs = await repo.jobsOfRo(tx, ctx.storeId, ro.id);
        if (jobs.every((j) => j.qcStage === 'passed')) await applyTransition(tx, ctx, current, input.wash ? 'qc_pass' : 'skip_wash', { version: current.version, reason: '终检合格' });
      }
    } else if (ro.state === 'qc') {
      await applyTransition(tx, ctx, ro, 'qc_fail', { version: ro.version, reason: failText });
    }
    await writeAudit(ctx, tx, { action: `job.qc_${level}_${passed ? 'passed' : 'failed'}`, entity: 'job', entityId: id, after: { level, passed, reason: passed ? undefined : reason } });
    await notifyChange(tx, ctx.storeId);
    const row = (await repo.findJob(tx, ctx.storeId, id))!;
    return (await toJobs(tx, ctx.storeId, [row]))[0]!;
  });
}
