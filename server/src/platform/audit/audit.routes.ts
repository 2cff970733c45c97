import { and, count, eq, gte, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuerySchema, AuditEntrySchema, type AuditListQuery } from '#contracts/audit';
import { pageSchema } from '#contracts/common';
import { asSystem } from '../../db/scope';
import { ctxOf, type Ctx } from '../context';
import { likePattern, offsetOf, orderBy, pageOf } from '../pagination';
import { auditLog } from './audit.table';

/** Search of the audit log: the store's rows; group roles also see events outside any store. */
export async function searchAudit(ctx: Ctx, query: AuditListQuery) {
  const zone = ctx.timeZone;
  const where = and(
    ctx.actor.groupRole ? or(eq(auditLog.storeId, ctx.storeId), isNull(auditLog.storeId)) : eq(auditLog.storeId, ctx.storeId),
    query.action ? ilike(auditLog.action, likePattern(query.action)) : undefined,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.from ? gte(auditLog.at, sql`(${query.from}::date)::timestamp AT TIME ZONE ${zone}`) : undefined,
    query.to ? lt(auditLog.at, sql`((${query.to}::date + 1)::timestamp) AT TIME ZONE ${zone}`) : undefined,
  );
  return asSystem(ctx.db, async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(...orderBy({ ...query, sort: query.sort ?? 'at', order: query.sort ? query.order : 'desc' }, { at: auditLog.at, action: auditLog.action }, auditLog.id))
        .limit(query.pageSize)
        .offset(offsetOf(query)),
      tx.select({ n: count() }).from(auditLog).where(where),
    ]);
    return pageOf(query, rows.map((r) => ({ ...r, at: r.at.toISOString() })), total?.n ?? 0);
  });
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { config: { permission: 'audit:read' }, schema: { tags: ['audit'], querystring: AuditListQuerySchema, response: { 200: pageSchema(AuditEntrySchema) } } },
    (req) => searchAudit(ctxOf(req), req.query),
  );
};
