import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CssPeriodInputSchema,
  CssPeriodSchema,
  CssWeightsSchema,
  PtPeriodInputSchema,
  PtPeriodSchema,
  ScoreMonthSchema,
  ScoreRangeQuerySchema,
} from '#contracts/satisfaction';
import { ctxOf } from '../../platform/context';
import * as service from './satisfaction.service';

const tags = ['satisfaction'];

export const satisfactionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/satisfaction/weights',
    { config: { permission: 'satisfaction:read' }, schema: { tags, response: { 200: CssWeightsSchema } } },
    (req) => service.getWeights(ctxOf(req)),
  );
  app.put(
    '/api/satisfaction/weights',
    { config: { permission: 'satisfaction:manage' }, schema: { tags, body: CssWeightsSchema, response: { 200: CssWeightsSchema } } },
    (req) => service.setWeights(ctxOf(req), req.body),
  );
  app.get(
    '/api/satisfaction/css',
    { config: { permission: 'satisfaction:read' }, schema: { tags, querystring: ScoreRangeQuerySchema, response: { 200: z.array(CssPeriodSchema) } } },
    (req) => service.listCss(ctxOf(req), req.query),
  );
  app.put(
    '/api/satisfaction/css',
    { config: { permission: 'satisfaction:manage' }, schema: { tags, body: CssPeriodInputSchema, response: { 200: CssPeriodSchema } } },
    (req) => service.enterCss(ctxOf(req), req.body),
  );
  app.get(
    '/api/satisfaction/pt',
    { config: { permission: 'satisfaction:read' }, schema: { tags, querystring: ScoreRangeQuerySchema, response: { 200: z.array(PtPeriodSchema) } } },
    (req) => service.listPt(ctxOf(req), req.query),
  );
  app.put(
    '/api/satisfaction/pt',
    { config: { permission: 'satisfaction:manage' }, schema: { tags, body: PtPeriodInputSchema, response: { 200: PtPeriodSchema } } },
    (req) => service.enterPt(ctxOf(req), req.body),
  );
  app.get(
    '/api/satisfaction/trend',
    { config: { permission: 'satisfaction:read' }, schema: { tags, querystring: ScoreRangeQuerySchema, response: { 200: z.array(ScoreMonthSchema) } } },
    (req) => service.trend(ctxOf(req), req.query),
  );
};
