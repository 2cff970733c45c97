import { sql, type SQL } from 'drizzle-orm';
import type { MatchKind, SearchField } from '#contracts/customers-tools';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';
import { customers as customerTable, vehicles as vehicleTable } from './customers.table';
import { customerSearch as customers, vehicleSearch as vehicles } from './search-views';
import { likeContains, likePrefix, likeSuffix, nameMatches, type QueryShape } from './search-sql';

/**
 * The search box's SQL: one statement of small probes, each answered by an index and limited, so
 * the cost does not grow with the store. It reads the search views (search-views.ts: the store's
 * unmerged files, as the schema owner, so that the trigram/GIN indexes work under RLS):
 *   plate fragment → vehicles_plate_trgm        VIN tail/fragment → vehicles_vin_trgm
 *   4+ phone digits → customers_phone_digits_trgm
 *   name: exact and prefix → customers_store_search_name_idx (text_pattern_ops), any fragment →
 *   customers_name_grams_gin; pinyin initials → customers_store_initials_idx (text_pattern_ops)
 * and the vehicles of the customers found, through their owner/driver indexes.
 * Rank: 0 exact, 1 prefix (or VIN tail), 2 contains. Prefix probes order `USING ~<~`, the order of
 * their text_pattern_ops index, so they stop after `limit` rows even for a one-character prefix.
 */
export interface Hit {
  type: 'vehicle' | 'customer';
  id: number;
  field: SearchField;
  rank: number;
  via: 'owner' | 'driver' | null;
}

export const RANK_KINDS: readonly MatchKind[] = ['exact', 'prefix', 'contains'];

/** The probes of `shape` as CTEs and the UNION ALL of their hits (null: nothing to look for). */
function hitsSql(storeId: number, shape: QueryShape, limit: number): { ctes: SQL[]; hits: SQL } | null {
  // The views hold only unmerged files of the transaction's store; the store is named again here.
  const liveCustomer = sql`${customers.storeId} = ${storeId}`;
  const liveVehicle = sql`${vehicles.storeId} = ${storeId}`;
  const customerProbes: SQL[] = [];
  const vehicleProbes: SQL[] = [];

  if (shape.digits) {
    const d = shape.digits;
    customerProbes.push(sql`(SELECT ${customers.id} AS id,
        CASE WHEN ${customers.mobile} LIKE ${likeContains(d)} THEN 'mobile' ELSE 'phone' END AS field,
        CASE WHEN ${customers.mobile} = ${d} OR ${d} = ANY(${customers.otherPhones}) THEN 0
             WHEN ${customers.mobile} LIKE ${likePrefix(d)} THEN 1 ELSE 2 END AS rank
      FROM ${customers} WHERE ${liveCustomer} AND ${customers.phoneDigits} LIKE ${likeContains(d)}
      ORDER BY rank, ${customers.id} DESC LIMIT ${limit})`);
  }
  const hasText = /[^\d]/.test(shape.name);
  if (shape.name && hasText) {
    const n = shape.name;
    customerProbes.push(
      sql`(SELECT ${customers.id} AS id, 'name' AS field, 0 AS rank FROM ${customers}
        WHERE ${liveCustomer} AND ${customers.searchName} = ${n} LIMIT ${limit})`,
      sql`(SELECT ${customers.id} AS id, 'name' AS field, 1 AS rank FROM ${customers}
        WHERE ${liveCustomer} AND ${customers.searchName} LIKE ${likePrefix(n)} ORDER BY ${customers.searchName} USING ~<~ LIMIT ${limit})`,
      sql`(SELECT ${customers.id} AS id, 'name' AS field, 2 AS rank FROM ${customers}
        WHERE ${liveCustomer} AND ${nameMatches(n)!} LIMIT ${limit})`,
    );
  }
  if (shape.initials) {
    const i = shape.initials;
    customerProbes.push(sql`(SELECT ${customers.id} AS id, 'pinyin' AS field,
        CASE WHEN ${customers.nameInitials} = ${i} THEN 0 ELSE 1 END AS rank
      FROM ${customers} WHERE ${liveCustomer} AND ${customers.nameInitials} LIKE ${likePrefix(i)}
      ORDER BY ${customers.nameInitials} USING ~<~ LIMIT ${limit})`);
  }
  if (shape.plate) {
    const p = shape.plate;
    vehicleProbes.push(sql`(SELECT ${vehicles.id} AS id, 'plate' AS field,
        CASE WHEN ${vehicles.plate} = ${p} OR substr(${vehicles.plate}, 2) = ${p} THEN 0
             WHEN ${vehicles.plate} LIKE ${likePrefix(p)} OR substr(${vehicles.plate}, 2) LIKE ${likePrefix(p)} THEN 1 ELSE 2 END AS rank
      FROM ${vehicles} WHERE ${liveVehicle} AND ${vehicles.plate} LIKE ${likeContains(p)}
      ORDER BY rank, ${vehicles.plate} LIMIT ${limit})`);
  }
  if (shape.vin) {
    const v = shape.vin;
    vehicleProbes.push(sql`(SELECT ${vehicles.id} AS id, 'vin' AS field,
        CASE WHEN ${vehicles.vin} = ${v} THEN 0 WHEN ${vehicles.vin} LIKE ${likeSuffix(v)} THEN 1 ELSE 2 END AS rank
      FROM ${vehicles} WHERE ${liveVehicle} AND ${vehicles.vin} LIKE ${likeContains(v)}
      ORDER BY rank, ${vehicles.id} DESC LIMIT ${limit})`);
  }
  if (customerProbes.length === 0 && vehicleProbes.length === 0) return null;

  const parts: SQL[] = [];
  const ctes: SQL[] = [];
  if (customerProbes.length) {
    ctes.push(sql`cust AS (${sql.join(customerProbes, sql` UNION ALL `)})`);
    parts.push(sql`SELECT 'customer' AS type, id, field, rank, NULL AS via FROM cust`);
    // The vehicles of the customers found: `zs` finds 张三's car too.
    parts.push(sql`(SELECT 'vehicle' AS type, v.id, c.field, c.rank,
        CASE WHEN v.owner_id = c.id THEN 'owner' ELSE 'driver' END AS via
      FROM cust c JOIN ${vehicles} v ON v.store_id = ${storeId} AND (v.owner_id = c.id OR v.driver_id = c.id)
      ORDER BY c.rank LIMIT ${limit * 2})`);
  }
  if (vehicleProbes.length) {
    ctes.push(sql`veh AS (${sql.join(vehicleProbes, sql` UNION ALL `)})`);
    parts.push(sql`SELECT 'vehicle' AS type, id, field, rank, NULL AS via FROM veh`);
  }
  return { ctes, hits: sql.join(parts, sql` UNION ALL `) };
}

export async function searchHits(tx: Executor, storeId: number, shape: QueryShape, limit: number): Promise<Hit[]> {
  const q = hitsSql(storeId, shape, limit);
  if (!q) return [];
  const rows = await queryRows<Hit>(tx, sql`WITH ${sql.join(q.ctes, sql`, `)} ${q.hits}`);
  return rows.map((h) => ({ ...h, id: Number(h.id), rank: Number(h.rank) }));
}

/** What the search answer shows of a vehicle hit: the file, its model's name parts and its owner. */
export interface VehicleDetail {
  id: number;
  plate: string | null;
  vin: string | null;
  model: { brand: string; series: string; model: string; year: number | null } | null;
  owner: { name: string; kind: 'person' | 'company' } | null;
}

/** What the search answer shows of a customer hit. */
export interface CustomerDetail {
  id: number;
  name: string;
  kind: 'person' | 'company';
  mobile: string | null;
}

interface DetailRow {
  type: 'vehicle' | 'customer';
  id: number;
  plate: string | null;
  vin: string | null;
  brand: string | null;
  series: string | null;
  model: string | null;
  year: number | null;
  name: string | null;
  kind: 'person' | 'company' | null;
  mobile: string | null;
}

/**
 * What the answer shows of the records ranked first, in ONE statement (it was three: vehicles,
 * their owners and the customers found, then the models): each vehicle with its model and owner,
 * each customer, by primary key from the tables (store-scoped by RLS and by the condition here).
 * Kept apart from the hits statement on purpose: folded into it, planning the bigger statement cost
 * more than the round trip it saved (measured at 300,000 vehicles).
 */
export async function searchDetails(
  tx: Executor,
  storeId: number,
  vehicleIds: readonly number[],
  customerIds: readonly number[],
): Promise<{ vehicles: Map<number, VehicleDetail>; customers: Map<number, CustomerDetail> }> {
  const vehicles = new Map<number, VehicleDetail>();
  const customers = new Map<number, CustomerDetail>();
  if (vehicleIds.length === 0 && customerIds.length === 0) return { vehicles, customers };
  const parts: SQL[] = [];
  if (vehicleIds.length) {
    parts.push(sql`(SELECT 'vehicle' AS type, v.id, v.plate, v.vin, m.brand, m.series, m.model, m.year, o.name, o.kind, NULL AS mobile
      FROM ${vehicleTable} v
      LEFT JOIN ${vehicleModels} m ON m.store_id = ${storeId} AND m.id = v.vehicle_model_id
      LEFT JOIN ${customerTable} o ON o.store_id = ${storeId} AND o.id = v.owner_id
      WHERE v.store_id = ${storeId} AND ${anyOf(sql`v.id`, vehicleIds)})`);
  }
  if (customerIds.length) {
    parts.push(sql`(SELECT 'customer' AS type, c.id, NULL, NULL, NULL, NULL, NULL, NULL::int, c.name, c.kind, c.mobile
      FROM ${customerTable} c WHERE c.store_id = ${storeId} AND ${anyOf(sql`c.id`, customerIds)})`);
  }
  const rows = await queryRows<DetailRow>(tx, sql.join(parts, sql` UNION ALL `));
  for (const r of rows) {
    const id = Number(r.id);
    if (r.type === 'vehicle') {
      vehicles.set(id, {
        id,
        plate: r.plate,
        vin: r.vin,
        model: r.brand === null ? null : { brand: r.brand, series: r.series ?? '', model: r.model ?? '', year: r.year },
        owner: r.name === null || r.kind === null ? null : { name: r.name, kind: r.kind },
      });
    } else if (r.name !== null && r.kind !== null) {
      customers.set(id, { id, name: r.name, kind: r.kind, mobile: r.mobile });
    }
  }
  return { vehicles, customers };
}

const anyOf = (column: SQL, ids: readonly number[]) => sql`${column} = ANY(${sql.param([...new Set(ids)])}::int[])`;
