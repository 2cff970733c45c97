import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL admin URL (owner of the schema; runs migrations). Absent: embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** The non-superuser role the app itself connects as on PostgreSQL; created at boot. */
  APP_DB_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('aftersales_app'),
  APP_DB_PASSWORD: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  /** Secure cookies: on by default in production (behind HTTPS). */
  COOKIE_SECURE: bool,
  TRUST_PROXY: bool,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo data set when the database has no store yet. */
  DEMO_SEED: bool,
  WEB_DIST: z.string().default('./web/dist'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; adminUrl: string; appRole: string; appPassword?: string | undefined };
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  demoSeed: boolean;
  webDist: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', adminUrl: e.DATABASE_URL, appRole: e.APP_DB_ROLE, appPassword: e.APP_DB_PASSWORD }
      : { kind: 'pglite', dataDir: resolve(e.DATA_DIR) },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED ?? true,
    webDist: resolve(e.WEB_DIST),
  };
}
