import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { TransferCreateSchema, TransferListQuerySchema, TransferSchema } from '#contracts/parts-transfers';
import { ctxOf } from '../../platform/context';
import * as service from './transfers.service';

const tags = ['parts'];

/** Transfers between stores of the group (调拨). */
export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/transfers',
    { config: { permission: 'stock:read' }, schema: { tags, querystring: TransferListQuerySchema, response: { 200: pageSchema(TransferSchema) } } },
    (req) => service.listTransfers(ctxOf(req), req.query),
  );
  app.post(
    '/api/parts/transfers',
    { config: { permission: 'stock:transfer' }, schema: { tags, body: TransferCreateSchema, response: { 201: TransferSchema } } },
    async (req, reply) => reply.status(201).send(await service.createTransfer(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/transfers/:id',
    { config: { permission: 'stock:read' }, schema: { tags, params: IdParamsSchema, response: { 200: TransferSchema } } },
    (req) => service.getTransfer(ctxOf(req), req.params.id),
  );
};
