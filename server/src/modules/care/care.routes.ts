import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CallInputSchema,
  CallRegisterQuerySchema,
  CallResultSchema,
  CallSchema,
  CallWorkspaceSchema,
  CallbackStatsSchema,
  CARE_QUEUES,
  CareQueueCountsSchema,
  CareQueueQuerySchema,
  CarePeriodQuerySchema,
  CareTaskListQuerySchema,
  CareTaskSchema,
  QuestionnaireInputSchema,
  QuestionnaireSchema,
  QuestionnaireUpdateSchema,
  RescheduleSchema,
  ScanResultSchema,
} from '#contracts/care';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { ctxOf } from '../../platform/context';
import * as service from './care.service';
import { XLSX_MIME } from '../../platform/spreadsheet';

const tags = ['care'];
const version = z.object({ version: z.number().int().min(1) });
const xlsx = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const careRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/care/queue',
    { config: { permission: 'care:work' }, schema: { tags, querystring: CareQueueQuerySchema, response: { 200: pageSchema(CareTaskSchema) } } },
    (req) => service.agentQueue(ctxOf(req), req.query, app.clock.now()),
  );
  app.get(
    '/api/care/queue/counts',
    { config: { permission: 'care:work' }, schema: { tags, querystring: z.object({ queue: z.enum(CARE_QUEUES).default('customer_service') }), response: { 200: CareQueueCountsSchema } } },
    (req) => service.queueCounts(ctxOf(req), req.query.queue, app.clock.now()),
  );
  app.get(
    '/api/care/tasks',
    { config: { permission: 'care:work' }, schema: { tags, querystring: CareTaskListQuerySchema, response: { 200: pageSchema(CareTaskSchema) } } },
    (req) => service.listTasks(ctxOf(req), req.query),
  );
  app.post('/api/care/scan', { config: { permission: 'care:supervise' }, schema: { tags, response: { 200: ScanResultSchema } } }, (req) => service.runScan(ctxOf(req), app.clock.now()));
  app.get(
    '/api/care/tasks/:id/workspace',
    { config: { permission: 'care:work' }, schema: { tags, params: IdParamsSchema, response: { 200: CallWorkspaceSchema } } },
    (req) => service.workspace(ctxOf(req), req.params.id, app.clock.now()),
  );
  app.post(
    '/api/care/tasks/:id/calls',
    { config: { permission: 'care:work' }, schema: { tags, params: IdParamsSchema, body: CallInputSchema.and(version), response: { 201: CallResultSchema } } },
    async (req, reply) => reply.status(201).send(await service.recordCall(ctxOf(req), req.params.id, req.body, app.clock.now())),
  );
  app.post(
    '/api/care/tasks/:id/reschedule',
    { config: { permission: 'care:work' }, schema: { tags, params: IdParamsSchema, body: RescheduleSchema.and(version), response: { 200: CareTaskSchema } } },
    (req) => service.reschedule(ctxOf(req), req.params.id, req.body, app.clock.now()),
  );
  app.post(
    '/api/care/tasks/:id/close',
    { config: { permission: 'care:supervise' }, schema: { tags, params: IdParamsSchema, body: version.extend({ note: z.string().trim().max(1000).default('') }), response: { 200: CareTaskSchema } } },
    (req) => service.closeTask(ctxOf(req), req.params.id, req.body, app.clock.now()),
  );
  app.get('/api/care/questionnaires', { config: { permission: 'care:work' }, schema: { tags, response: { 200: z.array(QuestionnaireSchema) } } }, (req) => service.listQuestionnaires(ctxOf(req)));
  app.post(
    '/api/care/questionnaires',
    { config: { permission: 'questionnaire:manage' }, schema: { tags, body: QuestionnaireInputSchema, response: { 201: QuestionnaireSchema } } },
    async (req, reply) => reply.status(201).send(await service.createQuestionnaire(ctxOf(req), req.body)),
  );
  app.put(
    '/api/care/questionnaires/:id',
    { config: { permission: 'questionnaire:manage' }, schema: { tags, params: IdParamsSchema, body: QuestionnaireUpdateSchema, response: { 200: QuestionnaireSchema } } },
    (req) => service.updateQuestionnaire(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/care/stats',
    { config: { permission: 'care:report' }, schema: { tags, querystring: CarePeriodQuerySchema, response: { 200: CallbackStatsSchema } } },
    (req) => service.callbackStats(ctxOf(req), req.query),
  );
  app.get('/api/care/stats/export.xlsx', { config: { permission: 'care:report' }, schema: { tags, querystring: CarePeriodQuerySchema } }, async (req, reply) =>
    reply.header('content-type', XLSX_MIME).header('content-disposition', xlsx('回访统计.xlsx')).send(await service.exportStats(ctxOf(req), req.query)),
  );
  app.get(
    '/api/care/calls',
    { config: { permission: 'care:report' }, schema: { tags, querystring: CallRegisterQuerySchema, response: { 200: pageSchema(CallSchema) } } },
    (req) => service.callRegister(ctxOf(req), req.query),
  );
  app.get('/api/care/calls/export.xlsx', { config: { permission: 'care:report' }, schema: { tags, querystring: CallRegisterQuerySchema } }, async (req, reply) =>
    reply.header('content-type', XLSX_MIME).header('content-disposition', xlsx('跟踪服务电话记录表.xlsx')).send(await service.exportRegister(ctxOf(req), req.query)),
  );
};
