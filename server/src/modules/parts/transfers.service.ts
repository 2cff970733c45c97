import type { Page } from '#contracts/common';
import type { PartUnit } from '#contracts/parts';
import type { Transfer, TransferCreate, TransferListQuery } from '#contracts/parts-transfers';
import { asSystem, inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField, notFound } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { groupIdOfStore, storesOfGroup } from '../stores';
import * as catalog from './catalog.repository';
import { nextDocNumber } from '../../platform/doc-numbers';
import { applyMovements } from './ledger.repository';
import { actorOf, assertUnitQty, TRANSFER, unknownPart } from './parts.common';
import { normQty, sqlQty, toMilli } from './qty';
import * as repo from './transfers.repository';

/**
 * Transfers between stores of one dealer group (调拨, SPEC §13). Both sides in ONE transaction,
 * which must see two stores: it runs `asSystem` and names the store in every statement itself,
 * after checking that the receiving store belongs to the sender's group. The receiving store's part
 * is found by part number (separators ignored) or created from the sender's catalog entry; the value
 * moves at the sender's moving-average cost, so the group's stock value is unchanged.
 */

function toTransfer(row: repo.TransferRow, lines: repo.TransferLineView[], names: Map<number, string>): Transfer {
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    counterpartStoreId: row.counterpartStoreId,
    counterpartStoreName: names.get(row.counterpartStoreId) ?? '',
    reason: row.reason,
    totalValueFen: lines.reduce((s, l) => s + Number(l.valueFen), 0),
    lines: lines.map((l) => ({ partId: Number(l.partId), partNo: l.partNo, partName: l.partName, unit: l.unit as PartUnit, location: l.location, quantity: normQty(l.quantity), valueFen: Number(l.valueFen) })),
    actorName: row.actorName,
    at: row.at.toISOString(),
  };
}

async function view(tx: Executor, storeId: number, row: repo.TransferRow): Promise<Transfer> {
  const lines = await repo.linesOf(tx, storeId, [row.id]);
  return toTransfer(row, lines.get(row.id) ?? [], await repo.storeNames(tx, [row.counterpartStoreId]));
}

export function listTransfers(ctx: Ctx, query: TransferListQuery): Promise<Page<Transfer>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listTransfers(tx, ctx.storeId, query);
    const lines = await repo.linesOf(tx, ctx.storeId, rows.map((r) => r.id));
    const names = await repo.storeNames(tx, rows.map((r) => r.counterpartStoreId));
    return pageOf(query, rows.map((r) => toTransfer(r, lines.get(r.id) ?? [], names)), total);
  });
}

export function getTransfer(ctx: Ctx, id: number): Promise<Transfer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findTransfer(tx, ctx.storeId, id);
    if (!row) throw notFound(TRANSFER);
    return view(tx, ctx.storeId, row);
  });
}

export function createTransfer(ctx: Ctx, input: TransferCreate): Promise<Transfer> {
  const from = ctx.storeId;
  const to = input.toStoreId;
  const badStore = () => invalidField('toStoreId', { zh: '调入门店不存在、已停用或不属于本集团', en: 'Unknown or inactive store, or not of this group' });
  if (to === from) throw invalidField('toStoreId', { zh: '不能调拨给本店', en: 'Cannot transfer to the same store' });
  return asSystem(ctx.db, async (tx) => {
    const groupId = await groupIdOfStore(tx, from);
    const target = (await storesOfGroup(tx, groupId)).find((s) => s.id === to);
    if (!target || !target.active) throw badStore();
    await repo.lockStoresForTransfer(tx, [from, to]);

    const sources = await catalog.findPartsByIds(tx, from, input.lines.map((l) => l.partId));
    const lines = input.lines.map((l, i) => {
      const part = sources.get(l.partId);
      if (!part) throw unknownPart(`lines.${i}.partId`);
      const qty = toMilli(l.quantity);
      assertUnitQty(part.unit, qty, `lines.${i}.quantity`);
      return { part, qty, location: l.fromLocation ?? part.defaultLocation };
    });

    // The receiving store's catalog entries, created from ours where it has none.
    const targets = await catalog.findPartsByKeys(tx, to, lines.map((l) => l.part.partNoKey));
    for (const { part } of lines) {
      if (targets.has(part.partNoKey)) continue;
      const { id: _id, storeId: _s, version: _v, createdAt: _c, updatedAt: _u, ...fields } = part;
      targets.set(part.partNoKey, await catalog.insertPart(tx, { ...fields, storeId: to, active: true }));
    }

    const number = await nextDocNumber(tx, from, 'DB', ctx.timeZone);
    const actor = actorOf(ctx);
    const out = await repo.insertTransfer(tx, { storeId: from, number, direction: 'out', counterpartStoreId: to, reason: input.reason, actorId: actor.id, actorName: actor.name });
    const moved = await applyMovements(
      tx,
      from,
      actor,
      lines.map((l) => ({ partId: l.part.id, location: l.location, kind: 'transfer_out' as const, qty: -l.qty, reason: input.reason, refType: 'stock_transfer', refId: out.id })),
    );
    const into = await repo.insertTransfer(tx, { storeId: to, number, direction: 'in', counterpartStoreId: from, counterpartTransferId: out.id, reason: input.reason, actorId: actor.id, actorName: actor.name });
    await repo.linkCounterpart(tx, from, out.id, into.id);
    const arrivals = lines.map((l, i) => {
      const target = targets.get(l.part.partNoKey)!;
      return { part: target, location: target.defaultLocation, qty: l.qty, valueFen: -moved[i]!.valueFen };
    });
    await applyMovements(
      tx,
      to,
      actor,
      arrivals.map((a) => ({ partId: a.part.id, location: a.location, kind: 'transfer_in' as const, qty: a.qty, cost: { valueFen: a.valueFen }, reason: input.reason, refType: 'stock_transfer', refId: into.id })),
    );
    await repo.insertLines(tx, [
      ...lines.map((l, i) => ({ storeId: from, transferId: out.id, partId: l.part.id, location: l.location, quantity: sqlQty(l.qty), valueFen: Number(-moved[i]!.valueFen) })),
      ...arrivals.map((a) => ({ storeId: to, transferId: into.id, partId: a.part.id, location: a.location, quantity: sqlQty(a.qty), valueFen: Number(a.valueFen) })),
    ]);

    const result = await view(tx, from, { ...out, counterpartTransferId: into.id });
    await writeAudit(ctx, tx, { action: 'stock.transfer_out', entity: 'stock_transfer', entityId: out.id, after: result });
    await writeAudit({ actor: ctx.actor, storeId: to, ip: ctx.ip }, tx, { action: 'stock.transfer_in', entity: 'stock_transfer', entityId: into.id, after: { number, from, lines: result.lines } });
    return result;
  });
}
