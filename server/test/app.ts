import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '#contracts/roles';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import type { Database } from '../src/db/types';
import type { Clock } from '../src/platform/clock';
import { buildWorld, TEST_PASSWORD } from './factories';
import { openTestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  world: Awaited<ReturnType<typeof buildWorld>>;
  /** Signs in the fixture user of `role` in store 0 or 1 and returns a client bound to that session. */
  as(role: Role, storeIndex?: 0 | 1): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function clientFor(app: FastifyInstance, cookie: string): Client {
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, ...(opts.headers ?? {}) } });
  return {
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: body as never }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as never }),
  };
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return clientFor(app, cookie);
}

/** An app on a fresh clone of the migrated test database with the standard two-store fixture. */
export async function buildTestApp(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const world = await buildWorld(database.db);
  const config = { ...loadConfig({ NODE_ENV: 'test', DEMO_SEED: 'false', WEB_DIST: '/nonexistent' }), ...overrides };
  const app = await buildApp({ config, database, logger: false, clock: options.clock });
  await app.ready();
  return {
    app,
    database,
    world,
    as: (role, storeIndex = 0) => login(app, role === 'group_admin' ? 'group_admin.0' : `${role}.${storeIndex}`),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
