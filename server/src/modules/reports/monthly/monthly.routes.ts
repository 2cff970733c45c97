import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CommentParamsSchema,
  MONTHLY_REPORT_LABELS,
  MonthlyReportParamsSchema,
  MonthlyReportQuerySchema,
  MonthlyReportSchema,
  ReportCommentBodySchema,
  ReportCommentSchema,
} from '#contracts/monthly-reports';
import { ctxOf } from '../../../platform/context';
import { requestLang } from '../../../platform/lang';
import { auditExport, buildMonthlyReport, saveComment } from './monthly.service';
import { PPTX_MIME, writePptx } from './pptx';
import { XLSX_MIME } from '../../../platform/spreadsheet';
import { writeXlsx } from './xlsx';

const tags = ['monthly-reports'];
const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 售后月度工作总结 / 客服部月报 (SPEC §17): the report, its commentary, slides and workbook. */
export const monthlyReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/monthly-reports/:kind',
    { config: { permission: 'monthly_report:read' }, schema: { tags, params: MonthlyReportParamsSchema, querystring: MonthlyReportQuerySchema, response: { 200: MonthlyReportSchema } } },
    (req) => buildMonthlyReport(ctxOf(req), req.params.kind, req.query.month, requestLang(req)),
  );
  app.put(
    '/api/monthly-reports/:kind/comments/:section',
    { config: { permission: 'monthly_report:comment' }, schema: { tags, params: CommentParamsSchema, body: ReportCommentBodySchema, response: { 200: ReportCommentSchema } } },
    (req) => saveComment(ctxOf(req), req.params.kind, req.params.section, req.body),
  );
  for (const format of ['pptx', 'xlsx'] as const) {
    app.get(
      `/api/monthly-reports/:kind/export.${format}`,
      { config: { permission: 'monthly_report:read' }, schema: { tags, params: MonthlyReportParamsSchema, querystring: MonthlyReportQuerySchema } },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const lang = requestLang(req);
        const { kind } = req.params;
        const { month } = req.query;
        const report = await buildMonthlyReport(ctx, kind, month, lang);
        const file = format === 'pptx' ? await writePptx(report, lang) : await writeXlsx(report, lang);
        await auditExport(ctx, kind, month, format);
        const name = `${report.storeName}-${MONTHLY_REPORT_LABELS[kind][lang]}-${month}.${format}`;
        return reply.header('content-type', format === 'pptx' ? PPTX_MIME : XLSX_MIME).header('content-disposition', attachment(`${kind}-report-${month}.${format}`, name)).send(file);
      },
    );
  }
};
