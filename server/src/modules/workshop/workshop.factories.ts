import { eq, inArray } from 'drizzle-orm';
import type { JobType } from '#contracts/stores';
import type { JobState, QcStage } from '#contracts/workshop';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { users } from '../identity/identity.table';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import type { repairOrders } from '../repair-orders/repair-orders.table';
import { faultCases, jobs, jobTechnicians, qualityIncidents } from './workshop.table';

/** User ids (and names) of fixture users by username (`technician.0`…). */
export async function usersNamed(db: Executor, usernames: string[]): Promise<{ id: number; displayName: string }[]> {
  const rows = await asSystem(db, (tx) => tx.select({ id: users.id, displayName: users.displayName, username: users.username }).from(users).where(inArray(users.username, usernames)));
  return usernames.map((u) => rows.find((r) => r.username === u)).filter((r) => r !== undefined);
}

/** The store index (0 or 1) of a fixture store, for usernames like `technician.${i}`. */
export function fixtureIndex(world: { stores: { id: number }[] }, storeId: number): number {
  return world.stores.findIndex((s) => s.id === storeId);
}

/**
 * A job written directly (for tests of later steps and the route examples): an RO in `roState` with
 * one labour line, its job in `state`/`qcStage`, done by `technicianIds`.
 */
export async function buildJob(
  db: Executor,
  storeId: number,
  opts: {
    state?: JobState;
    qcStage?: QcStage | null;
    roState?: (typeof repairOrders.$inferInsert)['state'];
    ro?: Partial<typeof repairOrders.$inferInsert>;
    technicianIds: number[];
    jobType?: JobType;
    bayId?: number | null;
    hours?: string;
    finishedAt?: Date;
  },
) {
  const ro = await buildRepairOrder(db, storeId, { state: opts.roState ?? 'in_progress', ...opts.ro });
  return asSystem(db, async (tx) => {
    const names = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, opts.technicianIds));
    const state = opts.state ?? 'assigned';
    const [job] = await tx
      .insert(jobs)
      .values({
        storeId,
        roId: ro.id,
        roLineId: ro.line.id,
        description: ro.line.description,
        jobType: opts.jobType ?? 'mechanical',
        standardHours: opts.hours ?? '1',
        bayId: opts.bayId ?? null,
        state,
        qcStage: opts.qcStage ?? (state === 'done' ? 'self' : null),
        startedAt: state === 'assigned' ? null : new Date(),
        finishedAt: state === 'done' ? (opts.finishedAt ?? new Date()) : null,
      })
      .returning();
    await tx.insert(jobTechnicians).values(opts.technicianIds.map((userId, position) => ({ storeId, jobId: job!.id, userId, name: names.find((n) => n.id === userId)?.displayName ?? '', position })));
    return { ...job!, ro };
  });
}

export async function buildFaultCase(db: Executor, storeId: number, overrides: Partial<typeof faultCases.$inferInsert> = {}) {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(faultCases)
      .values({ storeId, title: '怠速抖动', modelName: '矩阵 车系 2024', symptom: '冷车启动后怠速抖动', diagnosis: '点火线圈老化', fix: '更换点火线圈', ...overrides })
      .returning(),
  );
  return row!;
}

export async function buildIncident(db: Executor, storeId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx.insert(qualityIncidents).values({ storeId, kind: 'item_lost', occurredAt: new Date(), description: '客户车内雨伞遗失' }).returning(),
  );
  return row!;
}

export async function jobRow(db: Executor, id: number) {
  const [row] = await asSystem(db, (tx) => tx.select().from(jobs).where(eq(jobs.id, id)));
  return row!;
}
