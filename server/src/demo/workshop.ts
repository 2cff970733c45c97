import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { DEFAULT_QC_CHECKLISTS, type ComebackReason, type JobState, type QcStage } from '#contracts/workshop';
import type { PauseReason, RoState } from '#contracts/repair-orders';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { repairOrderLines, repairOrders, repairOrderTransitions } from '../modules/repair-orders/repair-orders.table';
import { clockRecords, comebacks, faultCases, jobs, jobTechnicians, qcInspections, qualityIncidents } from '../modules/workshop/workshop.table';
import type { DemoStore } from './generator';

/**
 * The workshop of the first demo store (SPEC §6): today's dispatched ROs have their jobs (being
 * worked, paused, in QC, passed) with clock records and inspections; the last 45 days of delivered
 * ROs have finished jobs, clocking and QC transitions (a few internal reworks), some comebacks; a
 * few cases in the case library and two incidents. The demo technician `tech` is never left clocked
 * on a job, so he can start one at once.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TODAY_STATES: RoState[] = ['dispatched', 'in_progress', 'paused', 'qc', 'washing', 'ready'];
const COMEBACK_REASONS: ComebackReason[] = ['noise', 'workmanship', 'vibration', 'part_replacement'];

export async function insertDemoWorkshop(tx: Executor, store: DemoStore, now = new Date()): Promise<{ jobs: number; comebacks: number }> {
  const techs = store.staff.filter((s) => s.role === 'technician' || s.role === 'team_leader');
  if (techs.length === 0) return { jobs: 0, comebacks: 0 };
  const inspector = store.staff.find((s) => s.role === 'technical_supervisor') ?? techs[0]!;
  const leader = store.staff.find((s) => s.role === 'team_leader') ?? techs[0]!;
  const baysOf = (type: string) => store.bays.filter((b) => b.type === type);
  let rr = 0;
  const nextTech = (exclude: Set<number>) => {
    for (let i = 0; i < techs.length; i++) {
      const t = techs[(rr + i) % techs.length]!;
      if (!exclude.has(t.userId)) {
        rr = (rr + i + 1) % techs.length;
        return t;
      }
    }
    return null;
  };
  let jobCount = 0;
  /** One bay per RO: the car stands in one place. */
  const bayOfRo = new Map<number, number | null>();

  async function addJob(
    ro: { id: number },
    line: typeof repairOrderLines.$inferSelect,
    tech: (typeof techs)[number],
    spec: { state: JobState; qcStage: QcStage | null; pauseReason?: PauseReason | null; startedAt: Date | null; finishedAt: Date | null; clocks: { from: Date; to: Date | null; end: string }[]; passed: ('self' | 'team' | 'final')[] },
  ) {
    const bays = baysOf(line.jobType ?? 'mechanical');
    let bayId = bayOfRo.get(ro.id);
    if (bayId === undefined) {
      bayId = bays.length ? bays[bayOfRo.size % bays.length]!.id : null;
      bayOfRo.set(ro.id, bayId);
    }
    const [job] = await tx
      .insert(jobs)
      .values({
        storeId: store.id,
        roId: ro.id,
        roLineId: line.id,
        description: line.description,
        jobType: line.jobType ?? 'mechanical',
        standardHours: line.hours ?? '0',
        requiredGrade: line.requiredGrade,
        requiredCertification: line.requiredCertification,
        bayId,
        state: spec.state,
        qcStage: spec.qcStage,
        pauseReason: spec.pauseReason ?? null,
        assignedAt: spec.startedAt ? new Date(spec.startedAt.getTime() - 10 * MINUTE) : new Date(now.getTime() - 30 * MINUTE),
        startedAt: spec.startedAt,
        finishedAt: spec.finishedAt,
      })
      .returning({ id: jobs.id });
    jobCount++;
    await tx.insert(jobTechnicians).values({ storeId: store.id, jobId: job!.id, userId: tech.userId, name: tech.displayName, position: 0 });
    if (spec.clocks.length) {
      await tx.insert(clockRecords).values(
        spec.clocks.map((c) => ({ storeId: store.id, jobId: job!.id, roId: ro.id, technicianId: tech.userId, technicianName: tech.displayName, startedAt: c.from, endedAt: c.to, endReason: c.end })),
      );
    }
    const items = DEFAULT_QC_CHECKLISTS[line.jobType ?? 'mechanical'].map((text, i) => ({ code: `d${i + 1}`, text, pass: true, remark: '' }));
    for (const [i, level] of spec.passed.entries()) {
      const by = level === 'self' ? tech : level === 'team' ? leader : inspector;
      await tx.insert(qcInspections).values({ storeId: store.id, jobId: job!.id, roId: ro.id, level, passed: true, items, inspectorId: by.userId, inspectorName: by.displayName, at: new Date((spec.finishedAt ?? now).getTime() + (i + 1) * 5 * MINUTE) });
    }
    return job!.id;
  }

  // ---- Today: the jobs behind the open ROs' states.
  const today = await tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, store.id), inArray(repairOrders.state, TODAY_STATES)))
    .orderBy(asc(repairOrders.id));
  const clockedNow = new Set<number>(techs.filter((t) => t.username === 'tech').map((t) => t.userId));
  for (const ro of today) {
    const lines = await tx
      .select()
      .from(repairOrderLines)
      .where(and(eq(repairOrderLines.storeId, store.id), eq(repairOrderLines.roId, ro.id), eq(repairOrderLines.kind, 'labour'), isNull(repairOrderLines.removedAt)))
      .orderBy(asc(repairOrderLines.id));
    const started = ro.startedAt ?? new Date(now.getTime() - 2 * HOUR);
    // One technician does the RO's jobs (the one being worked is never `tech`, see above).
    const roTech = ro.state === 'in_progress' ? nextTech(clockedNow) : nextTech(new Set());
    if (!roTech) continue;
    let cursor = started;
    for (const [i, line] of lines.entries()) {
      const hours = Number(line.hours ?? 0.5);
      // Finished work lies in the past: a long job of a recent RO is squeezed before now.
      const done = new Date(Math.min(cursor.getTime() + Math.max(0.3, hours) * HOUR, now.getTime() - 5 * MINUTE));
      const from = new Date(Math.min(cursor.getTime(), done.getTime() - 10 * MINUTE));
      if (ro.state === 'dispatched') {
        await addJob(ro, line, roTech, { state: 'assigned', qcStage: null, startedAt: null, finishedAt: null, clocks: [], passed: [] });
      } else if (ro.state === 'in_progress') {
        // The first line is being worked (one open clock per technician); the others wait.
        if (i === 0) clockedNow.add(roTech.userId);
        await addJob(ro, line, roTech, i === 0 ? { state: 'in_progress', qcStage: null, startedAt: started, finishedAt: null, clocks: [{ from: started, to: null, end: '' }], passed: [] } : { state: 'assigned', qcStage: null, startedAt: null, finishedAt: null, clocks: [], passed: [] });
      } else if (ro.state === 'paused') {
        const pause = new Date(Math.min(now.getTime() - 10 * MINUTE, started.getTime() + 40 * MINUTE));
        // The first line stopped (waiting for parts or the customer); the others wait their turn.
        await addJob(
          ro,
          line,
          roTech,
          i === 0
            ? { state: 'paused', qcStage: null, pauseReason: ro.pauseReason ?? 'waiting_parts', startedAt: started, finishedAt: null, clocks: [{ from: started, to: pause, end: ro.pauseReason ?? 'waiting_parts' }], passed: [] }
            : { state: 'assigned', qcStage: null, startedAt: null, finishedAt: null, clocks: [], passed: [] },
        );
      } else {
        const passed: ('self' | 'team' | 'final')[] = ro.state === 'qc' ? ['self'] : ['self', 'team', 'final'];
        await addJob(ro, line, roTech, { state: 'done', qcStage: ro.state === 'qc' ? 'team' : 'passed', startedAt: from, finishedAt: done, clocks: [{ from, to: done, end: 'finish' }], passed });
        cursor = new Date(done.getTime() + 5 * MINUTE);
      }
    }
  }

  // ---- The last 45 days: finished jobs, clocking, QC transitions, a few reworks.
  const since = new Date(now.getTime() - 45 * 24 * HOUR);
  const history = await tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, store.id), eq(repairOrders.state, 'delivered'), gte(repairOrders.deliveredAt, since)))
    .orderBy(asc(repairOrders.id))
    .limit(400);
  for (const [n, ro] of history.entries()) {
    const lines = await tx
      .select()
      .from(repairOrderLines)
      .where(and(eq(repairOrderLines.storeId, store.id), eq(repairOrderLines.roId, ro.id), eq(repairOrderLines.kind, 'labour'), isNull(repairOrderLines.removedAt)));
    if (lines.length === 0) continue;
    const readyAt = ro.readyAt ?? ro.deliveredAt!;
    const tech = nextTech(new Set())!;
    const total = lines.reduce((sum, l) => sum + Number(l.hours ?? 0.5), 0);
    // Actual time: 80–130 % of the standard hours, one clock record per line back to back, with a break.
    const factor = 0.8 + ((n * 37) % 50) / 100;
    let cursor = new Date(readyAt.getTime() - (total * factor + 0.5) * HOUR);
    for (const line of lines) {
      const took = Math.max(0.2, Number(line.hours ?? 0.5)) * factor * HOUR;
      const from = cursor;
      const to = new Date(from.getTime() + took);
      await addJob(ro, line, tech, { state: 'done', qcStage: 'passed', startedAt: from, finishedAt: to, clocks: [{ from, to, end: 'finish' }], passed: [] });
      cursor = new Date(to.getTime() + 5 * MINUTE);
    }
    const submitted = new Date(cursor.getTime() + 5 * MINUTE);
    const rework = n % 14 === 3;
    await tx.insert(repairOrderTransitions).values([
      { storeId: store.id, roId: ro.id, action: 'submit_qc', fromState: 'in_progress', toState: 'qc', actorId: tech.userId, actorName: tech.displayName, at: submitted },
      ...(rework
        ? [{ storeId: store.id, roId: ro.id, action: 'qc_fail' as const, fromState: 'qc' as const, toState: 'rework' as const, reason: '终检不合格：螺栓力矩未复核', actorId: inspector.userId, actorName: inspector.displayName, at: new Date(submitted.getTime() + 10 * MINUTE) }]
        : []),
    ]);
  }

  // ---- Comebacks: a later delivered RO of the same car linked to the one before it.
  const pairs = await queryRows<{ id: number; prev: number | null }>(
    tx,
    sql`SELECT r.id, (SELECT p.id FROM repair_orders p
                       WHERE p.store_id = r.store_id AND p.vehicle_id = r.vehicle_id AND p.opened_at < r.opened_at AND p.state = 'delivered'
                       ORDER BY p.opened_at DESC LIMIT 1) AS prev
          FROM repair_orders r
         WHERE r.store_id = ${store.id} AND r.state NOT IN ('draft', 'cancelled') AND r.opened_at >= ${since.toISOString()}::timestamptz
         ORDER BY r.opened_at DESC LIMIT 300`,
  );
  const linked = pairs.filter((p) => p.prev !== null).filter((_, i) => i % 5 === 0).slice(0, 5);
  for (const [i, p] of linked.entries()) {
    await tx.insert(comebacks).values({ storeId: store.id, roId: p.id, originalRoId: p.prev!, reason: COMEBACK_REASONS[i % COMEBACK_REASONS.length]!, note: '客户反映同一问题再次出现', recordedBy: leader.userId, recordedByName: leader.displayName });
    await tx.update(repairOrders).set({ comebackOfRoId: p.prev! }).where(and(eq(repairOrders.storeId, store.id), eq(repairOrders.id, p.id)));
  }

  // ---- The case library and incidents.
  const model = store.models[0] ? `${store.models[0].brand} ${store.models[0].series}` : '卡罗拉';
  const model2 = store.models[1] ? `${store.models[1].brand} ${store.models[1].series}` : model;
  await tx.insert(faultCases).values([
    { storeId: store.id, title: '冷车启动怠速抖动', modelName: model, symptom: '冷车启动后怠速抖动明显，发动机故障灯偶尔点亮，热车后减轻', diagnosis: '读取故障码 P0301（1缸失火）；对调点火线圈后故障随线圈转移', fix: '更换1缸点火线圈，清除故障码，冷车复测怠速平稳', authorId: inspector.userId, authorName: inspector.displayName },
    { storeId: store.id, title: '过减速带底盘异响', modelName: model2, symptom: '低速通过减速带时前部“咯噔”异响', diagnosis: '举升检查前稳定杆连杆球头旷量超标', fix: '更换左右前稳定杆连杆，路试异响消失', authorId: inspector.userId, authorName: inspector.displayName },
    { storeId: store.id, title: '空调间歇性不制冷', modelName: model, symptom: '空调使用半小时后出风变热，停一会儿又恢复', diagnosis: '低压管路结霜，膨胀阀冰堵；系统含水', fix: '回收制冷剂、抽真空 30 分钟并更换干燥瓶，按标准量加注', authorId: inspector.userId, authorName: inspector.displayName },
  ]);
  await tx.insert(qualityIncidents).values([
    { storeId: store.id, kind: 'vehicle_damage', occurredAt: new Date(now.getTime() - 3 * 24 * HOUR), description: '移车入库时右后保险杠轻微刮擦', ownerId: leader.userId, ownerName: leader.displayName, followUp: '已向客户说明，免费钣喷修复', status: 'closed', closedAt: new Date(now.getTime() - 2 * 24 * HOUR), createdBy: leader.userId, createdByName: leader.displayName },
    { storeId: store.id, kind: 'part_not_fitted', occurredAt: new Date(now.getTime() - 20 * HOUR), description: '领出的空调滤芯未装车，交车前发现', ownerId: techs[0]!.userId, ownerName: techs[0]!.displayName, followUp: '', status: 'open', createdBy: leader.userId, createdByName: leader.displayName },
  ]);
  return { jobs: jobCount, comebacks: linked.length };
}
