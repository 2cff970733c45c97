import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cappedPageSchema, IdParamsSchema, pageSchema } from '#contracts/common';
import {
  CustomerCreateSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  CustomerUpdateSchema,
  RevealedPhonesSchema,
} from '#contracts/customers';
import {
  CustomerDetailSchema,
  OdometerCreateSchema,
  TimelineEventSchema,
  TimelineQuerySchema,
  VehicleCreateSchema,
  VehicleListQuerySchema,
  VehiclePageSchema,
  VehicleSchema,
  VehicleUpdateSchema,
} from '#contracts/customers-vehicles';
import {
  ImportQuerySchema,
  ImportReportSchema,
  MergeRequestSchema,
  MergeResultSchema,
  QualityReportSchema,
  SearchQuerySchema,
  SearchResponseSchema,
  SegmentCountsSchema,
  SegmentCreateSchema,
  SegmentPreviewSchema,
  SegmentSchema,
  SegmentUpdateSchema,
} from '#contracts/customers-tools';
import { ctxOf } from '../../platform/context';
import * as customers from './customers.service';
import * as files from './import.service';
import * as merge from './merge.service';
import { search } from './search.service';
import * as segments from './segments.service';
import * as vehicles from './vehicles.service';
import { XLSX_MIME } from '../../platform/spreadsheet';

const TimelinePageSchema = pageSchema(TimelineEventSchema);
const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Customer and vehicle files (SPEC §3). Thin: the services decide. */
export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['customers'];

  app.get(
    '/api/search',
    { config: { permission: 'customer:read' }, schema: { tags, querystring: SearchQuerySchema, response: { 200: SearchResponseSchema } } },
    (req) => search(ctxOf(req), req.query),
  );

  // --- customers ---------------------------------------------------------------------------
  app.get(
    '/api/customers',
    { config: { permission: 'customer:read' }, schema: { tags, querystring: CustomerListQuerySchema, response: { 200: cappedPageSchema(CustomerSchema) } } },
    (req) => customers.listCustomers(ctxOf(req), req.query),
  );
  app.get(
    '/api/customers/quality',
    { config: { permission: 'customer:read' }, schema: { tags, response: { 200: QualityReportSchema } } },
    (req) => customers.qualityReport(ctxOf(req)),
  );
  app.get(
    '/api/customers/import-template',
    { config: { permission: 'customer:import' }, schema: { tags } },
    async (req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="customer-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('客户档案导入模板.xlsx')}`)
        .send(await files.importTemplate(ctxOf(req))),
  );
  app.get(
    '/api/customers/export.xlsx',
    { config: { permission: 'customer:export' }, schema: { tags, querystring: CustomerListQuerySchema } },
    async (req, reply) => {
      const { file } = await files.exportCustomers(ctxOf(req), req.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="customers.xlsx"; filename*=UTF-8''${encodeURIComponent('客户档案.xlsx')}`)
        .send(file);
    },
  );
  // The import takes the .xlsx file itself as the body (any content type: the file is sniffed).
  await app.register(async (child) => {
    child.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/customers/import',
      { config: { permission: 'customer:import' }, schema: { tags, querystring: ImportQuerySchema, response: { 200: ImportReportSchema } } },
      (req) => files.importCustomers(ctxOf(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), { dryRun: req.query.dryRun }),
    );
  });
  app.post(
    '/api/customers',
    { config: { permission: 'customer:write' }, schema: { tags, body: CustomerCreateSchema, response: { 201: CustomerSchema } } },
    async (req, reply) => reply.status(201).send(await customers.createCustomer(ctxOf(req), req.body)),
  );
  app.get(
    '/api/customers/:id',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, response: { 200: CustomerDetailSchema } } },
    (req) => customers.getCustomer(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/customers/:id',
    { config: { permission: 'customer:write' }, schema: { tags, params: IdParamsSchema, body: CustomerUpdateSchema, response: { 200: CustomerSchema } } },
    (req) => customers.updateCustomer(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/customers/:id/timeline',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, querystring: TimelineQuerySchema, response: { 200: TimelinePageSchema } } },
    (req) => customers.customerTimeline(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/customers/:id/reveal-phone',
    { config: { permission: 'customer:reveal_phone' }, schema: { tags, params: IdParamsSchema, response: { 200: RevealedPhonesSchema } } },
    (req) => customers.revealPhones(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/customers/:id/merge',
    { config: { permission: 'customer:merge' }, schema: { tags, params: IdParamsSchema, body: MergeRequestSchema, response: { 200: MergeResultSchema } } },
    (req) => merge.mergeCustomers(ctxOf(req), req.params.id, req.body.intoId),
  );

  // --- vehicles ----------------------------------------------------------------------------
  app.get(
    '/api/vehicles',
    { config: { permission: 'customer:read' }, schema: { tags, querystring: VehicleListQuerySchema, response: { 200: cappedPageSchema(VehicleSchema) } } },
    (req) => vehicles.listVehicles(ctxOf(req), req.query),
  );
  app.post(
    '/api/vehicles',
    { config: { permission: 'customer:write' }, schema: { tags, body: VehicleCreateSchema, response: { 201: VehiclePageSchema } } },
    async (req, reply) => reply.status(201).send(await vehicles.createVehicle(ctxOf(req), req.body)),
  );
  app.get(
    '/api/vehicles/:id',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, response: { 200: VehiclePageSchema } } },
    (req) => vehicles.getVehiclePage(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/vehicles/:id',
    { config: { permission: 'customer:write' }, schema: { tags, params: IdParamsSchema, body: VehicleUpdateSchema, response: { 200: VehiclePageSchema } } },
    (req) => vehicles.updateVehicle(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/vehicles/:id/odometer-readings',
    { config: { permission: 'customer:write' }, schema: { tags, params: IdParamsSchema, body: OdometerCreateSchema, response: { 201: VehiclePageSchema } } },
    async (req, reply) => reply.status(201).send(await vehicles.addOdometerReading(ctxOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/vehicles/:id/timeline',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, querystring: TimelineQuerySchema, response: { 200: TimelinePageSchema } } },
    (req) => vehicles.vehicleTimeline(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/vehicles/:id/merge',
    { config: { permission: 'customer:merge' }, schema: { tags, params: IdParamsSchema, body: MergeRequestSchema, response: { 200: MergeResultSchema } } },
    (req) => merge.mergeVehicles(ctxOf(req), req.params.id, req.body.intoId),
  );

  // --- segments ----------------------------------------------------------------------------
  app.get(
    '/api/segments',
    { config: { permission: 'customer:read' }, schema: { tags, response: { 200: z.array(SegmentSchema) } } },
    (req) => segments.listSegments(ctxOf(req)),
  );
  app.post(
    '/api/segments/preview',
    { config: { permission: 'customer:read' }, schema: { tags, body: SegmentPreviewSchema, response: { 200: SegmentCountsSchema } } },
    (req) => segments.previewSegment(ctxOf(req), req.body.filter),
  );
  app.post(
    '/api/segments',
    { config: { permission: 'segment:manage' }, schema: { tags, body: SegmentCreateSchema, response: { 201: SegmentSchema } } },
    async (req, reply) => reply.status(201).send(await segments.createSegment(ctxOf(req), req.body)),
  );
  app.get(
    '/api/segments/:id',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, response: { 200: SegmentSchema } } },
    (req) => segments.getSegment(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/segments/:id',
    { config: { permission: 'segment:manage' }, schema: { tags, params: IdParamsSchema, body: SegmentUpdateSchema, response: { 200: SegmentSchema } } },
    (req) => segments.updateSegment(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/segments/:id/vehicles',
    { config: { permission: 'customer:read' }, schema: { tags, params: IdParamsSchema, querystring: PageQuerySchema, response: { 200: pageSchema(VehicleSchema) } } },
    (req) => segments.segmentVehicles(ctxOf(req), req.params.id, req.query),
  );
};
