import type { Page } from '#contracts/common';
import type { UserCreate, UserUpdate } from '#contracts/identity';
import type { User, UserListQuery } from '#contracts/users';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { offsetOf, orderBy, pageOf } from '../../platform/pagination';
import { storesOfGroup, groupIdOfStore } from '../stores';
import * as repo from './identity.repository';
import { users } from './identity.table';
import { forgetUserSessions } from './identity.service';
import { hashPassword } from './passwords';

const USER = { zh: '用户', en: 'User' };

function toUser(row: repo.UserRow, memberships: repo.MembershipRow[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    phone: row.phone,
    groupRole: row.groupRole,
    active: row.active,
    version: row.version,
    memberships: memberships
      .filter((m) => m.userId === row.id)
      .map(({ storeId, role, skillGrade, team }) => ({ storeId, role, skillGrade, team })),
  };
}

export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<Page<User>> {
  return asSystem(ctx.db, async (tx) => {
    const groupId = await groupIdOfStore(tx, ctx.storeId);
    const { rows, total } = await repo.listUsersOfStore(tx, ctx.storeId, groupId, query, {
      limit: query.pageSize,
      offset: offsetOf(query),
      orderBy: orderBy(query, { username: users.username, displayName: users.displayName }, users.id),
    });
    const memberships = await repo.membershipsOfUsers(tx, rows.map((r) => r.id));
    return pageOf(query, rows.map((r) => toUser(r, memberships)), total);
  });
}

/** A user is visible from a store when they work there or hold a group role in its group. */
async function loadVisibleUser(tx: Executor, ctx: Ctx, id: number): Promise<User> {
  const row = await repo.findUser(tx, id);
  const groupId = await groupIdOfStore(tx, ctx.storeId);
  if (!row || row.groupId !== groupId) throw notFound(USER);
  const memberships = await repo.membershipsOfUsers(tx, [id]);
  const user = toUser(row, memberships);
  if (!user.groupRole && !user.memberships.some((m) => m.storeId === ctx.storeId)) throw notFound(USER);
  return user;
}

export function getUser(ctx: Ctx, id: number): Promise<User> {
  return asSystem(ctx.db, (tx) => loadVisibleUser(tx, ctx, id));
}

async function checkMembershipStores(tx: Executor, ctx: Ctx, memberships: { storeId: number }[]): Promise<number> {
  const groupId = await groupIdOfStore(tx, ctx.storeId);
  const allowed = new Set((await storesOfGroup(tx, groupId)).map((s) => s.id));
  memberships.forEach((m, i) => {
    if (!allowed.has(m.storeId)) {
      throw new AppError('VALIDATION', { zh: '门店不存在', en: 'Unknown store' }, {
        fields: [{ path: `memberships.${i}.storeId`, message: { zh: '门店不存在', en: 'Unknown store' } }],
      });
    }
  });
  const stores = memberships.map((m) => m.storeId);
  if (new Set(stores).size !== stores.length) {
    throw new AppError('VALIDATION', { zh: '同一门店只能有一个岗位', en: 'One role per store' }, {
      fields: [{ path: 'memberships', message: { zh: '同一门店只能有一个岗位', en: 'One role per store' } }],
    });
  }
  return groupId;
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return asSystem(ctx.db, async (tx) => {
    const groupId = await checkMembershipStores(tx, ctx, input.memberships);
    const row = await repo.insertUser(tx, {
      groupId,
      username: input.username,
      displayName: input.displayName,
      phone: input.phone,
      passwordHash,
      groupRole: input.groupRole,
    });
    await repo.replaceMemberships(tx, row.id, input.memberships.map((m) => ({ ...m, userId: row.id })));
    const user = await loadVisibleUserOrSelf(tx, ctx, row.id);
    await writeAudit(ctx, tx, { action: 'user.created', entity: 'user', entityId: row.id, after: user });
    return user;
  });
}

/**
 * Disabling a user or resetting their password ends all their sessions at once; any change (role,
 * stores) drops their sessions from the session cache, so the next request sees it.
 */
export async function updateUser(ctx: Ctx, id: number, input: UserUpdate): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  forgetUserSessions(ctx.db, id);
  try {
    return await updateUserInTx(ctx, id, input, passwordHash);
  } finally {
    forgetUserSessions(ctx.db, id);
  }
}

function updateUserInTx(ctx: Ctx, id: number, input: UserUpdate, passwordHash: string | undefined): Promise<User> {
  return asSystem(ctx.db, async (tx) => {
    const before = await loadVisibleUser(tx, ctx, id);
    await checkMembershipStores(tx, ctx, input.memberships);
    const row = await repo.updateUser(tx, id, input.version, {
      displayName: input.displayName,
      phone: input.phone,
      active: input.active,
      groupRole: input.groupRole,
      ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
    });
    if (!row) throw staleVersion();
    await repo.replaceMemberships(tx, id, input.memberships.map((m) => ({ ...m, userId: id })));
    if (!input.active || passwordHash) await repo.deleteSessionsOfUser(tx, id);
    const after = await loadVisibleUserOrSelf(tx, ctx, id);
    await writeAudit(ctx, tx, {
      action: passwordHash ? 'user.updated_with_password_reset' : 'user.updated',
      entity: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** After a change the user may no longer belong to the current store; the editor still gets the result. */
async function loadVisibleUserOrSelf(tx: Executor, ctx: Ctx, id: number): Promise<User> {
  const row = await repo.findUser(tx, id);
  if (!row) throw notFound(USER);
  return toUser(row, await repo.membershipsOfUsers(tx, [id]));
}
