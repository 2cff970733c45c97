import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BaseReportQuerySchema,
  BaseReportSchema,
  KpiDrillPageSchema,
  KpiDrillQuerySchema,
  KpiFreezeBodySchema,
  KpiPeriodQuerySchema,
  KpiReportSchema,
  KpiSnapshotResultSchema,
  KpiTargetsQuerySchema,
  KpiTargetsSchema,
  KpiTargetsUpdateSchema,
  KpiTrendQuerySchema,
  KpiTrendSchema,
  LostCohortQuerySchema,
  LostRecallBodySchema,
  NeverBackPageSchema,
  NeverBackQuerySchema,
  StatisticsQuerySchema,
  StatisticsSchema,
} from '#contracts/kpis';
import { RecallTasksResultSchema } from '#contracts/care';
import { ctxOf } from '../../platform/context';
import { recallLostCohort } from './base.service';
import * as reports from './reports.service';
import { freezeMonth } from './snapshots.service';
import { listTargets, saveTargets } from './targets.service';

const tags = ['reports'];
const READ = { permission: 'report:read' } as const;

const LostPageSchema = z.object({
  items: z.array(z.object({ storeId: z.number().int(), storeName: z.string(), vehicleId: z.number().int(), plate: z.string().nullable(), modelName: z.string(), lastVisitAt: z.string(), lastRoId: z.number().int(), lastRoNumber: z.string() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  // KPIs (SPEC §16): the dashboard's cards, trends and drill-downs.
  app.get('/api/reports/kpis', { config: READ, schema: { tags, querystring: KpiPeriodQuerySchema, response: { 200: KpiReportSchema } } }, (req) => reports.getKpiReport(ctxOf(req), req.query));
  app.get('/api/reports/kpis/trend', { config: READ, schema: { tags, querystring: KpiTrendQuerySchema, response: { 200: KpiTrendSchema } } }, (req) => reports.getKpiTrend(ctxOf(req), req.query));
  app.get('/api/reports/kpis/drill', { config: READ, schema: { tags, querystring: KpiDrillQuerySchema, response: { 200: KpiDrillPageSchema } } }, (req) => reports.getKpiDrill(ctxOf(req), req.query));

  // Targets per KPI, store and month; month-end snapshots.
  app.get('/api/reports/targets', { config: READ, schema: { tags, querystring: KpiTargetsQuerySchema, response: { 200: KpiTargetsSchema } } }, (req) => listTargets(ctxOf(req), req.query.year));
  app.put(
    '/api/reports/targets',
    { config: { permission: 'kpi_target:manage' }, schema: { tags, body: KpiTargetsUpdateSchema, response: { 200: z.object({ saved: z.number().int(), removed: z.number().int() }) } } },
    (req) => saveTargets(ctxOf(req), req.body),
  );
  app.post('/api/reports/snapshots', { config: { permission: 'kpi_snapshot:manage' }, schema: { tags, body: KpiFreezeBodySchema, response: { 200: KpiSnapshotResultSchema } } }, (req) =>
    freezeMonth(ctxOf(req), req.body.month),
  );

  // 业务统计表 and 基盘与流失 (SPEC §11, §17).
  app.get('/api/reports/statistics', { config: READ, schema: { tags, querystring: StatisticsQuerySchema, response: { 200: StatisticsSchema } } }, (req) => reports.getStatistics(ctxOf(req), req.query));
  app.get('/api/reports/base', { config: READ, schema: { tags, querystring: BaseReportQuerySchema, response: { 200: BaseReportSchema } } }, (req) => reports.getBaseReport(ctxOf(req), req.query));
  app.get('/api/reports/base/lost', { config: READ, schema: { tags, querystring: LostCohortQuerySchema, response: { 200: LostPageSchema } } }, (req) => reports.getLostCohort(ctxOf(req), req.query));
  // 生成招揽回访任务: recall tasks for a closed cohort's lost vehicles (those who run the care desk).
  app.post('/api/reports/base/lost/recall', { config: { permission: 'care:supervise' }, schema: { tags, body: LostRecallBodySchema, response: { 200: RecallTasksResultSchema } } }, (req) =>
    recallLostCohort(ctxOf(req), req.body.month, app.clock.now()),
  );
  app.get('/api/reports/base/never-back', { config: READ, schema: { tags, querystring: NeverBackQuerySchema, response: { 200: NeverBackPageSchema } } }, (req) => reports.getNeverBack(ctxOf(req), req.query));
};
