import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, IdSchema, pageSchema } from '#contracts/common';
import {
  AdditionalWorkCreateSchema,
  AdditionalWorkDecisionSchema,
  AdditionalWorkSchema,
  AdvisorHomeSchema,
  DeclinedWorkQuerySchema,
  DeliverBodySchema,
  DiscountRequestCreateSchema,
  DiscountRequestDecisionSchema,
  DiscountRequestListQuerySchema,
  DiscountRequestSchema,
  DiscountSchema,
  LineAddSchema,
  LineUpdateSchema,
  ReasonBodySchema,
  ReceptionSuggestionSchema,
  RepairOrderSchema,
  RepairOrderSummarySchema,
  ReverseBodySchema,
  RoCreateSchema,
  RoListQuerySchema,
  RoTotalsSchema,
  RoUpdateSchema,
  SettleBodySchema,
  SettlementDueQuerySchema,
  SettlementDueSchema,
  SignBodySchema,
  TransitionBodySchema,
} from '#contracts/repair-orders';
import { ctxOf } from '../../platform/context';
import { idempotencyKeyOf } from '../../platform/idempotency';
import * as work from './additional-work.service';
import * as home from './advisor-home.service';
import * as reception from './reception.service';
import * as ro from './repair-orders.service';
import * as settlement from './settlement.service';

const tags = ['repair-orders'];
const LineParamsSchema = z.object({ id: IdSchema, lineId: IdSchema });
const money = { querystring: DiscountSchema.extend({ labourDiscountFen: z.coerce.number().int().min(0).default(0), partsDiscountFen: z.coerce.number().int().min(0).default(0) }) };
const PreviewSchema = z.object({ totals: RoTotalsSchema, shareBp: z.number().int(), limitPercent: z.number().nullable(), withinLimit: z.boolean(), approvedRequestId: z.number().int().nullable() });

export const repairOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  const RO = { tags, response: { 200: RepairOrderSchema } };

  // Reception and the RO
  app.get('/api/repair-orders', { config: { permission: 'repair_order:read' }, schema: { tags, querystring: RoListQuerySchema, response: { 200: pageSchema(RepairOrderSummarySchema) } } }, (req) =>
    ro.listRepairOrders(ctxOf(req), req.query),
  );
  app.get('/api/repair-orders/settlement-due', { config: { permission: 'repair_order:read' }, schema: { tags, querystring: SettlementDueQuerySchema, response: { 200: pageSchema(SettlementDueSchema) } } }, (req) =>
    home.settlementDue(ctxOf(req), req.query),
  );
  app.get('/api/repair-orders/:id', { config: { permission: 'repair_order:read' }, schema: { ...RO, params: IdParamsSchema } }, (req) => ro.getRepairOrder(ctxOf(req), req.params.id));
  app.get('/api/reception/suggestion', { config: { permission: 'repair_order:write' }, schema: { tags, querystring: z.object({ vehicleId: IdSchema }), response: { 200: ReceptionSuggestionSchema } } }, (req) =>
    reception.receptionSuggestion(ctxOf(req), req.query.vehicleId),
  );
  app.post('/api/repair-orders', { config: { permission: 'repair_order:write' }, schema: { tags, body: RoCreateSchema, response: { 201: RepairOrderSchema } } }, async (req, reply) =>
    reply.status(201).send(await reception.createRepairOrder(ctxOf(req), req.body)),
  );
  app.put('/api/repair-orders/:id', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: RoUpdateSchema } }, (req) =>
    ro.updateRepairOrder(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/repair-orders/:id/lines', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: LineAddSchema } }, (req) =>
    ro.addLine(ctxOf(req), req.params.id, req.body.line, req.body.version),
  );
  app.put('/api/repair-orders/:id/lines/:lineId', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: LineParamsSchema, body: LineUpdateSchema } }, (req) =>
    ro.changeLinePayer(ctxOf(req), req.params.id, req.params.lineId, req.body),
  );
  app.post(
    '/api/repair-orders/:id/lines/:lineId/remove',
    { config: { permission: 'repair_order:write' }, schema: { ...RO, params: LineParamsSchema, body: z.object({ reason: z.string().trim().max(200).default(''), version: z.number().int() }) } },
    (req) => ro.removeLine(ctxOf(req), req.params.id, req.params.lineId, req.body),
  );
  app.post('/api/repair-orders/:id/sign', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: SignBodySchema } }, (req) =>
    ro.signRepairOrder(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/repair-orders/:id/transitions', { config: { permission: 'repair_order:workshop' }, schema: { ...RO, params: IdParamsSchema, body: TransitionBodySchema } }, (req) =>
    ro.transitionRepairOrder(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/repair-orders/:id/cancel', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: ReasonBodySchema } }, (req) =>
    ro.cancelRepairOrder(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/repair-orders/:id/return-to-workshop', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: ReasonBodySchema } }, (req) =>
    ro.returnToWorkshop(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/repair-orders/:id/reminders',
    { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: z.object({ kind: z.enum(['progress_check', 'pickup_notice']), version: z.number().int() }) } },
    (req) => ro.markReminder(ctxOf(req), req.params.id, req.body),
  );

  // Additional work
  app.post('/api/repair-orders/:id/additional-work', { config: { permission: 'additional_work:raise' }, schema: { ...RO, params: IdParamsSchema, body: AdditionalWorkCreateSchema } }, (req) =>
    work.raiseAdditionalWork(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/additional-work/:id/decision', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: AdditionalWorkDecisionSchema } }, (req) =>
    work.decideAdditionalWork(ctxOf(req), req.params.id, req.body),
  );
  app.get('/api/additional-work/declined', { config: { permission: 'repair_order:read' }, schema: { tags, querystring: DeclinedWorkQuerySchema, response: { 200: pageSchema(AdditionalWorkSchema) } } }, (req) =>
    work.listDeclinedWork(ctxOf(req), req.query),
  );
  app.post('/api/additional-work/:id/follow-up', { config: { permission: 'repair_order:write' }, schema: { tags, params: IdParamsSchema, response: { 200: AdditionalWorkSchema } } }, (req) =>
    work.markDeclinedWorkFollowedUp(ctxOf(req), req.params.id),
  );

  // Discounts, settlement, delivery
  app.get('/api/repair-orders/:id/settlement-preview', { config: { permission: 'settlement:create' }, schema: { tags, params: IdParamsSchema, ...money, response: { 200: PreviewSchema } } }, (req) =>
    settlement.settlementPreview(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/repair-orders/:id/discount-requests',
    { config: { permission: 'settlement:create' }, schema: { tags, params: IdParamsSchema, body: DiscountRequestCreateSchema, response: { 201: DiscountRequestSchema } } },
    async (req, reply) => reply.status(201).send(await settlement.requestDiscount(ctxOf(req), req.params.id, req.body)),
  );
  app.get('/api/discount-requests', { config: { permission: 'discount:approve' }, schema: { tags, querystring: DiscountRequestListQuerySchema, response: { 200: pageSchema(DiscountRequestSchema) } } }, (req) =>
    settlement.listDiscountRequests(ctxOf(req), req.query),
  );
  app.post(
    '/api/discount-requests/:id/decision',
    { config: { permission: 'discount:approve' }, schema: { tags, params: IdParamsSchema, body: DiscountRequestDecisionSchema, response: { 200: DiscountRequestSchema } } },
    (req) => settlement.decideDiscountRequest(ctxOf(req), req.params.id, req.body),
  );
  app.post('/api/repair-orders/:id/settlement', { config: { permission: 'settlement:create' }, schema: { ...RO, params: IdParamsSchema, body: SettleBodySchema } }, (req) =>
    settlement.settleRepairOrder(ctxOf(req), req.params.id, idempotencyKeyOf(req), req.body),
  );
  app.post('/api/settlements/:id/reverse', { config: { permission: 'settlement:reverse' }, schema: { ...RO, params: IdParamsSchema, body: ReverseBodySchema } }, (req) =>
    settlement.reverseSettlement(ctxOf(req), req.params.id, req.body.reason),
  );
  app.post('/api/repair-orders/:id/deliver', { config: { permission: 'repair_order:write' }, schema: { ...RO, params: IdParamsSchema, body: DeliverBodySchema } }, (req) =>
    settlement.deliverRepairOrder(ctxOf(req), req.params.id, req.body),
  );

  // The advisor's day
  app.get('/api/advisor/home', { config: { permission: 'repair_order:read' }, schema: { tags, response: { 200: AdvisorHomeSchema } } }, (req) => home.advisorHome(ctxOf(req)));
};
