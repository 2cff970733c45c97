import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, date, bigint } from 'drizzle-orm/pg-core';
import type { Role, SkillGrade } from '#contracts/roles';
import { dealerGroups, stores } from '../stores/stores.table';

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer()
      .notNull()
      .references(() => dealerGroups.id),
    username: text().notNull(),
    displayName: text().notNull(),
    phone: text(),
    passwordHash: text().notNull(),
    /** A group role (集团管理员) lets the user enter every store of the group. */
    groupRole: text().$type<Role>(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/** A user's role in one store (SPEC §1), with the workshop's skill grade and team. */
export const memberships = pgTable(
  'memberships',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: text().$type<Role>().notNull(),
    skillGrade: text().$type<SkillGrade>(),
    team: text(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** 厂家认证: "持证上岗" — certified jobs need a certificate that has not expired. */
export const certifications = pgTable(
  'certifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    issuer: text().notNull().default(''),
    certifiedOn: date({ mode: 'string' }),
    expiresOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certifications_store_user_idx').on(t.storeId, t.userId)],
);

/**
 * Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. The active
 * store is named `active_store_id` on purpose: sessions are looked up before any store scope.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    activeStoreId: integer()
      .notNull()
      .references(() => stores.id),
    ip: text().notNull().default(''),
    userAgent: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every sign-in attempt; failures in the last 15 minutes throttle the account. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull(),
    ip: text().notNull().default(''),
    success: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_username_at_idx').on(t.username, t.at)],
);
