import { and, asc, count, eq, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { StaffListQuery } from '#contracts/staff';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { certifications, memberships, users } from './identity.table';

export type CertificationRow = typeof certifications.$inferSelect;

/** A store member as the staff screens see them: the user's name next to their role in the store. */
const memberColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  active: users.active,
  version: users.version,
  role: memberships.role,
  skillGrade: memberships.skillGrade,
  team: memberships.team,
};

export async function listStaff(tx: Executor, storeId: number, query: StaffListQuery) {
  const where = and(
    eq(memberships.storeId, storeId),
    query.role ? eq(memberships.role, query.role) : undefined,
    query.team ? eq(memberships.team, query.team) : undefined,
    query.skillGrade ? eq(memberships.skillGrade, query.skillGrade) : undefined,
    query.q ? or(ilike(users.displayName, likePattern(query.q)), ilike(users.username, likePattern(query.q))) : undefined,
  );
  const columns = { displayName: users.displayName, username: users.username, role: memberships.role, team: memberships.team };
  const [rows, [total]] = await Promise.all([
    tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...orderBy(query, columns, users.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The user as a member of the store; undefined when they have no role there. */
export async function findStaffMember(tx: Executor, storeId: number, userId: number) {
  const [row] = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.storeId, storeId), eq(memberships.userId, userId)));
  return row;
}

export type StaffMemberRow = NonNullable<Awaited<ReturnType<typeof findStaffMember>>>;

export async function updateMembershipProfile(
  tx: Executor,
  storeId: number,
  userId: number,
  profile: Pick<typeof memberships.$inferInsert, 'skillGrade' | 'team'>,
): Promise<void> {
  await tx
    .update(memberships)
    .set(profile)
    .where(and(eq(memberships.storeId, storeId), eq(memberships.userId, userId)));
}

/**
 * Memberships are part of the user record (the user editor replaces them), so a profile change
 * bumps the user's version: whichever editor read an older version gets a 409.
 */
export async function bumpUserVersion(tx: Executor, userId: number, version: number): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ version: sql`${users.version} + 1` })
    .where(and(eq(users.id, userId), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function certificationsOf(tx: Executor, storeId: number, userIds: number[]): Promise<CertificationRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(certifications)
    .where(and(eq(certifications.storeId, storeId), inArray(certifications.userId, userIds)))
    .orderBy(asc(certifications.name), asc(certifications.id));
}

export async function findCertification(tx: Executor, storeId: number, userId: number, id: number): Promise<CertificationRow | undefined> {
  const [row] = await tx
    .select()
    .from(certifications)
    .where(and(eq(certifications.storeId, storeId), eq(certifications.userId, userId), eq(certifications.id, id)));
  return row;
}

export async function insertCertification(tx: Executor, row: typeof certifications.$inferInsert): Promise<CertificationRow> {
  const [created] = await tx.insert(certifications).values(row).returning();
  return created!;
}

export async function deleteCertification(tx: Executor, storeId: number, id: number): Promise<void> {
  await tx.delete(certifications).where(and(eq(certifications.storeId, storeId), eq(certifications.id, id)));
}

/** Whether the user holds a certificate of that name (case-insensitive) that is valid on `day`. */
export async function hasValidCertification(tx: Executor, storeId: number, userId: number, name: string, day: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: certifications.id })
    .from(certifications)
    .where(
      and(
        eq(certifications.storeId, storeId),
        eq(certifications.userId, userId),
        eq(sql`lower(${certifications.name})`, name.trim().toLowerCase()),
        or(isNull(certifications.certifiedOn), lte(certifications.certifiedOn, day)),
        or(isNull(certifications.expiresOn), gte(certifications.expiresOn, day)),
      ),
    )
    .limit(1);
  return row !== undefined;
}
