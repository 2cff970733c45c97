import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import { StoreCreateSchema, StoreHeaderSchema, StoreSchema, StoreSettingsResponseSchema, StoreSettingsUpdateSchema, StoreUpdateSchema } from '#contracts/stores';
import { ctxOf } from '../../platform/context';
import * as service from './stores.service';

const tags = ['stores'];

export const storeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/stores', { config: { permission: 'store:read' }, schema: { tags, response: { 200: z.array(StoreSchema) } } }, (req) =>
    service.listStores(ctxOf(req)),
  );
  app.post(
    '/api/stores',
    { config: { permission: 'store:manage' }, schema: { tags, body: StoreCreateSchema, response: { 201: StoreSchema } } },
    async (req, reply) => reply.status(201).send(await service.createStore(ctxOf(req), req.body)),
  );
  // The letterhead of printed forms (SPEC §18: A4 with the store's header), for everyone signed in.
  app.get(
    '/api/stores/current',
    { config: { authenticated: true }, schema: { tags, response: { 200: StoreHeaderSchema } } },
    (req) => service.currentStoreHeader(ctxOf(req)),
  );
  app.get(
    '/api/stores/:id',
    { config: { permission: 'store:read' }, schema: { tags, params: IdParamsSchema, response: { 200: StoreSchema } } },
    (req) => service.getStore(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/stores/:id',
    { config: { permission: 'store:manage' }, schema: { tags, params: IdParamsSchema, body: StoreUpdateSchema, response: { 200: StoreSchema } } },
    (req) => service.updateStore(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/settings',
    { config: { permission: 'settings:read' }, schema: { tags, response: { 200: StoreSettingsResponseSchema } } },
    (req) => service.readSettings(ctxOf(req)),
  );
  app.put(
    '/api/settings',
    { config: { permission: 'settings:update' }, schema: { tags, body: StoreSettingsUpdateSchema, response: { 200: StoreSettingsResponseSchema } } },
    (req) => service.updateSettings(ctxOf(req), req.body),
  );
};
