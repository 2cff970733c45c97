import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ComplaintCreateSchema,
  ComplaintDepartmentRowSchema,
  ComplaintDetailSchema,
  ComplaintListQuerySchema,
  ComplaintPeriodQuerySchema,
  ComplaintSchema,
  ComplaintStepSchema,
  ComplaintWeeklySchema,
} from '#contracts/complaints';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { ctxOf } from '../../platform/context';
import * as service from './complaints.service';
import { XLSX_MIME } from '../../platform/spreadsheet';

const tags = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/complaints',
    { config: { permission: 'complaint:read' }, schema: { tags, querystring: ComplaintListQuerySchema, response: { 200: pageSchema(ComplaintSchema) } } },
    (req) => service.listComplaints(ctxOf(req), req.query),
  );
  app.get('/api/complaints/export.xlsx', { config: { permission: 'complaint:read' }, schema: { tags, querystring: ComplaintListQuerySchema } }, async (req, reply) =>
    reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="complaints.xlsx"; filename*=UTF-8''${encodeURIComponent('投诉列表.xlsx')}`)
      .send(await service.exportComplaints(ctxOf(req), req.query)),
  );
  app.get(
    '/api/complaints/weekly',
    { config: { permission: 'complaint:read' }, schema: { tags, querystring: ComplaintPeriodQuerySchema, response: { 200: ComplaintWeeklySchema } } },
    (req) => service.weeklyTable(ctxOf(req), req.query),
  );
  app.get(
    '/api/complaints/by-department',
    { config: { permission: 'complaint:read' }, schema: { tags, querystring: ComplaintPeriodQuerySchema, response: { 200: z.array(ComplaintDepartmentRowSchema) } } },
    (req) => service.byDepartment(ctxOf(req), req.query),
  );
  app.get(
    '/api/complaints/:id',
    { config: { permission: 'complaint:read' }, schema: { tags, params: IdParamsSchema, response: { 200: ComplaintDetailSchema } } },
    (req) => service.getComplaint(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/complaints',
    { config: { permission: 'complaint:register' }, schema: { tags, body: ComplaintCreateSchema, response: { 201: ComplaintDetailSchema } } },
    async (req, reply) => reply.status(201).send(await service.registerComplaint(ctxOf(req), req.body)),
  );
  app.post(
    '/api/complaints/:id/steps',
    { config: { permission: 'complaint:handle' }, schema: { tags, params: IdParamsSchema, body: ComplaintStepSchema, response: { 200: ComplaintDetailSchema } } },
    (req) => service.stepComplaint(ctxOf(req), req.params.id, req.body),
  );
};
