import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  OldPartCreateSchema,
  OldPartListQuerySchema,
  OldPartReturnSchema,
  OldPartSchema,
  OldPartScrapSchema,
  OldPartUpdateSchema,
} from '#contracts/parts-old-parts';
import { ctxOf } from '../../platform/context';
import * as service from './old-parts.service';

const tags = ['parts'];

/** Old parts of warranty jobs (旧件). */
export const oldPartRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/old-parts',
    { config: { permission: 'old_part:read' }, schema: { tags, querystring: OldPartListQuerySchema, response: { 200: pageSchema(OldPartSchema) } } },
    (req) => service.listOldParts(ctxOf(req), req.query),
  );
  app.post(
    '/api/parts/old-parts',
    { config: { permission: 'old_part:manage' }, schema: { tags, body: OldPartCreateSchema, response: { 201: OldPartSchema } } },
    async (req, reply) => reply.status(201).send(await service.tagOldPart(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/old-parts/:id',
    { config: { permission: 'old_part:read' }, schema: { tags, params: IdParamsSchema, response: { 200: OldPartSchema } } },
    (req) => service.getOldPart(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/parts/old-parts/:id',
    { config: { permission: 'old_part:manage' }, schema: { tags, params: IdParamsSchema, body: OldPartUpdateSchema, response: { 200: OldPartSchema } } },
    (req) => service.updateOldPart(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/parts/old-parts/:id/return',
    { config: { permission: 'old_part:manage' }, schema: { tags, params: IdParamsSchema, body: OldPartReturnSchema, response: { 200: OldPartSchema } } },
    (req) => service.returnOldPart(ctxOf(req), req.params.id, req.body.version, req.body.waybillNo),
  );
  app.post(
    '/api/parts/old-parts/:id/scrap',
    { config: { permission: 'old_part:manage' }, schema: { tags, params: IdParamsSchema, body: OldPartScrapSchema, response: { 200: OldPartSchema } } },
    (req) => service.scrapOldPart(ctxOf(req), req.params.id, req.body.version, req.body.reason),
  );
};
