import { CustomerListQuerySchema } from '#contracts/customers';
import { SearchQuerySchema } from '#contracts/customers-tools';
import type { Role } from '#contracts/roles';
import { DEMO_PASSWORD } from '../server/src/demo';
import type { Ctx } from '../server/src/platform/context';
import { getVehiclePage, listCustomers } from '../server/src/modules/customers';
// The search service is not in the module's index (no other module needs it); the benchmark calls it
// only to record the SQL a request sends.
import { search } from '../server/src/modules/customers/search.service';
import { StockListQuerySchema } from '#contracts/parts';
import { issuePart } from '../server/src/modules/parts/requests.service';
import { listStock } from '../server/src/modules/parts/stock.service';
import { receptionBodies } from './fixtures';

/**
 * The endpoints `npm run bench` drives, in order. A module adds its hot endpoints here (a list
 * page, a search, a board) together with the SQL the request runs, so every run shows how far the
 * HTTP time is from the database time.
 */
export interface BenchContext {
  /** The demo account the endpoint runs as (its first store), and the session of that login. */
  username: string;
  userId: number;
  storeId: number;
  /** `sessions.id`: the SHA-256 of the cookie's token. */
  sessionId: string;
  /** Real values of the first store's files, sampled after seeding (run.ts `sampleFixtures`). */
  fixtures: BenchFixtures;
}

/** Values sampled from the first store's data set, evenly over its files, the same for a seed. */
export interface BenchFixtures {
  storeId: number;
  timeZone: string;
  vehicles: { id: number; plate: string | null; vin: string | null }[];
  /** Persons with a mobile. */
  people: { id: number; name: string; initials: string; mobile: string }[];
  outlets: string[];
  advisorIds: number[];
}

export interface BenchStatement {
  text: string;
  params?: (ctx: BenchContext) => unknown[];
  /** Checked on the first run, so a wrong id cannot make the direct SQL look fast (an empty answer). */
  minRows?: number;
}

export interface BenchEndpoint {
  /** Row label; also what `--only` matches. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * The request path; a list is sent in rotation (each connection cycles through it: autocannon
   * `requests`), so a search is not one cached query repeated. The first one is the probe.
   */
  path: string | ((ctx: BenchContext) => string | string[]);
  /** JSON body (a function to use the account's ids). */
  body?: unknown | ((ctx: BenchContext) => unknown);
  /** The demo account (one per role in store 1, see DEMO_ACCOUNTS) the request runs as. */
  as: Role;
  /** Send no session cookie (public endpoints, sign-in); the account still feeds `body` and `sql`. */
  anonymous?: boolean;
  /** Concurrent connections for this endpoint; default `--connections`. */
  connections?: number;
  /**
   * Every statement the request sends to the database, in order, as the server sends them
   * (BEGIN/COMMIT and the scope's set_config included): run directly over one connection, the
   * total is the floor the endpoint's latency is compared with.
   */
  sql?: BenchStatement[];
  /**
   * Instead of hand-written `sql`: the service call behind one request, run in-process over a
   * statement-recording connection (run.ts) to obtain exactly the SQL the server sends for each
   * path of the rotation; the session look-up (SESSION_SQL) is prepended. Used where the SQL
   * depends on the query (the search box's probes, the list's filters).
   */
  capture?: (ctx: Ctx, url: URL, body?: unknown) => Promise<unknown>;
  /**
   * false: the recorded SQL cannot be replayed (it inserts a unique document number, say): the
   * statements are counted but not timed.
   */
  replayable?: boolean;
  /** JSON bodies sent in rotation with the paths (a POST that must vary, e.g. reception of different cars). */
  bodies?: (ctx: BenchContext) => unknown[];
  note?: string;
  /** Runs once the server is up, before the endpoint's probe (data the requests need, made through the API). */
  prepare?: (baseUrl: string, ctx: BenchContext) => Promise<void>;
  /** Runs after the endpoint's load: undoes what it created (so later rows, and later `--reuse` runs, see the data set as generated). */
  cleanup?: (baseUrl: string, ctx: BenchContext) => Promise<void>;
  /**
   * Instead of the autocannon load: a measurement of its own (many live streams held open, say),
   * given the account's session cookie; reported in the same table.
   */
  measure?: (baseUrl: string, cookie: string) => Promise<StreamMeasurement>;
}

/** What a custom `measure` reports: the load table's columns it can fill. */
export interface StreamMeasurement {
  connections: number;
  seconds: number;
  requests: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  errors: number;
  statusCodes: Record<string, number>;
}

// ---- statements shared by many requests -------------------------------------------------------

const SYSTEM_SCOPE = "SELECT set_config('app.all_stores', 'on', true)";
const storeScope: BenchStatement = { text: "SELECT set_config('app.store_id', $1, true)", params: (c) => [String(c.storeId)] };

const USER_COLUMNS = `"id", "group_id", "username", "display_name", "phone", "password_hash", "group_role", "active", "version", "password_changed_at", "created_at"`;

const storesOfUser: BenchStatement = {
  text: `select "stores"."id", "stores"."name", "stores"."code", "stores"."time_zone", "memberships"."role" from "memberships" inner join "stores" on "stores"."id" = "memberships"."store_id" where ("memberships"."user_id" = $1 and "stores"."active" = $2) order by "stores"."id"`,
  params: (c) => [c.userId, true],
};

/**
 * The session look-up of identity.resolveSession when the session is not in the instance's session
 * cache: a fresh sign-in, and then at most once per SESSION_CACHE_TTL_MS (5 s) per session.
 */
export const SESSION_LOOKUP_SQL: BenchStatement[] = [
  { text: 'begin' },
  { text: SYSTEM_SCOPE },
  {
    text: `select "sessions"."id", "sessions"."user_id", "sessions"."active_store_id", "sessions"."ip", "sessions"."user_agent", "sessions"."created_at", "sessions"."last_seen_at", "users"."id", "users"."username", "users"."display_name", "users"."group_role", "users"."active", "users"."group_id", "stores"."id", "stores"."time_zone", "stores"."group_id", "stores"."active", "memberships"."role" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" inner join "stores" on "stores"."id" = "sessions"."active_store_id" left join "memberships" on ("memberships"."user_id" = "sessions"."user_id" and "memberships"."store_id" = "sessions"."active_store_id") where "sessions"."id" = $1`,
    params: (c) => [c.sessionId],
    minRows: 1,
  },
  { text: 'commit' },
];

/**
 * What an authenticated request runs first in the steady state: nothing, the session comes from the
 * session cache (a load test's session is looked up again once every 5 s: negligible).
 */
export const SESSION_SQL: BenchStatement[] = [];

/** identity.me: the user and the stores they may enter. */
const ME_SQL: BenchStatement[] = [
  { text: 'begin' },
  { text: SYSTEM_SCOPE },
  { text: `select ${USER_COLUMNS} from "users" where "users"."id" = $1`, params: (c) => [c.userId], minRows: 1 },
  storesOfUser,
  { text: 'commit' },
];

/** A page of a store's list: the rows and the total, in one store-scoped transaction. */
export function listSql(table: string, columns: string, pageSize: number): BenchStatement[] {
  return [
    { text: 'begin' },
    storeScope,
    {
      text: `select ${columns} from "${table}" where "${table}"."store_id" = $1 order by "${table}"."id" asc limit $2`,
      params: (c) => [c.storeId, pageSize],
      minRows: 1,
    },
    { text: `select count(*) from "${table}" where "${table}"."store_id" = $1`, params: (c) => [c.storeId] },
    { text: 'commit' },
  ];
}

// ---- customer and vehicle files (issue 3) -------------------------------------------------------

/** Evenly spread picks, so a rotation covers the store rather than its first rows. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/**
 * What an advisor types into the search box, five shapes in turn: a plate fragment (`a123`: city
 * letter and three characters), the last 6 characters of a VIN (车架号后六位), 4 digits of a mobile,
 * pinyin initials (`zs`), two Chinese characters of a name (王秀).
 */
export function searchQueries(f: BenchFixtures, perShape = 10): string[] {
  const plates = spread(
    f.vehicles.filter((v) => v.plate?.length === 7),
    perShape,
  ).map((v) => v.plate!.slice(1, 5).toLowerCase());
  const vins = spread(
    f.vehicles.filter((v) => v.vin),
    perShape,
  ).map((v) => v.vin!.slice(-6));
  const people = spread(f.people, perShape * 3);
  const phones = people.slice(0, perShape).map((p) => p.mobile.slice(-4));
  const initials = people.slice(perShape, 2 * perShape).map((p) => p.initials);
  const names = people.slice(2 * perShape).map((p) => Array.from(p.name).slice(0, 2).join(''));
  const out: string[] = [];
  for (let i = 0; i < perShape; i++) for (const shape of [plates, vins, phones, initials, names]) if (shape[i]) out.push(shape[i]!);
  return out;
}

/** The customer list as the files pages and the quality page filter it. */
export function customerListQueries(f: BenchFixtures): string[] {
  const name = f.people[0] ? Array.from(f.people[0].name).slice(0, 2).join('') : '王';
  return [
    'completenessBelow=80&pageSize=20',
    `source=outlet&outletName=${encodeURIComponent(f.outlets[0] ?? '')}&pageSize=20`,
    'tag=VIP&sort=name&pageSize=20',
    'kind=company&sort=updatedAt&order=desc&pageSize=20',
    'source=own_sale&completenessBelow=100&sort=completeness&pageSize=20',
    `q=${encodeURIComponent(name)}&pageSize=20`,
    `advisorId=${f.advisorIds[0] ?? 1}&sort=createdAt&order=desc&pageSize=20`,
  ];
}

const query = (url: URL) => Object.fromEntries(url.searchParams);

export const ENDPOINTS: BenchEndpoint[] = [
  {
    name: 'health',
    method: 'GET',
    path: '/api/health',
    as: 'service_advisor',
    anonymous: true,
    sql: [{ text: 'SELECT 1' }],
  },
  {
    name: 'auth.login',
    method: 'POST',
    path: '/api/auth/login',
    as: 'service_advisor',
    anonymous: true,
    body: (c: BenchContext) => ({ username: c.username, password: DEMO_PASSWORD }),
    // argon2id verification (m=19 MiB, t=2) is slow on purpose: few connections, and the SQL
    // column cannot include it.
    connections: 4,
    note: 'argon2id verify dominates',
    sql: [
      { text: 'begin' },
      { text: SYSTEM_SCOPE },
      {
        text: `select count(*) from "login_attempts" where ("login_attempts"."username" = $1 and "login_attempts"."success" = $2 and "login_attempts"."at" > $3)`,
        params: (c) => [c.username, false, new Date(Date.now() - 15 * 60_000).toISOString()],
      },
      { text: `select ${USER_COLUMNS} from "users" where lower("users"."username") = $1`, params: (c) => [c.username], minRows: 1 },
      storesOfUser,
      {
        text: `insert into "login_attempts" ("id", "username", "ip", "success", "at") values (default, $1, $2, $3, default)`,
        params: (c) => [c.username, '127.0.0.1', true],
      },
      {
        text: `insert into "sessions" ("id", "user_id", "active_store_id", "ip", "user_agent", "created_at", "last_seen_at") values (md5(random()::text || clock_timestamp()::text), $1, $2, $3, $4, default, default)`,
        params: (c) => [c.userId, c.storeId, '127.0.0.1', 'bench'],
      },
      {
        text: `insert into "audit_log" ("id", "store_id", "actor_id", "actor_name", "action", "entity", "entity_id", "before", "after", "ip", "at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, default)`,
        params: (c) => [c.storeId, null, '', 'login.succeeded', 'user', String(c.userId), null, JSON.stringify({ username: c.username }), '127.0.0.1'],
      },
      { text: 'commit' },
      ...SESSION_LOOKUP_SQL,
      ...ME_SQL,
    ],
  },
  {
    name: 'auth.me',
    method: 'GET',
    path: '/api/auth/me',
    as: 'service_advisor',
    sql: [...SESSION_SQL, ...ME_SQL],
  },
  {
    name: 'bays.list',
    method: 'GET',
    path: '/api/bays?pageSize=20',
    as: 'workshop_supervisor',
    sql: [
      ...SESSION_SQL,
      ...listSql('bays', `"id", "store_id", "code", "name", "type", "reserved_for_appointments", "active", "version", "created_at", "updated_at"`, 20),
    ],
  },
  {
    name: 'search',
    method: 'GET',
    path: (c) => searchQueries(c.fixtures).map((q) => `/api/search?q=${encodeURIComponent(q)}`),
    as: 'service_advisor',
    connections: 50,
    capture: (ctx, url) => search(ctx, SearchQuerySchema.parse(query(url))),
    note: '50 queries in rotation: plate fragment, VIN tail, 4 phone digits, pinyin initials, 2 name characters',
  },
  {
    name: 'customers.list',
    method: 'GET',
    path: (c) => customerListQueries(c.fixtures).map((q) => `/api/customers?${q}`),
    as: 'service_advisor',
    connections: 50,
    capture: (ctx, url) => listCustomers(ctx, CustomerListQuerySchema.parse(query(url))),
    note: '7 filter sets in rotation (incomplete, outlet, tag, companies, source+completeness, name, advisor)',
  },
  {
    name: 'vehicles.page',
    method: 'GET',
    path: (c) => spread(c.fixtures.vehicles, 50).map((v) => `/api/vehicles/${v.id}`),
    as: 'service_advisor',
    capture: (ctx, url) => getVehiclePage(ctx, Number(url.pathname.split('/').at(-1))),
    note: '50 vehicles in rotation: the file, owner and driver, odometer history, next due',
  },
];

// ---- parts (issue 6): the counter's issue and the stock list ------------------------------------

/** The pending requests the issue benchmark serves, made by `prepareIssue` once the server is up. */
let issueRequestIds: number[] = [];

export async function benchApi(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/**
 * 50 parts in stock get a large manual receipt (the supervisor) and a pending request of that size
 * on a real RO each (an advisor opens 50 ROs at reception): every POST of the benchmark then issues
 * 1 unit of one of them, in rotation, like a busy counter serving different jobs.
 */
export async function prepareIssue(baseUrl: string, ctx: BenchContext): Promise<void> {
  const supervisor = await benchApi(baseUrl, 'partsmgr');
  const advisor = await benchApi(baseUrl, 'advisor');
  const stock = await supervisor<{ items: { partId: number; unit: string }[] }>('GET', '/api/parts/stock?inStock=true&pageSize=200&sort=valueFen&order=desc');
  const parts = stock.items.filter((p) => p.unit === 'piece').slice(0, 50);
  if (parts.length === 0) throw new Error('parts.issue: no part in stock (seed with parts)');
  const receptions = receptionBodies(ctx.fixtures);
  if (receptions.length === 0) throw new Error('parts.issue: no vehicle to open an RO for');
  issueRequestIds = [];
  for (const [i, p] of parts.entries()) {
    await supervisor('POST', '/api/parts/stock/receive', { partId: p.partId, quantity: '200000', unitCostFen: 1000, reason: '基准测试入库' });
    const ro = await advisor<{ id: number }>('POST', '/api/repair-orders', receptions[i % receptions.length]);
    const request = await advisor<{ id: number }>('POST', '/api/parts/requests', { roId: ro.id, partId: p.partId, quantity: '200000' });
    issueRequestIds.push(request.id);
  }
}

/** The stock list as the counter and the stock page filter it. */
export function stockListQueries(): string[] {
  return [
    'pageSize=20',
    'inStock=true&sort=valueFen&order=desc&pageSize=20',
    'q=115&pageSize=20',
    'q=%E6%BB%A4%E6%B8%85&pageSize=20',
    'category=brakes&inStock=true&pageSize=20',
    'location=B-03&pageSize=20',
    'sort=onHand&order=desc&pageSize=50',
  ];
}

ENDPOINTS.push(
  {
    name: 'parts.stock',
    method: 'GET',
    path: () => stockListQueries().map((q) => `/api/parts/stock?${q}`),
    as: 'parts_clerk',
    connections: 50,
    capture: (ctx, url) => listStock(ctx, StockListQuerySchema.parse(query(url))),
    note: '7 queries in rotation: first page, in stock by value, number fragment, name fragment, category, location, by quantity',
  },
  {
    name: 'parts.issue',
    method: 'POST',
    path: () => issueRequestIds.map((id) => `/api/parts/requests/${id}/issue`),
    body: { quantity: '1' },
    as: 'parts_clerk',
    connections: 20,
    prepare: prepareIssue,
    capture: (ctx, url) => issuePart(ctx, Number(url.pathname.split('/').at(-2)), { quantity: '1' }),
    note: '1 unit per POST over 50 pending requests in rotation (ledger update, movement, request, audit)',
  },
);
