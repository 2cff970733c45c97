import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { PartListQuery } from '#contracts/parts';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { partNoKey, nameKeyOf, queryGrams } from './catalog.keys';
import { parts, partVehicleModels } from './catalog.table';
import { partSearch } from './catalog.views';
import { stockValuations } from './stock.table';

export type PartRow = typeof parts.$inferSelect;
export type PartInsert = typeof parts.$inferInsert;
export type PartWithStock = PartRow & { onHand: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (s: string) => `%${escapeLike(s)}%`;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** `column = ANY($1::int[])`: one parameter however many ids. */
export function anyId(column: SQL | typeof parts.id, ids: readonly number[]): SQL {
  return sql`${column} = ANY(${sql.param([...new Set(ids)])}::int[])`;
}

/** A text[] literal bound as one parameter (node-postgres and PGlite alike). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;
}

/**
 * The lists' `q`: a part-number fragment (separators ignored: trigram on part_no_key) or a name
 * fragment (Chinese: the name_grams GIN, then the exact substring; Latin: trigram on name_key),
 * through the part_search view so that the indexes work under row-level security (ADR 0004).
 */
export function partQueryCondition(storeId: number, q: string, idColumn: SQL = sql`${parts.id}`): SQL {
  const key = partNoKey(q);
  const name = nameKeyOf(q);
  const probes: SQL[] = [];
  if (key) probes.push(sql`${partSearch.partNoKey} LIKE ${contains(key)}`);
  if (name && CJK.test(name)) {
    const grams = sql`${partSearch.nameGrams} @> ${textArray(queryGrams(name))}`;
    probes.push(Array.from(name).length <= 2 ? grams : sql`(${grams} AND ${partSearch.nameKey} LIKE ${contains(name)})`);
  } else if (name) {
    probes.push(sql`${partSearch.nameKey} LIKE ${contains(name)}`);
  }
  if (probes.length === 0) return sql`false`;
  // The matches first (an init plan over the trigram/gram indexes), then the list's order over them:
  // as `IN (subquery)` the planner walks the whole catalog in list order probing each part.
  return sql`${idColumn} = ANY (ARRAY(SELECT ${partSearch.id} FROM ${partSearch} WHERE ${partSearch.storeId} = ${storeId} AND (${sql.join(probes, sql` OR `)})))`;
}

function withStock() {
  return { part: parts, onHand: sql<string>`COALESCE(${stockValuations.onHand}, 0)::text` };
}

export async function listParts(tx: Executor, storeId: number, query: PartListQuery): Promise<{ rows: PartWithStock[]; total: number }> {
  const where = and(
    eq(parts.storeId, storeId),
    query.category ? eq(parts.category, query.category) : undefined,
    query.origin ? eq(parts.origin, query.origin) : undefined,
    query.active === undefined ? undefined : eq(parts.active, query.active),
    query.vehicleModelId
      ? sql`${parts.id} IN (SELECT ${partVehicleModels.partId} FROM ${partVehicleModels} WHERE ${partVehicleModels.storeId} = ${storeId} AND ${partVehicleModels.vehicleModelId} = ${query.vehicleModelId})`
      : undefined,
    query.q ? partQueryCondition(storeId, query.q) : undefined,
  );
  const rows = await tx
    .select(withStock())
    .from(parts)
    .leftJoin(stockValuations, and(eq(stockValuations.storeId, parts.storeId), eq(stockValuations.partId, parts.id)))
    .where(where)
    .orderBy(...orderBy(query, { partNo: parts.partNoKey, name: parts.nameKey, category: parts.category, retailPriceFen: parts.retailPriceFen }, parts.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [total] = await tx.select({ n: count() }).from(parts).where(where);
  return { rows: rows.map((r) => ({ ...r.part, onHand: r.onHand })), total: Number(total?.n ?? 0) };
}

export async function findPart(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<PartRow | undefined> {
  const q = tx
    .select()
    .from(parts)
    .where(and(eq(parts.storeId, storeId), eq(parts.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findPartWithStock(tx: Executor, storeId: number, id: number): Promise<PartWithStock | undefined> {
  const [row] = await tx
    .select(withStock())
    .from(parts)
    .leftJoin(stockValuations, and(eq(stockValuations.storeId, parts.storeId), eq(stockValuations.partId, parts.id)))
    .where(and(eq(parts.storeId, storeId), eq(parts.id, id)));
  return row && { ...row.part, onHand: row.onHand };
}

export async function findPartsByIds(tx: Executor, storeId: number, ids: readonly number[]): Promise<Map<number, PartRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(parts)
    .where(and(eq(parts.storeId, storeId), anyId(parts.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findPartsByKeys(tx: Executor, storeId: number, keys: readonly string[]): Promise<Map<string, PartRow>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(parts)
    .where(and(eq(parts.storeId, storeId), sql`${parts.partNoKey} = ANY(${textArray([...new Set(keys)])})`));
  return new Map(rows.map((r) => [r.partNoKey, r]));
}

export async function insertPart(tx: Executor, row: PartInsert): Promise<PartRow> {
  const [created] = await tx.insert(parts).values(row).returning();
  return created!;
}

export async function updatePart(tx: Executor, storeId: number, id: number, version: number | null, patch: Partial<PartInsert>): Promise<PartRow | undefined> {
  const [row] = await tx
    .update(parts)
    .set({ ...patch, version: sql`${parts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(parts.storeId, storeId), eq(parts.id, id), version === null ? undefined : eq(parts.version, version)))
    .returning();
  return row;
}

export async function modelIdsOf(tx: Executor, storeId: number, partIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(partIds.map((id) => [id, []]));
  if (partIds.length === 0) return out;
  const rows = await tx
    .select({ partId: partVehicleModels.partId, modelId: partVehicleModels.vehicleModelId })
    .from(partVehicleModels)
    .where(and(eq(partVehicleModels.storeId, storeId), anyId(sql`${partVehicleModels.partId}`, partIds)))
    .orderBy(partVehicleModels.partId, partVehicleModels.vehicleModelId);
  for (const r of rows) out.get(r.partId)?.push(r.modelId);
  return out;
}

/** Replaces the models a part fits. */
export async function setPartModels(tx: Executor, storeId: number, partId: number, modelIds: readonly number[]): Promise<void> {
  await tx.delete(partVehicleModels).where(and(eq(partVehicleModels.storeId, storeId), eq(partVehicleModels.partId, partId)));
  if (modelIds.length) await tx.insert(partVehicleModels).values(modelIds.map((vehicleModelId) => ({ storeId, partId, vehicleModelId })));
}

/**
 * The store's vehicle models with a display name, for the import's name matching and the export
 * (the vehicle-models module offers pages only; read by store here, nothing else of it is touched).
 */
export async function storeModelNames(tx: Executor, storeId: number): Promise<{ id: number; name: string }[]> {
  return queryRows<{ id: number; name: string }>(
    tx,
    sql`SELECT id, concat_ws(' ', brand, series, model, year::text) AS name FROM vehicle_models WHERE store_id = ${storeId} ORDER BY id`,
  );
}
