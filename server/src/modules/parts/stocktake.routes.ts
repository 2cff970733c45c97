import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  CountsInputSchema,
  StocktakeApproveSchema,
  StocktakeCancelSchema,
  StocktakeCreateSchema,
  StocktakeListQuerySchema,
  StocktakeSchema,
  StocktakeSheetSchema,
  VarianceReportSchema,
} from '#contracts/parts-stocktake';
import { ctxOf } from '../../platform/context';
import * as service from './stocktake.service';

const tags = ['parts'];

/** Stocktake (盘点): blind count sheets for the counters, variance and approval for the supervisor. */
export const stocktakeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/stocktakes',
    { config: { permission: 'stocktake:count' }, schema: { tags, querystring: StocktakeListQuerySchema, response: { 200: pageSchema(StocktakeSchema) } } },
    (req) => service.listStocktakes(ctxOf(req), req.query),
  );
  app.post(
    '/api/parts/stocktakes',
    { config: { permission: 'stocktake:count' }, schema: { tags, body: StocktakeCreateSchema, response: { 201: StocktakeSchema } } },
    async (req, reply) => reply.status(201).send(await service.createStocktake(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/stocktakes/:id/sheet',
    { config: { permission: 'stocktake:count' }, schema: { tags, params: IdParamsSchema, response: { 200: StocktakeSheetSchema } } },
    (req) => service.getSheet(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/parts/stocktakes/:id/counts',
    { config: { permission: 'stocktake:count' }, schema: { tags, params: IdParamsSchema, body: CountsInputSchema, response: { 200: StocktakeSheetSchema } } },
    (req) => service.enterCounts(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/parts/stocktakes/:id/variance',
    { config: { permission: 'stocktake:approve' }, schema: { tags, params: IdParamsSchema, response: { 200: VarianceReportSchema } } },
    (req) => service.getVariance(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/parts/stocktakes/:id/approve',
    { config: { permission: 'stocktake:approve' }, schema: { tags, params: IdParamsSchema, body: StocktakeApproveSchema, response: { 200: VarianceReportSchema } } },
    (req) => service.approveStocktake(ctxOf(req), req.params.id, req.body.version, req.body.note),
  );
  app.post(
    '/api/parts/stocktakes/:id/cancel',
    { config: { permission: 'stocktake:approve' }, schema: { tags, params: IdParamsSchema, body: StocktakeCancelSchema, response: { 200: StocktakeSchema } } },
    (req) => service.cancelStocktake(ctxOf(req), req.params.id, req.body.version, req.body.reason),
  );
};
