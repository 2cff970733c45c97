import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cappedPageSchema, IdParamsSchema, pageSchema } from '#contracts/common';
import {
  CounterSaleSchema,
  ManualReceiptSchema,
  MovementListQuerySchema,
  MovementResultSchema,
  MovementSchema,
  PartStockSchema,
  ScrapSchema,
  StockItemSchema,
  StockListQuerySchema,
} from '#contracts/parts';
import { ctxOf } from '../../platform/context';
import * as service from './stock.service';

const tags = ['parts'];

/** Stock and its ledger (SPEC §13): list, a part's stock and movements, receipts, counter sales, scrap. */
export const stockRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/stock',
    { config: { permission: 'stock:read' }, schema: { tags, querystring: StockListQuerySchema, response: { 200: cappedPageSchema(StockItemSchema) } } },
    (req) => service.listStock(ctxOf(req), req.query),
  );
  app.get(
    '/api/parts/:id/stock',
    { config: { permission: 'stock:read' }, schema: { tags, params: IdParamsSchema, response: { 200: PartStockSchema } } },
    (req) => service.getPartStock(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/parts/:id/movements',
    { config: { permission: 'stock:read' }, schema: { tags, params: IdParamsSchema, querystring: MovementListQuerySchema, response: { 200: pageSchema(MovementSchema) } } },
    (req) => service.listMovements(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/parts/stock/receive',
    { config: { permission: 'stock:receive' }, schema: { tags, body: ManualReceiptSchema, response: { 201: MovementResultSchema } } },
    async (req, reply) => reply.status(201).send(await service.receiveManual(ctxOf(req), req.body)),
  );
  app.post(
    '/api/parts/stock/counter-sale',
    { config: { permission: 'stock:issue' }, schema: { tags, body: CounterSaleSchema, response: { 201: MovementResultSchema } } },
    async (req, reply) => reply.status(201).send(await service.counterSale(ctxOf(req), req.body)),
  );
  app.post(
    '/api/parts/stock/scrap',
    { config: { permission: 'stock:adjust' }, schema: { tags, body: ScrapSchema, response: { 201: MovementResultSchema } } },
    async (req, reply) => reply.status(201).send(await service.scrap(ctxOf(req), req.body)),
  );
};
