import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  EvidenceParamsSchema,
  EvidenceSchema,
  EvidenceUploadSchema,
  ImprovementActionInputSchema,
  ImprovementActionListQuerySchema,
  ImprovementActionSchema,
  ImprovementActionUpdateSchema,
  ImprovementStatusBodySchema,
} from '#contracts/improvement-actions';
import { ctxOf } from '../../platform/context';
import { requestLang } from '../../platform/lang';
import { XLSX_MIME } from '../../platform/spreadsheet';
import { exportActions } from './improvement-actions.export';
import * as service from './improvement-actions.service';

const tags = ['improvement-actions'];
const attachment = (ascii: string, name: string) => `attachment; filename="${ascii.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 整改措施 / TOP5 (SPEC §17). */
export const improvementActionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/improvement-actions',
    { config: { permission: 'improvement_action:read' }, schema: { tags, querystring: ImprovementActionListQuerySchema, response: { 200: pageSchema(ImprovementActionSchema) } } },
    (req) => service.listActions(ctxOf(req), req.query),
  );
  app.get(
    '/api/improvement-actions/export.xlsx',
    { config: { permission: 'improvement_action:read' }, schema: { tags, querystring: ImprovementActionListQuerySchema } },
    async (req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment('improvement-actions.xlsx', `整改措施${req.query.month ? `-${req.query.month}` : ''}.xlsx`))
        .send(await exportActions(ctxOf(req), req.query, requestLang(req))),
  );
  app.get(
    '/api/improvement-actions/:id',
    { config: { permission: 'improvement_action:read' }, schema: { tags, params: IdParamsSchema, response: { 200: ImprovementActionSchema } } },
    (req) => service.getAction(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/improvement-actions',
    { config: { permission: 'improvement_action:manage' }, schema: { tags, body: ImprovementActionInputSchema, response: { 201: ImprovementActionSchema } } },
    async (req, reply) => reply.status(201).send(await service.createAction(ctxOf(req), req.body)),
  );
  app.put(
    '/api/improvement-actions/:id',
    { config: { permission: 'improvement_action:manage' }, schema: { tags, params: IdParamsSchema, body: ImprovementActionUpdateSchema, response: { 200: ImprovementActionSchema } } },
    (req) => service.updateAction(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/improvement-actions/:id/status',
    { config: { permission: 'improvement_action:manage' }, schema: { tags, params: IdParamsSchema, body: ImprovementStatusBodySchema, response: { 200: ImprovementActionSchema } } },
    (req) => service.changeStatus(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/improvement-actions/:id/evidence',
    { config: { permission: 'improvement_action:manage' }, schema: { tags, params: IdParamsSchema, body: EvidenceUploadSchema, response: { 201: EvidenceSchema } } },
    async (req, reply) => reply.status(201).send(await service.addEvidence(ctxOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/improvement-actions/:id/evidence/:evidenceId',
    { config: { permission: 'improvement_action:read' }, schema: { tags, params: EvidenceParamsSchema } },
    async (req, reply) => {
      const file = await service.readEvidence(ctxOf(req), req.params.id, req.params.evidenceId);
      // Served as a download (never rendered inline) so an uploaded file cannot act as a page of ours.
      return reply.header('content-type', file.mimeType).header('x-content-type-options', 'nosniff').header('content-disposition', attachment(file.fileName, file.fileName)).send(file.content);
    },
  );
};
