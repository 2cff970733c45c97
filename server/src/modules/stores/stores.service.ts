import { StoreSettingsSchema, type StoreSettings } from '#contracts/settings';
import type { Store, StoreCreate, StoreHeader, StoreUpdate } from '#contracts/stores';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion } from '../../platform/errors';
import * as repo from './stores.repository';

const STORE = { zh: '门店', en: 'Store' };

function toStore(row: repo.StoreRow): Store {
  const { id, code, name, brand, address, phone, timeZone, labourRates, openingHours, active, version } = row;
  return { id, code, name, brand, address, phone, timeZone, labourRates, openingHours, active, version };
}

/** Stores are group reference data: read outside the store scope, always filtered by group here. */
export async function groupIdOfStore(tx: Executor, storeId: number): Promise<number> {
  const store = await repo.findStore(tx, storeId);
  if (!store) throw notFound(STORE);
  return store.groupId;
}

/** 工时单价 per job type; stores are reference data, readable inside any store's transaction. */
export async function labourRatesOf(tx: Executor, storeId: number) {
  const store = await repo.findStore(tx, storeId);
  if (!store) throw notFound(STORE);
  return store.labourRates;
}

export function storesOfGroup(tx: Executor, groupId: number) {
  return repo.listStoresOfGroup(tx, groupId);
}

/** The effective settings of a store: stored values over the SPEC defaults. */
export function settingsOf(row: Pick<repo.StoreRow, 'settings'>): StoreSettings {
  return StoreSettingsSchema.parse(row.settings ?? {});
}

/** The settings inside the caller's store transaction (stores are not store-scoped rows). */
export async function storeSettingsIn(tx: Executor, storeId: number): Promise<StoreSettings> {
  const row = await repo.findStore(tx, storeId);
  if (!row) throw notFound(STORE);
  return settingsOf(row);
}

export async function getStoreSettings(db: Executor, storeId: number): Promise<StoreSettings> {
  return asSystem(db, async (tx) => {
    const row = await repo.findStore(tx, storeId);
    if (!row) throw notFound(STORE);
    return settingsOf(row);
  });
}

export async function currentStoreHeader(ctx: Ctx): Promise<StoreHeader> {
  const { id, code, name, brand, address, phone, timeZone } = await getStore(ctx, ctx.storeId);
  return { id, code, name, brand, address, phone, timeZone };
}

export async function listStores(ctx: Ctx): Promise<Store[]> {
  return asSystem(ctx.db, async (tx) => {
    const groupId = await groupIdOfStore(tx, ctx.storeId);
    const rows = await repo.listStoresOfGroup(tx, groupId);
    // Store staff see their own store; group roles see the whole group.
    return rows.filter((r) => ctx.actor.groupRole || r.id === ctx.storeId).map(toStore);
  });
}

async function loadStoreOfGroup(tx: Executor, ctx: Ctx, id: number): Promise<repo.StoreRow> {
  const groupId = await groupIdOfStore(tx, ctx.storeId);
  const row = await repo.findStore(tx, id);
  if (!row || row.groupId !== groupId || (!ctx.actor.groupRole && row.id !== ctx.storeId)) throw notFound(STORE);
  return row;
}

export async function getStore(ctx: Ctx, id: number): Promise<Store> {
  return asSystem(ctx.db, async (tx) => toStore(await loadStoreOfGroup(tx, ctx, id)));
}

export async function createStore(ctx: Ctx, input: StoreCreate): Promise<Store> {
  return asSystem(ctx.db, async (tx) => {
    const groupId = await groupIdOfStore(tx, ctx.storeId);
    const row = await repo.insertStore(tx, { ...input, groupId, settings: {} });
    await writeAudit(ctx, tx, { action: 'store.created', entity: 'store', entityId: row.id, after: toStore(row) });
    return toStore(row);
  });
}

export async function updateStore(ctx: Ctx, id: number, input: StoreUpdate): Promise<Store> {
  return asSystem(ctx.db, async (tx) => {
    const before = await loadStoreOfGroup(tx, ctx, id);
    const { version, ...patch } = input;
    const row = await repo.updateStore(tx, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'store.updated', entity: 'store', entityId: id, before: toStore(before), after: toStore(row) });
    return toStore(row);
  });
}

export async function readSettings(ctx: Ctx): Promise<{ settings: StoreSettings; version: number }> {
  return asSystem(ctx.db, async (tx) => {
    const row = await loadStoreOfGroup(tx, ctx, ctx.storeId);
    return { settings: settingsOf(row), version: row.version };
  });
}

/** Settings changes are audit-logged with the values before and after. */
export async function updateSettings(ctx: Ctx, input: { settings: StoreSettings; version: number }) {
  return asSystem(ctx.db, async (tx) => {
    const before = await loadStoreOfGroup(tx, ctx, ctx.storeId);
    const row = await repo.updateStore(tx, ctx.storeId, input.version, { settings: input.settings });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, {
      action: 'settings.updated',
      entity: 'store_settings',
      entityId: ctx.storeId,
      before: settingsOf(before),
      after: settingsOf(row),
    });
    return { settings: settingsOf(row), version: row.version };
  });
}
