import type { Page } from '#contracts/common';
import {
  localDay,
  type Certification,
  type CertificationCreate,
  type StaffListQuery,
  type StaffMember,
  type StaffProfileUpdate,
} from '#contracts/staff';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as repo from './staff.repository';

const STAFF_MEMBER = { zh: '员工', en: 'Staff member' };
const CERTIFICATION = { zh: '认证', en: 'Certification' };

/** `today` is the store-local day: a certificate expiring today is still valid today. */
function toCertification(row: repo.CertificationRow, today: string): Certification {
  const { id, name, issuer, certifiedOn, expiresOn } = row;
  return { id, name, issuer, certifiedOn, expiresOn, expired: expiresOn !== null && expiresOn < today };
}

function toStaffMember(row: repo.StaffMemberRow, certs: repo.CertificationRow[], today: string): StaffMember {
  const { userId, username, displayName, role, skillGrade, team, active, version } = row;
  return {
    userId,
    username,
    displayName,
    role,
    skillGrade,
    team,
    active,
    version,
    certifications: certs.filter((c) => c.userId === userId).map((c) => toCertification(c, today)),
  };
}

const todayOf = (ctx: Ctx) => localDay(new Date(), ctx.timeZone);

async function loadMember(tx: Executor, ctx: Ctx, userId: number): Promise<StaffMember> {
  const row = await repo.findStaffMember(tx, ctx.storeId, userId);
  if (!row) throw notFound(STAFF_MEMBER);
  return toStaffMember(row, await repo.certificationsOf(tx, ctx.storeId, [userId]), todayOf(ctx));
}

/** The members of the active store (group-role users are not its staff). */
export function listStaff(ctx: Ctx, query: StaffListQuery): Promise<Page<StaffMember>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listStaff(tx, ctx.storeId, query);
    const certs = await repo.certificationsOf(tx, ctx.storeId, rows.map((r) => r.userId));
    const today = todayOf(ctx);
    return pageOf(query, rows.map((r) => toStaffMember(r, certs, today)), total);
  });
}

export function getStaffMember(ctx: Ctx, userId: number): Promise<StaffMember> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadMember(tx, ctx, userId));
}

/** Sets the skill grade (技能等级) and team of a member of this store. */
export function updateStaffProfile(ctx: Ctx, userId: number, input: StaffProfileUpdate): Promise<StaffMember> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadMember(tx, ctx, userId);
    if (!(await repo.bumpUserVersion(tx, userId, input.version))) throw staleVersion();
    await repo.updateMembershipProfile(tx, ctx.storeId, userId, { skillGrade: input.skillGrade, team: input.team });
    const after = await loadMember(tx, ctx, userId);
    await writeAudit(ctx, tx, {
      action: 'staff.profile_updated',
      entity: 'staff',
      entityId: userId,
      before: { skillGrade: before.skillGrade, team: before.team },
      after: { skillGrade: after.skillGrade, team: after.team },
    });
    return after;
  });
}

export function addCertification(ctx: Ctx, userId: number, input: CertificationCreate): Promise<Certification> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await loadMember(tx, ctx, userId);
    const row = await repo.insertCertification(tx, { ...input, storeId: ctx.storeId, userId });
    const created = toCertification(row, todayOf(ctx));
    await writeAudit(ctx, tx, { action: 'certification.created', entity: 'certification', entityId: row.id, after: { userId, ...created } });
    return created;
  });
}

/** Certificates are master data, not business documents: a wrong one is deleted, with an audit row. */
export function deleteCertification(ctx: Ctx, userId: number, id: number): Promise<void> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findCertification(tx, ctx.storeId, userId, id);
    if (!row) throw notFound(CERTIFICATION);
    await repo.deleteCertification(tx, ctx.storeId, id);
    await writeAudit(ctx, tx, {
      action: 'certification.deleted',
      entity: 'certification',
      entityId: id,
      before: { userId, ...toCertification(row, todayOf(ctx)) },
    });
  });
}

/**
 * 持证上岗: whether the user holds a certificate of that name valid on `day` (YYYY-MM-DD, the
 * store-local day of the work). For other modules, inside their own store-scoped transaction.
 */
export function hasValidCertification(tx: Executor, storeId: number, userId: number, name: string, day: string): Promise<boolean> {
  return repo.hasValidCertification(tx, storeId, userId, name, day);
}

/** The name of a member of the store (null when the user is not one): documents record who acted. */
export async function staffName(tx: Executor, storeId: number, userId: number): Promise<string | null> {
  const row = await repo.findStaffMember(tx, storeId, userId);
  return row ? row.displayName : null;
}
