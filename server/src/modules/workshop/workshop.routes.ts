import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { JOB_TYPES } from '#contracts/stores';
import {
  AssignBodySchema,
  AssignResultSchema,
  AttendanceBodySchema,
  BoardSchema,
  ChecklistItemSchema,
  ChecklistUpdateSchema,
  ComebackCreateSchema,
  ComebackSchema,
  DispatchBoardSchema,
  FaultCaseInputSchema,
  FaultCaseQuerySchema,
  FaultCaseSchema,
  FaultCaseUpdateSchema,
  IncidentInputSchema,
  IncidentQuerySchema,
  IncidentSchema,
  IncidentUpdateSchema,
  JobActionBodySchema,
  JobDetailSchema,
  JobSchema,
  PeriodQuerySchema,
  QcBodySchema,
  WorkshopQualityReportSchema,
  ReassignBodySchema,
  TechnicianDaySchema,
} from '#contracts/workshop';
import { ctxOf } from '../../platform/context';
import * as boards from './board.service';
import * as cases from './cases.service';
import * as jobs from './jobs.service';
import * as qc from './qc.service';
import * as quality from './quality.service';
import * as stats from './stats.service';

const tags = ['workshop'];
const JOB = { tags, response: { 200: JobSchema } };
const InspectionBodySchema = QcBodySchema.omit({ level: true });
const JobTypeQuerySchema = z.object({ jobType: z.enum(JOB_TYPES) });

export const workshopRoutes: FastifyPluginAsyncZod = async (app) => {
  // Dispatch (派工)
  app.get('/api/workshop/dispatch', { config: { permission: 'job:dispatch' }, schema: { tags, response: { 200: DispatchBoardSchema } } }, (req) => jobs.dispatchBoard(ctxOf(req)));
  app.post('/api/workshop/jobs', { config: { permission: 'job:dispatch' }, schema: { tags, body: AssignBodySchema, response: { 201: AssignResultSchema } } }, async (req, reply) =>
    reply.status(201).send(await jobs.assignJob(ctxOf(req), req.body)),
  );
  app.put('/api/workshop/jobs/:id/assignment', { config: { permission: 'job:dispatch' }, schema: { tags, params: IdParamsSchema, body: ReassignBodySchema, response: { 200: AssignResultSchema } } }, (req) =>
    jobs.reassignJob(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/workshop/jobs/:id/reopen',
    { config: { permission: 'job:dispatch' }, schema: { ...JOB, params: IdParamsSchema, body: z.object({ reason: z.string().trim().min(1).max(300), version: z.number().int() }) } },
    (req) => jobs.reopenJob(ctxOf(req), req.params.id, req.body),
  );

  // The technician's jobs and clocking
  app.get('/api/workshop/my-jobs', { config: { permission: 'job:work' }, schema: { tags, response: { 200: z.array(JobSchema) } } }, (req) => jobs.myJobs(ctxOf(req)));
  app.get('/api/workshop/jobs/:id', { config: { permission: 'job:work' }, schema: { tags, params: IdParamsSchema, response: { 200: JobDetailSchema } } }, (req) => jobs.jobDetail(ctxOf(req), req.params.id));
  app.post('/api/workshop/jobs/:id/actions', { config: { permission: 'job:work' }, schema: { ...JOB, params: IdParamsSchema, body: JobActionBodySchema } }, (req) =>
    jobs.jobAction(ctxOf(req), req.params.id, req.body),
  );

  // Three-level QC (三级质检)
  app.post('/api/workshop/jobs/:id/self-check', { config: { permission: 'job:work' }, schema: { ...JOB, params: IdParamsSchema, body: InspectionBodySchema } }, (req) =>
    qc.inspectJob(ctxOf(req), req.params.id, 'self', req.body),
  );
  app.post('/api/workshop/jobs/:id/team-check', { config: { permission: 'qc:team_check' }, schema: { ...JOB, params: IdParamsSchema, body: InspectionBodySchema } }, (req) =>
    qc.inspectJob(ctxOf(req), req.params.id, 'team', req.body),
  );
  app.post('/api/workshop/jobs/:id/final-inspection', { config: { permission: 'qc:final_inspect' }, schema: { ...JOB, params: IdParamsSchema, body: InspectionBodySchema } }, (req) =>
    qc.inspectJob(ctxOf(req), req.params.id, 'final', req.body),
  );
  app.get('/api/workshop/qc/team', { config: { permission: 'qc:team_check' }, schema: { tags, response: { 200: z.array(JobSchema) } } }, (req) => qc.qcQueue(ctxOf(req), 'team'));
  app.get('/api/workshop/qc/final', { config: { permission: 'qc:final_inspect' }, schema: { tags, response: { 200: z.array(JobSchema) } } }, (req) => qc.qcQueue(ctxOf(req), 'final'));
  // Checklists per job type (no path parameter: a checklist is the store's own, never another store's record)
  app.get('/api/workshop/checklists', { config: { permission: 'qc:final_inspect' }, schema: { tags, querystring: JobTypeQuerySchema, response: { 200: z.array(ChecklistItemSchema) } } }, (req) =>
    qc.getChecklist(ctxOf(req), req.query.jobType),
  );
  app.put(
    '/api/workshop/checklists',
    { config: { permission: 'qc:final_inspect' }, schema: { tags, body: ChecklistUpdateSchema.extend(JobTypeQuerySchema.shape), response: { 200: z.array(ChecklistItemSchema) } } },
    (req) => qc.updateChecklist(ctxOf(req), req.body.jobType, req.body),
  );

  // The control board (控工看板) and its live stream
  app.get('/api/workshop/board', { config: { permission: 'workshop:board' }, schema: { tags, response: { 200: BoardSchema } } }, (req) => boards.board(ctxOf(req)));
  app.get(
    '/api/workshop/board/events',
    { config: { permission: 'workshop:board' }, schema: { tags, querystring: z.object({ maxSeconds: z.coerce.number().int().min(0).max(3600).optional() }) } },
    (req, reply) => boards.streamBoard(req, reply, ctxOf(req).storeId, req.query.maxSeconds),
  );

  // Clocking figures and attendance
  app.get('/api/workshop/technician-days', { config: { permission: 'workshop_report:read' }, schema: { tags, querystring: PeriodQuerySchema, response: { 200: z.array(TechnicianDaySchema) } } }, (req) =>
    stats.technicianDays(ctxOf(req), req.query),
  );
  app.put(
    '/api/workshop/attendance',
    { config: { permission: 'attendance:manage' }, schema: { tags, body: AttendanceBodySchema, response: { 200: z.object({ userId: z.number().int(), day: z.string(), hours: z.string() }) } } },
    (req) => stats.recordAttendance(ctxOf(req), req.body),
  );

  // Comebacks and quality figures
  app.post('/api/workshop/comebacks', { config: { permission: 'comeback:manage' }, schema: { tags, body: ComebackCreateSchema, response: { 201: ComebackSchema } } }, async (req, reply) =>
    reply.status(201).send(await quality.recordComeback(ctxOf(req), req.body)),
  );
  app.get('/api/workshop/comebacks', { config: { permission: 'workshop_report:read' }, schema: { tags, querystring: PeriodQuerySchema, response: { 200: z.array(ComebackSchema) } } }, (req) =>
    quality.listComebacks(ctxOf(req), req.query),
  );
  app.get('/api/workshop/quality', { config: { permission: 'workshop_report:read' }, schema: { tags, querystring: PeriodQuerySchema, response: { 200: WorkshopQualityReportSchema } } }, (req) =>
    quality.qualityReport(ctxOf(req), req.query),
  );

  // Case library (典型故障案例库)
  app.get('/api/workshop/cases', { config: { permission: 'case:read' }, schema: { tags, querystring: FaultCaseQuerySchema, response: { 200: pageSchema(FaultCaseSchema) } } }, (req) => cases.listCases(ctxOf(req), req.query));
  app.get('/api/workshop/cases/:id', { config: { permission: 'case:read' }, schema: { tags, params: IdParamsSchema, response: { 200: FaultCaseSchema } } }, (req) => cases.getCase(ctxOf(req), req.params.id));
  app.post('/api/workshop/cases', { config: { permission: 'case:write' }, schema: { tags, body: FaultCaseInputSchema, response: { 201: FaultCaseSchema } } }, async (req, reply) =>
    reply.status(201).send(await cases.createCase(ctxOf(req), req.body)),
  );
  app.put('/api/workshop/cases/:id', { config: { permission: 'case:write' }, schema: { tags, params: IdParamsSchema, body: FaultCaseUpdateSchema, response: { 200: FaultCaseSchema } } }, (req) =>
    cases.updateCase(ctxOf(req), req.params.id, req.body),
  );

  // Quality and safety incidents
  app.get('/api/workshop/incidents', { config: { permission: 'incident:manage' }, schema: { tags, querystring: IncidentQuerySchema, response: { 200: pageSchema(IncidentSchema) } } }, (req) =>
    cases.listIncidents(ctxOf(req), req.query),
  );
  app.get('/api/workshop/incidents/:id', { config: { permission: 'incident:manage' }, schema: { tags, params: IdParamsSchema, response: { 200: IncidentSchema } } }, (req) =>
    cases.getIncident(ctxOf(req), req.params.id),
  );
  app.post('/api/workshop/incidents', { config: { permission: 'incident:manage' }, schema: { tags, body: IncidentInputSchema, response: { 201: IncidentSchema } } }, async (req, reply) =>
    reply.status(201).send(await cases.createIncident(ctxOf(req), req.body)),
  );
  app.put('/api/workshop/incidents/:id', { config: { permission: 'incident:manage' }, schema: { tags, params: IdParamsSchema, body: IncidentUpdateSchema, response: { 200: IncidentSchema } } }, (req) =>
    cases.updateIncident(ctxOf(req), req.params.id, req.body),
  );
};
