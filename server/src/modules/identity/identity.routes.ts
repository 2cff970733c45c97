import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema, pageSchema } from '#contracts/common';
import { ChangePasswordSchema, LoginSchema, MeSchema, SwitchStoreSchema, UserCreateSchema, UserUpdateSchema } from '#contracts/identity';
import { UserListQuerySchema, UserSchema } from '#contracts/users';
import { requireActor } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import * as auth from './identity.service';
import * as users from './users.service';

export const SESSION_COOKIE = 'as_sid';

export interface IdentityRouteOptions {
  cookieSecure: boolean;
}

export const identityRoutes: FastifyPluginAsyncZod<IdentityRouteOptions> = async (app, opts) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure };
  const authTags = ['auth'];

  app.post(
    '/api/auth/login',
    { config: { public: true }, schema: { tags: authTags, body: LoginSchema, response: { 200: MeSchema } } },
    async (req, reply) => {
      const { token } = await auth.login(app.database.db, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
      const actor = await auth.resolveSession(app.database.db, token, { idleMinutes: app.config.sessionIdleMinutes });
      reply.setCookie(SESSION_COOKIE, token, cookie);
      return auth.me(app.database.db, actor!);
    },
  );
  app.post('/api/auth/logout', { config: { authenticated: true }, schema: { tags: authTags, response: { 200: OkSchema } } }, async (req, reply) => {
    await auth.logout(app.database.db, requireActor(req), req.ip);
    reply.clearCookie(SESSION_COOKIE, cookie);
    return { ok: true as const };
  });
  app.get('/api/auth/me', { config: { authenticated: true }, schema: { tags: authTags, response: { 200: MeSchema } } }, (req) =>
    auth.me(app.database.db, requireActor(req)),
  );
  app.post(
    '/api/auth/switch-store',
    { config: { authenticated: true }, schema: { tags: authTags, body: SwitchStoreSchema, response: { 200: MeSchema } } },
    async (req) => {
      const actor = requireActor(req);
      await auth.switchStore(app.database.db, actor, req.body.storeId, req.ip);
      const token = req.cookies[SESSION_COOKIE]!;
      const moved = await auth.resolveSession(app.database.db, token, { idleMinutes: app.config.sessionIdleMinutes });
      return auth.me(app.database.db, moved!);
    },
  );
  app.post(
    '/api/auth/password',
    { config: { authenticated: true }, schema: { tags: authTags, body: ChangePasswordSchema, response: { 200: OkSchema } } },
    async (req) => {
      await auth.changePassword(ctxOf(req), req.body);
      return { ok: true as const };
    },
  );

  const tags = ['users'];
  app.get(
    '/api/users',
    { config: { permission: 'user:read' }, schema: { tags, querystring: UserListQuerySchema, response: { 200: pageSchema(UserSchema) } } },
    (req) => users.listUsers(ctxOf(req), req.query),
  );
  app.get(
    '/api/users/:id',
    { config: { permission: 'user:read' }, schema: { tags, params: IdParamsSchema, response: { 200: UserSchema } } },
    (req) => users.getUser(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/users',
    { config: { permission: 'user:manage' }, schema: { tags, body: UserCreateSchema, response: { 201: UserSchema } } },
    async (req, reply) => reply.status(201).send(await users.createUser(ctxOf(req), req.body)),
  );
  app.put(
    '/api/users/:id',
    { config: { permission: 'user:manage' }, schema: { tags, params: IdParamsSchema, body: UserUpdateSchema, response: { 200: UserSchema } } },
    (req) => users.updateUser(ctxOf(req), req.params.id, req.body),
  );
};
