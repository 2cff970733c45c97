import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  MessageComposeSchema,
  MessageListQuerySchema,
  MessagePreviewSchema,
  MessageTemplateInputSchema,
  MessageTemplateSchema,
  MessageTemplateUpdateSchema,
  OutboxMessageSchema,
  OutboxSettingsSchema,
} from '#contracts/outbox';
import { ctxOf } from '../../platform/context';
import * as service from './outbox.service';
import { XLSX_MIME } from '../../platform/spreadsheet';

const tags = ['messages'];

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/message-templates',
    { config: { permission: 'message:read' }, schema: { tags, response: { 200: z.array(MessageTemplateSchema) } } },
    (req) => service.listTemplates(ctxOf(req)),
  );
  app.post(
    '/api/message-templates',
    { config: { permission: 'message:manage' }, schema: { tags, body: MessageTemplateInputSchema, response: { 201: MessageTemplateSchema } } },
    async (req, reply) => reply.status(201).send(await service.createTemplate(ctxOf(req), req.body)),
  );
  app.put(
    '/api/message-templates/:id',
    { config: { permission: 'message:manage' }, schema: { tags, params: IdParamsSchema, body: MessageTemplateUpdateSchema, response: { 200: MessageTemplateSchema } } },
    (req) => service.updateTemplate(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/messages/preview',
    { config: { permission: 'message:send' }, schema: { tags, body: MessageComposeSchema, response: { 200: MessagePreviewSchema } } },
    (req) => service.previewMessage(ctxOf(req), req.body),
  );
  app.post(
    '/api/messages',
    { config: { permission: 'message:send' }, schema: { tags, body: MessageComposeSchema, response: { 201: OutboxMessageSchema } } },
    async (req, reply) => reply.status(201).send(await service.composeMessage(ctxOf(req), req.body)),
  );
  app.get(
    '/api/messages',
    { config: { permission: 'message:read' }, schema: { tags, querystring: MessageListQuerySchema, response: { 200: pageSchema(OutboxMessageSchema) } } },
    (req) => service.listMessages(ctxOf(req), req.query),
  );
  app.get('/api/messages/export.xlsx', { config: { permission: 'message:read' }, schema: { tags, querystring: MessageListQuerySchema } }, async (req, reply) =>
    reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="letters-register.xlsx"; filename*=UTF-8''${encodeURIComponent('跟踪服务信函登记表.xlsx')}`)
      .send(await service.exportRegister(ctxOf(req), req.query)),
  );
  app.get(
    '/api/outbox/settings',
    { config: { permission: 'message:read' }, schema: { tags, response: { 200: OutboxSettingsSchema } } },
    (req) => service.getSettings(ctxOf(req)),
  );
  app.put(
    '/api/outbox/settings',
    { config: { permission: 'message:manage' }, schema: { tags, body: OutboxSettingsSchema, response: { 200: OutboxSettingsSchema } } },
    (req) => service.updateSettings(ctxOf(req), req.body),
  );
};
