import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '#contracts/permissions';
import type { Role } from '#contracts/roles';
import { AppError } from './errors';

/** The signed-in user as one request sees them: their role and permissions in the active store. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  sessionId: string;
  storeId: number;
  timeZone: string;
  role: Role;
  groupRole: Role | null;
  permissions: ReadonlySet<Permission>;
}

/** A route as the access layer saw it registered: what the permission-matrix test walks. */
export interface RouteAccess {
  method: string;
  url: string;
  permission?: Permission;
  public?: boolean;
  authenticated?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteAccess[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The one permission a route requires. Every /api route names one or is `public`. */
    permission?: Permission;
    /** Open to anyone (sign-in, health). */
    public?: boolean;
    /** Signed-in users only, whatever their role (their own session and profile). */
    authenticated?: boolean;
  }
}

export interface AccessOptions {
  sessionCookie: string;
  resolveSession(token: string, request: FastifyRequest): Promise<Actor | null>;
  onDenied(request: FastifyRequest, actor: Actor, permission: Permission): Promise<void>;
}

/**
 * Resolves the session of every request and enforces the route's declared permission before
 * the body is even validated, so an unpermitted caller learns nothing from validation errors.
 */
export const accessControl = fp(async function accessControl(app: FastifyInstance, opts: AccessOptions) {
  app.decorateRequest('actor', null);
  const routeTable: RouteAccess[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const c = route.config ?? {};
    const declared = [c.permission !== undefined, c.public === true, c.authenticated === true].filter(Boolean).length;
    if (declared !== 1) {
      throw new Error(`route ${route.method} ${route.url} must declare exactly one of permission, public, authenticated`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, permission: c.permission, public: c.public, authenticated: c.authenticated });
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const token = request.cookies[opts.sessionCookie];
    request.actor = token ? await opts.resolveSession(token, request) : null;
    if (!request.url.startsWith('/api/') || config.public) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please sign in' });
    if (config.permission && !request.actor.permissions.has(config.permission)) {
      await opts.onDenied(request, request.actor, config.permission);
      throw new AppError('FORBIDDEN', { zh: '没有权限执行此操作', en: 'You do not have permission for this' }, {
        permission: config.permission,
      });
    }
  });
});

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please sign in' });
  return request.actor;
}
