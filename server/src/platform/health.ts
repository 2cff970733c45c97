import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['platform'], response: { 200: HealthSchema, 503: HealthSchema } } }, async (_req, reply) => {
    const started = performance.now();
    const ok = await app.database.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const body = {
      status: ok ? ('ok' as const) : ('degraded' as const),
      version,
      database: { kind: app.database.kind, ok, latencyMs: Math.round((performance.now() - started) * 10) / 10 },
    };
    return reply.status(ok ? 200 : 503).send(body);
  });
};
