import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { PartCreateSchema, PartImportReportSchema, PartListQuerySchema, PartSchema, PartUpdateSchema } from '#contracts/parts';
import { ctxOf } from '../../platform/context';
import * as files from './catalog.import';
import * as service from './catalog.service';
import { XLSX_MIME } from '../../platform/spreadsheet';

const tags = ['parts'];
const ImportQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });
const attachment = (ascii: string, zh: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;

/** 配件目录 (SPEC §13): search, maintain, Excel import and export. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts',
    { config: { permission: 'part:read' }, schema: { tags, querystring: PartListQuerySchema, response: { 200: pageSchema(PartSchema) } } },
    (req) => service.listParts(ctxOf(req), req.query),
  );
  app.get(
    '/api/parts/import-template',
    { config: { permission: 'part:import' }, schema: { tags } },
    async (req, reply) =>
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('parts-import-template.xlsx', '配件目录导入模板.xlsx')).send(await files.importTemplate(ctxOf(req))),
  );
  app.get(
    '/api/parts/export.xlsx',
    { config: { permission: 'part:export' }, schema: { tags, querystring: PartListQuerySchema } },
    async (req, reply) =>
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('parts.xlsx', '配件目录.xlsx')).send(await files.exportParts(ctxOf(req), req.query)),
  );
  // The import takes the .xlsx file itself as the body (any content type: the file is sniffed).
  await app.register(async (child) => {
    child.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/parts/import',
      { config: { permission: 'part:import' }, schema: { tags, querystring: ImportQuerySchema, response: { 200: PartImportReportSchema } } },
      (req) => files.importParts(ctxOf(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), { dryRun: req.query.dryRun }),
    );
  });
  app.post(
    '/api/parts',
    { config: { permission: 'part:manage' }, schema: { tags, body: PartCreateSchema, response: { 201: PartSchema } } },
    async (req, reply) => reply.status(201).send(await service.createPart(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/:id',
    { config: { permission: 'part:read' }, schema: { tags, params: IdParamsSchema, response: { 200: PartSchema } } },
    (req) => service.getPart(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/parts/:id',
    { config: { permission: 'part:manage' }, schema: { tags, params: IdParamsSchema, body: PartUpdateSchema, response: { 200: PartSchema } } },
    (req) => service.updatePart(ctxOf(req), req.params.id, req.body),
  );
};
