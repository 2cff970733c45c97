import { and, count, eq, exists, gt, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/types';
import { likePattern } from '../../platform/pagination';
import { stores } from '../stores/stores.table';
import { loginAttempts, memberships, sessions, users } from './identity.table';

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export async function findUserByUsername(tx: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row;
}

export async function findUser(tx: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

export async function countRecentFailures(tx: Executor, username: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username.toLowerCase()), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  return row?.n ?? 0;
}

export async function recordLoginAttempt(tx: Executor, username: string, ip: string, success: boolean): Promise<void> {
  await tx.insert(loginAttempts).values({ username: username.toLowerCase(), ip, success });
}

/** The stores a user may enter with their role in each; a group role opens every store of the group. */
export async function storesOfUser(tx: Executor, user: Pick<UserRow, 'id' | 'groupId' | 'groupRole'>) {
  if (user.groupRole) {
    const rows = await tx
      .select({ id: stores.id, name: stores.name, code: stores.code, timeZone: stores.timeZone })
      .from(stores)
      .where(and(eq(stores.groupId, user.groupId), eq(stores.active, true)))
      .orderBy(stores.id);
    return rows.map((s) => ({ ...s, role: user.groupRole! }));
  }
  return tx
    .select({ id: stores.id, name: stores.name, code: stores.code, timeZone: stores.timeZone, role: memberships.role })
    .from(memberships)
    .innerJoin(stores, eq(stores.id, memberships.storeId))
    .where(and(eq(memberships.userId, user.id), eq(stores.active, true)))
    .orderBy(stores.id);
}

export async function insertSession(tx: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(row);
}

/** The session with its user, active store and the user's role there (null if they lost access). */
export async function findSession(tx: Executor, id: string) {
  const [row] = await tx
    .select({
      session: sessions,
      user: { id: users.id, username: users.username, displayName: users.displayName, groupRole: users.groupRole, active: users.active, groupId: users.groupId },
      store: { id: stores.id, timeZone: stores.timeZone, groupId: stores.groupId, active: stores.active },
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(stores, eq(stores.id, sessions.activeStoreId))
    .leftJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.storeId, sessions.activeStoreId)))
    .where(eq(sessions.id, id));
  return row;
}

export async function touchSession(tx: Executor, id: string, at: Date = new Date()): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function setSessionStore(tx: Executor, id: string, storeId: number): Promise<void> {
  await tx.update(sessions).set({ activeStoreId: storeId }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user but (optionally) the one making the change. */
export async function deleteSessionsOfUser(tx: Executor, userId: number, keep?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keep}`) : eq(sessions.userId, userId));
}

export async function deleteIdleSessions(tx: Executor, idleSince: Date): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.lastSeenAt, idleSince));
}

export async function membershipsOfUsers(tx: Executor, userIds: number[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return tx.select().from(memberships).where(inArray(memberships.userId, userIds));
}

export async function updatePassword(tx: Executor, userId: number, passwordHash: string): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}

/** Users with a role in `storeId`, plus the group's group-role users (who may enter every store). */
export async function listUsersOfStore(
  tx: Executor,
  storeId: number,
  groupId: number,
  filter: { q?: string | undefined; role?: string | undefined; active?: boolean | undefined },
  page: { limit: number; offset: number; orderBy: SQL[] },
) {
  const inStore = or(
    exists(tx.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.userId, users.id), eq(memberships.storeId, storeId), filter.role ? eq(memberships.role, filter.role as never) : undefined))),
    filter.role ? and(eq(users.groupId, groupId), eq(users.groupRole, filter.role as never)) : and(eq(users.groupId, groupId), isNotNull(users.groupRole)),
  );
  const where = and(
    inStore,
    filter.active === undefined ? undefined : eq(users.active, filter.active),
    filter.q ? or(ilike(users.username, likePattern(filter.q)), ilike(users.displayName, likePattern(filter.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx.select().from(users).where(where).orderBy(...page.orderBy).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertUser(tx: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await tx.insert(users).values(row).returning();
  return created!;
}

/** Optimistic update: only succeeds when the stored version is the one the editor read. */
export async function updateUser(tx: Executor, id: number, version: number, patch: Partial<typeof users.$inferInsert>) {
  const [row] = await tx
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export async function replaceMemberships(tx: Executor, userId: number, rows: (typeof memberships.$inferInsert)[]): Promise<void> {
  await tx.delete(memberships).where(eq(memberships.userId, userId));
  if (rows.length) await tx.insert(memberships).values(rows);
}
