import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  CancelRequestSchema,
  FittedSchema,
  IssueSchema,
  PartRequestCreateSchema,
  PartRequestListQuerySchema,
  PartRequestSchema,
  ReturnSchema,
  RoPartsSchema,
} from '#contracts/parts-requests';
import { ctxOf } from '../../platform/context';
import * as service from './requests.service';

const tags = ['parts'];

/** Part requests of jobs, the counter's queue, issuing and returns (SPEC §6, §13). */
export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/requests',
    { config: { permission: 'part_request:read' }, schema: { tags, querystring: PartRequestListQuerySchema, response: { 200: pageSchema(PartRequestSchema) } } },
    (req) => service.listRequests(ctxOf(req), req.query),
  );
  app.post(
    '/api/parts/requests',
    { config: { permission: 'part_request:create' }, schema: { tags, body: PartRequestCreateSchema, response: { 201: PartRequestSchema } } },
    async (req, reply) => reply.status(201).send(await service.createRequest(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/requests/:id',
    { config: { permission: 'part_request:read' }, schema: { tags, params: IdParamsSchema, response: { 200: PartRequestSchema } } },
    (req) => service.getRequest(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/parts/requests/:id/issue',
    { config: { permission: 'stock:issue' }, schema: { tags, params: IdParamsSchema, body: IssueSchema, response: { 200: PartRequestSchema } } },
    (req) => service.issuePart(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/parts/requests/:id/return',
    { config: { permission: 'stock:issue' }, schema: { tags, params: IdParamsSchema, body: ReturnSchema, response: { 200: PartRequestSchema } } },
    (req) => service.returnPart(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/parts/requests/:id/fitted',
    { config: { permission: 'part_request:fit' }, schema: { tags, params: IdParamsSchema, body: FittedSchema, response: { 200: PartRequestSchema } } },
    (req) => service.recordFitted(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/parts/requests/:id/cancel',
    { config: { permission: 'part_request:create' }, schema: { tags, params: IdParamsSchema, body: CancelRequestSchema, response: { 200: PartRequestSchema } } },
    (req) => service.cancelRequest(ctxOf(req), req.params.id, req.body.reason),
  );
  app.get(
    '/api/parts/repair-orders/:id',
    { config: { permission: 'part_request:read' }, schema: { tags, params: IdParamsSchema, response: { 200: RoPartsSchema } } },
    (req) => service.getRoParts(ctxOf(req), req.params.id),
  );
};
