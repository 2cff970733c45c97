import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '#contracts/identity';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import type { Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import * as repo from './identity.repository';
import { hashPassword, verifyPassword } from './passwords';

/** SPEC-free security rules of sign-in: 10 failures in 15 minutes lock the account for a while. */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Writing last-seen on every request would turn reads into writes; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMinutes: number;
}

interface Origin {
  ip: string;
  userAgent: string;
}

const BAD_CREDENTIALS = new AppError('UNAUTHENTICATED', { zh: '用户名或密码错误', en: 'Wrong user name or password' });

export async function login(db: Executor, input: { username: string; password: string }, origin: Origin) {
  const outcome = await asSystem(db, async (tx) => {
    const since = new Date(Date.now() - LOGIN_FAILURE_WINDOW_MS);
    if ((await repo.countRecentFailures(tx, input.username, since)) >= LOGIN_FAILURE_LIMIT) {
      await writeAudit({ actor: null, storeId: null, ip: origin.ip }, tx, {
        action: 'login.throttled',
        entity: 'user',
        after: { username: input.username },
      });
      return { kind: 'throttled' as const };
    }
    const user = await repo.findUserByUsername(tx, input.username);
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
    const userStores = user && passwordOk && user.active ? await repo.storesOfUser(tx, user) : [];
    const store = userStores[0];
    if (!user || !passwordOk || !user.active || !store) {
      await repo.recordLoginAttempt(tx, input.username, origin.ip, false);
      await writeAudit({ actor: null, storeId: null, ip: origin.ip }, tx, {
        action: 'login.failed',
        entity: 'user',
        entityId: user?.id,
        after: { username: input.username, reason: !user ? 'unknown_user' : !passwordOk ? 'bad_password' : !user.active ? 'disabled' : 'no_store' },
      });
      return { kind: 'failed' as const };
    }
    await repo.recordLoginAttempt(tx, input.username, origin.ip, true);
    const token = randomBytes(32).toString('base64url');
    await repo.insertSession(tx, {
      id: sessionIdOf(token),
      userId: user.id,
      activeStoreId: store.id,
      ip: origin.ip,
      userAgent: origin.userAgent.slice(0, 300),
    });
    await writeAudit({ actor: null, storeId: store.id, ip: origin.ip }, tx, {
      action: 'login.succeeded',
      entity: 'user',
      entityId: user.id,
      after: { username: user.username },
    });
    return { kind: 'ok' as const, token };
  });
  if (outcome.kind === 'throttled') {
    throw new AppError('TOO_MANY_ATTEMPTS', {
      zh: '登录失败次数过多，请 15 分钟后再试',
      en: 'Too many failed sign-ins; try again in 15 minutes',
    });
  }
  if (outcome.kind === 'failed') throw BAD_CREDENTIALS;
  return { token: outcome.token };
}

/**
 * Session cache (per database handle, so test apps never share one). Resolving a session costs a
 * store-less transaction (BEGIN, set_config, one SELECT, COMMIT): four round trips before every
 * request's own work, which under 50 concurrent connections on a small machine was a large part
 * of each request. A resolved actor is therefore kept in process memory for a few seconds.
 *
 * Correctness rules:
 * - Changes made through this instance take effect at once: logout, switching store, changing
 *   one's password, and an administrator editing a user (deactivation, password reset, role or
 *   store changes) drop the cached sessions concerned (`forgetSession`, `forgetUserSessions`),
 *   after their transaction committed; a look-up that raced with such a change is not cached
 *   (the cache's epoch moved on while it ran).
 * - Changes made elsewhere (another instance, SQL by hand, a store deactivated or its time zone
 *   changed) are seen within SESSION_CACHE_TTL_MS.
 * - The idle timeout is unchanged: a cached entry is only used while its last touch is younger
 *   than TOUCH_EVERY_MS (and the idle limit); past that the session is read again, the idle limit
 *   checked and last-seen written (one UPDATE, at most once a minute per session).
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_MAX_ENTRIES = 10_000;

interface CachedSession {
  actor: Actor;
  /** `sessions.last_seen_at` as written (ms). */
  lastSeenAt: number;
  expiresAt: number;
}

class SessionCache {
  readonly entries = new Map<string, CachedSession>();
  /** Moves on with every invalidation: a look-up that started before one does not cache its result. */
  epoch = 0;

  get(id: string, now: number, idleMs: number): Actor | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.expiresAt <= now || now - hit.lastSeenAt > Math.min(TOUCH_EVERY_MS, idleMs)) {
      this.entries.delete(id);
      return undefined;
    }
    return hit.actor;
  }

  set(id: string, entry: CachedSession): void {
    if (this.entries.size >= SESSION_CACHE_MAX_ENTRIES) {
      const now = Date.now();
      for (const [key, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(key);
      // Still full: drop the oldest insertions (Map keeps insertion order).
      for (const key of this.entries.keys()) {
        if (this.entries.size < SESSION_CACHE_MAX_ENTRIES) break;
        this.entries.delete(key);
      }
    }
    this.entries.delete(id);
    this.entries.set(id, entry);
  }
}

const sessionCaches = new WeakMap<Executor, SessionCache>();

function cacheOf(db: Executor): SessionCache {
  let cache = sessionCaches.get(db);
  if (!cache) {
    cache = new SessionCache();
    sessionCaches.set(db, cache);
  }
  return cache;
}

/** Drops one session from this instance's cache (logout, store switch). */
export function forgetSession(db: Executor, sessionId: string): void {
  const cache = cacheOf(db);
  cache.epoch++;
  cache.entries.delete(sessionId);
}

/** Drops every cached session of a user (password change, deactivation, role or store changes). */
export function forgetUserSessions(db: Executor, userId: number): void {
  const cache = cacheOf(db);
  cache.epoch++;
  for (const [id, e] of cache.entries) if (e.actor.userId === userId) cache.entries.delete(id);
}

/** Empties this instance's session cache (after sessions, users or stores were changed by hand). */
export function forgetAllSessions(db: Executor): void {
  const cache = cacheOf(db);
  cache.epoch++;
  cache.entries.clear();
}

/**
 * The actor behind a session cookie, or null when the session is unknown, idle for too long, its
 * user disabled, or the user no longer has a role in the session's store. Served from the session
 * cache above when possible (no SQL at all).
 */
export async function resolveSession(db: Executor, token: string, policy: SessionPolicy): Promise<Actor | null> {
  const id = sessionIdOf(token);
  const cache = cacheOf(db);
  const idleMs = policy.idleMinutes * 60_000;
  const cached = cache.get(id, Date.now(), idleMs);
  if (cached) return cached;
  const epoch = cache.epoch;
  const resolved = await asSystem(db, async (tx) => {
    const row = await repo.findSession(tx, id);
    if (!row) return null;
    const { session, user, store } = row;
    const role = user.groupRole && user.groupId === store.groupId ? user.groupRole : row.role;
    const now = Date.now();
    let lastSeenAt = session.lastSeenAt.getTime();
    const idleFor = now - lastSeenAt;
    if (!user.active || !store.active || !role || idleFor > idleMs) {
      await repo.deleteSession(tx, id);
      return null;
    }
    if (idleFor > TOUCH_EVERY_MS) {
      await repo.touchSession(tx, id, new Date(now));
      lastSeenAt = now;
    }
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionId: id,
      storeId: store.id,
      timeZone: store.timeZone,
      role,
      groupRole: user.groupRole,
      permissions: new Set(ROLE_PERMISSIONS[role]),
    };
    return { actor, lastSeenAt };
  });
  if (!resolved) {
    cache.entries.delete(id);
    return null;
  }
  if (cache.epoch === epoch) cache.set(id, { ...resolved, expiresAt: Date.now() + SESSION_CACHE_TTL_MS });
  return resolved.actor;
}

export async function logout(db: Executor, actor: Actor, ip: string): Promise<void> {
  forgetSession(db, actor.sessionId);
  try {
    await asSystem(db, async (tx) => {
      await repo.deleteSession(tx, actor.sessionId);
      await writeAudit({ actor, storeId: actor.storeId, ip }, tx, { action: 'logout', entity: 'user', entityId: actor.userId });
    });
  } finally {
    forgetSession(db, actor.sessionId);
  }
}

export async function me(db: Executor, actor: Actor): Promise<Me> {
  return asSystem(db, async (tx) => {
    const user = await repo.findUser(tx, actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please sign in' });
    const userStores = await repo.storesOfUser(tx, user);
    const current = userStores.find((s) => s.id === actor.storeId);
    if (!current) throw new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please sign in' });
    return {
      user: { id: user.id, username: user.username, displayName: user.displayName },
      store: { id: current.id, name: current.name, code: current.code, timeZone: current.timeZone },
      role: actor.role,
      permissions: [...actor.permissions],
      stores: userStores.map(({ id, name, code, role }) => ({ id, name, code, role })),
    };
  });
}

/** The store switcher: the session moves to another store the user has a role in. */
export async function switchStore(db: Executor, actor: Actor, storeId: number, ip: string): Promise<void> {
  forgetSession(db, actor.sessionId);
  await asSystem(db, async (tx) => {
    const user = await repo.findUser(tx, actor.userId);
    const allowed = user ? await repo.storesOfUser(tx, user) : [];
    if (!allowed.some((s) => s.id === storeId)) throw new AppError('NOT_FOUND', { zh: '门店不存在', en: 'Store not found' });
    await repo.setSessionStore(tx, actor.sessionId, storeId);
    await writeAudit({ actor, storeId, ip }, tx, { action: 'store.switched', entity: 'store', entityId: storeId });
  });
  forgetSession(db, actor.sessionId);
}

/** Changing one's password ends every other session of the user. */
export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  await asSystem(ctx.db, async (tx) => {
    const user = await repo.findUser(tx, ctx.actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('VALIDATION', { zh: '当前密码不正确', en: 'Current password is wrong' }, {
        fields: [{ path: 'currentPassword', message: { zh: '当前密码不正确', en: 'Current password is wrong' } }],
      });
    }
    await repo.updatePassword(tx, user.id, await hashPassword(input.newPassword));
    await repo.deleteSessionsOfUser(tx, user.id, ctx.actor.sessionId);
    await writeAudit(ctx, tx, { action: 'password.changed', entity: 'user', entityId: user.id });
  });
  forgetUserSessions(ctx.db, ctx.actor.userId);
}

