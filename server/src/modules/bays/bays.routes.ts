import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BayCreateSchema, BayListQuerySchema, BaySchema, BayUpdateSchema } from '#contracts/bays';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { ctxOf } from '../../platform/context';
import * as service from './bays.service';

const tags = ['bays'];

export const bayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/bays',
    { config: { permission: 'bay:read' }, schema: { tags, querystring: BayListQuerySchema, response: { 200: pageSchema(BaySchema) } } },
    (req) => service.listBays(ctxOf(req), req.query),
  );
  app.get(
    '/api/bays/:id',
    { config: { permission: 'bay:read' }, schema: { tags, params: IdParamsSchema, response: { 200: BaySchema } } },
    (req) => service.getBay(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/bays',
    { config: { permission: 'bay:manage' }, schema: { tags, body: BayCreateSchema, response: { 201: BaySchema } } },
    async (req, reply) => reply.status(201).send(await service.createBay(ctxOf(req), req.body)),
  );
  app.put(
    '/api/bays/:id',
    { config: { permission: 'bay:manage' }, schema: { tags, params: IdParamsSchema, body: BayUpdateSchema, response: { 200: BaySchema } } },
    (req) => service.updateBay(ctxOf(req), req.params.id, req.body),
  );
};
