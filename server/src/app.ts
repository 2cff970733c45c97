import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/types';
import { accessControl } from './platform/access';
import { writeAudit } from './platform/audit/audit';
import { auditRoutes } from './platform/audit/audit.routes';
import { asSystem } from './db/scope';
import { errorHandler, notFoundHandler } from './platform/error-handler';
import { healthRoutes } from './platform/health';
import { identityRoutes, resolveSession, SESSION_COOKIE, staffRoutes } from './modules/identity';
import { storeRoutes } from './modules/stores';
import { bayRoutes } from './modules/bays';
import { vehicleModelRoutes } from './modules/vehicle-models';
import { serviceItemRoutes } from './modules/service-items';
import { customerRoutes } from './modules/customers';
import { appointmentRoutes } from './modules/appointments';
import { partsRoutes } from './modules/parts';
import { repairOrderRoutes } from './modules/repair-orders';
import { workshopRoutes } from './modules/workshop';
import { reportRoutes } from './modules/reports';
import { complaintRoutes } from './modules/complaints';
import { careRoutes } from './modules/care';
import { monthlyReportRoutes } from './modules/reports';
import { improvementActionRoutes } from './modules/improvement-actions';
import { outboxRoutes } from './modules/outbox';
import { satisfactionRoutes } from './modules/satisfaction';
import { liveEvents } from './platform/events';
import { systemClock, type Clock } from './platform/clock';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** The app's notion of now: the system clock, a movable one in tests. */
    clock: Clock;
  }
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  logger?: boolean;
  clock?: Clock;
}

export async function buildApp({ config, database, logger = true, clock = systemClock }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Aftersales API · 售后服务管理系统', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(accessControl, {
    sessionCookie: SESSION_COOKIE,
    resolveSession: (token) => resolveSession(database.db, token, { idleMinutes: config.sessionIdleMinutes }),
    onDenied: (request, actor, permission) =>
      asSystem(database.db, (tx) =>
        writeAudit({ actor, storeId: actor.storeId, ip: request.ip }, tx, {
          action: 'permission.denied',
          entity: 'route',
          entityId: `${request.method} ${request.routeOptions.url ?? request.url}`,
          after: { permission },
        }),
      ),
  });

  // Live updates (the workshop board): one LISTEN connection per instance.
  await app.register(liveEvents);

  // Modules, in dependency order: each adds its own routes, nothing is discovered by magic.
  await app.register(healthRoutes);
  await app.register(identityRoutes, { cookieSecure: config.cookieSecure });
  await app.register(storeRoutes);
  await app.register(auditRoutes);
  await app.register(staffRoutes);
  await app.register(bayRoutes);
  await app.register(vehicleModelRoutes);
  await app.register(serviceItemRoutes);
  await app.register(customerRoutes);
  await app.register(appointmentRoutes);
  await app.register(partsRoutes);
  await app.register(repairOrderRoutes);
  await app.register(workshopRoutes);
  await app.register(reportRoutes);
  await app.register(complaintRoutes);
  await app.register(careRoutes);
  await app.register(improvementActionRoutes);
  await app.register(monthlyReportRoutes);
  await app.register(outboxRoutes);
  await app.register(satisfactionRoutes);

  const hasWeb = existsSync(join(config.webDist, 'index.html'));
  // The built files are indexed at boot (a rebuild needs a restart; `npm run dev` serves live files).
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: a non-API GET of a page (not a missing file) gets its shell.
    const path = request.url.split('?')[0]!;
    const isPage = !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (hasWeb && request.method === 'GET' && isPage) return reply.sendFile('index.html');
    return notFoundHandler(request, reply);
  });
  return app;
}
