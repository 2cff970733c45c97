import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Insert-only: the app role has no UPDATE/DELETE grant on it (PostgreSQL) and a trigger refuses
 * both for everyone (PGlite too). Store is null for events outside a store (a failed sign-in).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer(),
    actorId: integer(),
    actorName: text().notNull().default(''),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text().notNull().default(''),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_store_at_idx').on(t.storeId, t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);
