import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FiguresQuerySchema, PartsFiguresSchema, SlowMovingListSchema, SlowMovingQuerySchema } from '#contracts/parts-figures';
import { ctxOf } from '../../platform/context';
import * as service from './figures.service';

const tags = ['parts'];

/** The parts dashboard's figures (SPEC §13, §16). */
export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/figures',
    { config: { permission: 'parts_report:read' }, schema: { tags, querystring: FiguresQuerySchema, response: { 200: PartsFiguresSchema } } },
    (req) => service.getFigures(ctxOf(req), req.query),
  );
  app.get(
    '/api/parts/figures/slow-moving',
    { config: { permission: 'parts_report:read' }, schema: { tags, querystring: SlowMovingQuerySchema, response: { 200: SlowMovingListSchema } } },
    (req) => service.getSlowMoving(ctxOf(req), req.query.limit),
  );
};
