import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  ApproveOutsideSchema,
  CancelOrderSchema,
  OrderSuggestionQuerySchema,
  OrderSuggestionsSchema,
  PurchaseOrderCreateSchema,
  PurchaseOrderListQuerySchema,
  PurchaseOrderSchema,
  PurchaseOrderUpdateSchema,
  ReceiptCreateSchema,
  ReceiptResultSchema,
  VersionBodySchema,
} from '#contracts/parts-purchasing';
import { ctxOf } from '../../platform/context';
import * as service from './purchasing.service';

const tags = ['parts'];

/** Ordering and receiving (SPEC §13). */
export const purchasingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parts/order-suggestions',
    { config: { permission: 'purchase:read' }, schema: { tags, querystring: OrderSuggestionQuerySchema, response: { 200: OrderSuggestionsSchema } } },
    (req) => service.orderSuggestions(ctxOf(req), req.query),
  );
  app.get(
    '/api/parts/purchase-orders',
    { config: { permission: 'purchase:read' }, schema: { tags, querystring: PurchaseOrderListQuerySchema, response: { 200: pageSchema(PurchaseOrderSchema) } } },
    (req) => service.listOrders(ctxOf(req), req.query),
  );
  app.post(
    '/api/parts/purchase-orders',
    { config: { permission: 'purchase:manage' }, schema: { tags, body: PurchaseOrderCreateSchema, response: { 201: PurchaseOrderSchema } } },
    async (req, reply) => reply.status(201).send(await service.createOrder(ctxOf(req), req.body)),
  );
  app.get(
    '/api/parts/purchase-orders/:id',
    { config: { permission: 'purchase:read' }, schema: { tags, params: IdParamsSchema, response: { 200: PurchaseOrderSchema } } },
    (req) => service.getOrder(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/parts/purchase-orders/:id',
    { config: { permission: 'purchase:manage' }, schema: { tags, params: IdParamsSchema, body: PurchaseOrderUpdateSchema, response: { 200: PurchaseOrderSchema } } },
    (req) => service.updateOrder(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/parts/purchase-orders/:id/order',
    { config: { permission: 'purchase:manage' }, schema: { tags, params: IdParamsSchema, body: VersionBodySchema, response: { 200: PurchaseOrderSchema } } },
    (req) => service.placeOrder(ctxOf(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/parts/purchase-orders/:id/cancel',
    { config: { permission: 'purchase:manage' }, schema: { tags, params: IdParamsSchema, body: CancelOrderSchema, response: { 200: PurchaseOrderSchema } } },
    (req) => service.cancelOrder(ctxOf(req), req.params.id, req.body.version, req.body.reason),
  );
  app.post(
    '/api/parts/purchase-orders/:id/approve',
    { config: { permission: 'purchase:approve_outside' }, schema: { tags, params: IdParamsSchema, body: ApproveOutsideSchema, response: { 200: PurchaseOrderSchema } } },
    (req) => service.approveOutside(ctxOf(req), req.params.id, req.body.version, req.body.note),
  );
  app.post(
    '/api/parts/purchase-orders/:id/receipts',
    { config: { permission: 'stock:receive' }, schema: { tags, params: IdParamsSchema, body: ReceiptCreateSchema, response: { 201: ReceiptResultSchema } } },
    async (req, reply) => reply.status(201).send(await service.receiveOrder(ctxOf(req), req.params.id, req.body)),
  );
};
