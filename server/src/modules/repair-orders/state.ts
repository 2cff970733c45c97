import { RO_ACTION_LABELS, RO_STATE_LABELS, transitionTarget, type RoAction, type RoState } from '#contracts/repair-orders';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import { notifyChange } from '../../platform/events';
import type { Ctx } from '../../platform/context';
import { AppError, staleVersion } from '../../platform/errors';
import * as repo from './repair-orders.repository';
import type { repairOrders } from './repair-orders.table';

/** The moments a state is first (or last) reached, kept on the RO for the board and the KPIs. */
const STAMPS: Partial<Record<RoState, keyof repo.RoRow>> = {
  open: 'signedAt',
  dispatched: 'dispatchedAt',
  ready: 'readyAt',
  settled: 'settledAt',
  delivered: 'deliveredAt',
  cancelled: 'cancelledAt',
};

export function illegalTransition(row: Pick<repo.RoRow, 'number' | 'state'>, action: RoAction): AppError {
  const state = RO_STATE_LABELS[row.state];
  const act = RO_ACTION_LABELS[action];
  return new AppError(
    'ILLEGAL_TRANSITION',
    { zh: `委托书${row.number}当前为“${state.zh}”，不能“${act.zh}”`, en: `Repair order ${row.number} is ${state.en}: cannot ${act.en.toLowerCase()}` },
    { state: row.state, action },
  );
}

/**
 * The one way an RO changes state (SPEC §5): the move must be legal from the current state, the
 * caller's version must be current (a conditional update: two people never overwrite each other),
 * and every move is recorded with who and when, in the same transaction as its other changes.
 */
export async function applyTransition(
  tx: Executor,
  ctx: Ctx,
  row: repo.RoRow,
  action: RoAction,
  opts: { version: number; reason?: string; patch?: Partial<typeof repairOrders.$inferInsert> },
): Promise<repo.RoRow> {
  const to = transitionTarget(row.state, action);
  if (to === null) throw illegalTransition(row, action);
  const now = new Date();
  const stamp = STAMPS[to];
  const patch = {
    state: to,
    ...(stamp ? { [stamp]: now } : {}),
    ...(action === 'start' && row.startedAt === null ? { startedAt: now } : {}),
    ...(to !== 'paused' ? { pauseReason: null } : {}),
    ...opts.patch,
  };
  const updated = await repo.updateRo(tx, ctx.storeId, row.id, opts.version, patch);
  if (!updated) throw staleVersion();
  await repo.insertTransition(tx, {
    storeId: ctx.storeId,
    roId: row.id,
    action,
    fromState: row.state,
    toState: to,
    reason: opts.reason ?? '',
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    at: now,
  });
  await writeAudit(ctx, tx, {
    action: `repair_order.${action}`,
    entity: 'repair_order',
    entityId: row.id,
    before: { state: row.state },
    after: { state: to, reason: opts.reason || undefined },
  });
  await notifyChange(tx, ctx.storeId); // the workshop board: delivered when the transaction commits
  return updated;
}
