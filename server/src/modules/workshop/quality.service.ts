import { firstTimeFixRate, rate, type ComebackCreate, type Comeback, type PeriodQuery, type QualityRates, type WorkshopQualityReport } from '#contracts/workshop';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { daysRange } from '../../platform/local-time';
import { listStaff } from '../identity/staff.service';
import { assertPeriod } from './stats.service';
import * as repo from './workshop.repository';

const RO = { zh: '维修委托书', en: 'Repair order' };

async function toComebacks(tx: Executor, storeId: number, rows: repo.ComebackRow[]): Promise<Comeback[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.roId, r.originalRoId]))];
  const [ros, techs] = await Promise.all([repo.rosByIds(tx, storeId, ids), repo.technicianNamesOfRos(tx, storeId, rows.map((r) => r.originalRoId))]);
  const byId = new Map(ros.map((r) => [r.id, r]));
  return rows.map((r) => ({
    id: r.id,
    roId: r.roId,
    roNumber: byId.get(r.roId)?.number ?? '',
    originalRoId: r.originalRoId,
    originalRoNumber: byId.get(r.originalRoId)?.number ?? '',
    plate: byId.get(r.roId)?.plate ?? null,
    reason: r.reason,
    note: r.note,
    technicians: techs.filter((t) => t.roId === r.originalRoId).map((t) => t.name),
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt.toISOString(),
  }));
}

/**
 * 返修 (SPEC §6): the new RO is linked to an earlier, finished RO of the same vehicle with one of
 * the first-time-fix failure reasons. The link is also written on the RO (comeback_of_ro_id).
 */
export function recordComeback(ctx: Ctx, input: ComebackCreate): Promise<Comeback> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await repo.findRoForUpdate(tx, ctx.storeId, input.roId);
    if (!ro) throw notFound(RO);
    const original = await repo.findRo(tx, ctx.storeId, input.originalRoId);
    if (!original) throw invalidField('originalRoId', { zh: '原委托书不存在', en: 'Unknown original repair order' });
    if (original.id === ro.id || original.vehicleId !== ro.vehicleId) throw invalidField('originalRoId', { zh: '原委托书须为同一车辆的较早委托书', en: 'The original must be an earlier repair order of the same vehicle' });
    if (original.openedAt.getTime() >= ro.openedAt.getTime() || !['settled', 'delivered'].includes(original.state)) {
      throw invalidField('originalRoId', { zh: '原委托书须为已结算或已出厂的较早委托书', en: 'The original must be an earlier, settled or delivered repair order' });
    }
    if (ro.state === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', { zh: '委托书已取消', en: 'The repair order is cancelled' });
    if (ro.comebackOfRoId !== null) throw new AppError('DUPLICATE', { zh: `委托书${ro.number}已登记为返修`, en: `Repair order ${ro.number} is already a comeback` });
    const row = await repo.insertComeback(tx, { storeId: ctx.storeId, roId: ro.id, originalRoId: original.id, reason: input.reason, note: input.note, recordedBy: ctx.actor.userId, recordedByName: ctx.actor.displayName });
    await repo.setComebackOf(tx, ctx.storeId, ro.id, original.id);
    await writeAudit(ctx, tx, { action: 'repair_order.comeback_recorded', entity: 'repair_order', entityId: ro.id, after: { originalRoId: original.id, reason: input.reason, note: input.note || undefined } });
    return (await toComebacks(tx, ctx.storeId, [row]))[0]!;
  });
}

export function listComebacks(ctx: Ctx, query: PeriodQuery): Promise<Comeback[]> {
  assertPeriod(query);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(query.from, query.to, ctx.timeZone);
    return toComebacks(tx, ctx.storeId, await repo.comebacksBetween(tx, ctx.storeId, start, end));
  });
}

function ratesOf(key: string, name: string, facts: repo.QualityFacts[]): QualityRates {
  const ros = facts.filter((f) => f.delivered).length;
  const comebackRos = facts.filter((f) => f.delivered && f.comeback).length;
  const qcRos = facts.filter((f) => f.throughQc).length;
  const reworkRos = facts.filter((f) => f.throughQc && f.rework).length;
  return { key, name, ros, comebackRos, firstTimeFixRate: firstTimeFixRate(ros, comebackRos), qcRos, reworkRos, reworkRate: rate(reworkRos, qcRos) };
}

/** First-time fix and internal rework rates of the store, its teams and technicians (SPEC §16). */
export async function qualityReport(ctx: Ctx, query: PeriodQuery): Promise<WorkshopQualityReport> {
  assertPeriod(query);
  const staff = (await listStaff(ctx, { page: 1, pageSize: 200, order: 'asc' })).items;
  const teamOf = new Map(staff.map((s) => [s.userId, s.team]));
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(query.from, query.to, ctx.timeZone);
    const facts = await repo.qualityFacts(tx, ctx.storeId, start, end);
    const byRo = new Map(facts.map((f) => [f.roId, f]));
    const links = await repo.technicianRos(tx, ctx.storeId, facts.map((f) => f.roId));
    const group = (keyOf: (l: (typeof links)[number]) => string | null) => {
      const groups = new Map<string, { name: string; ros: Set<number> }>();
      for (const l of links) {
        const k = keyOf(l);
        if (k === null) continue;
        const g = groups.get(k) ?? { name: '', ros: new Set<number>() };
        g.ros.add(l.roId);
        groups.set(k, g);
      }
      return groups;
    };
    const techGroups = group((l) => String(l.userId));
    const technicians = [...techGroups.entries()].map(([k, g]) => {
      const name = links.find((l) => String(l.userId) === k)!.name;
      return ratesOf(k, name, [...g.ros].map((id) => byRo.get(id)!));
    });
    const teamGroups = group((l) => teamOf.get(l.userId) ?? null);
    const teams = [...teamGroups.entries()].map(([k, g]) => ratesOf(k, k, [...g.ros].map((id) => byRo.get(id)!)));
    const sort = (a: QualityRates, b: QualityRates) => a.name.localeCompare(b.name, 'zh');
    return { store: ratesOf('store', '全店', facts), teams: teams.sort(sort), technicians: technicians.sort(sort) };
  });
}
