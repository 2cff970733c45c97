import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import {
  MaintenancePackageCreateSchema,
  MaintenancePackageListQuerySchema,
  MaintenancePackageSchema,
  MaintenancePackageUpdateSchema,
  ServiceItemCreateSchema,
  ServiceItemListQuerySchema,
  ServiceItemPriceSchema,
  ServiceItemSchema,
  ServiceItemUpdateSchema,
} from '#contracts/service-items';
import { ctxOf } from '../../platform/context';
import * as service from './service-items.service';

export const serviceItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['service-items'];
  app.get(
    '/api/service-items',
    { config: { permission: 'service_item:read' }, schema: { tags, querystring: ServiceItemListQuerySchema, response: { 200: pageSchema(ServiceItemSchema) } } },
    (req) => service.listServiceItems(ctxOf(req), req.query),
  );
  app.get(
    '/api/service-items/:id',
    { config: { permission: 'service_item:read' }, schema: { tags, params: IdParamsSchema, response: { 200: ServiceItemSchema } } },
    (req) => service.getServiceItem(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/service-items/:id/price',
    { config: { permission: 'service_item:read' }, schema: { tags, params: IdParamsSchema, response: { 200: ServiceItemPriceSchema } } },
    (req) => service.priceServiceItem(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/service-items',
    { config: { permission: 'service_item:manage' }, schema: { tags, body: ServiceItemCreateSchema, response: { 201: ServiceItemSchema } } },
    async (req, reply) => reply.status(201).send(await service.createServiceItem(ctxOf(req), req.body)),
  );
  app.put(
    '/api/service-items/:id',
    {
      config: { permission: 'service_item:manage' },
      schema: { tags, params: IdParamsSchema, body: ServiceItemUpdateSchema, response: { 200: ServiceItemSchema } },
    },
    (req) => service.updateServiceItem(ctxOf(req), req.params.id, req.body),
  );

  const packageTags = ['maintenance-packages'];
  app.get(
    '/api/maintenance-packages',
    {
      config: { permission: 'service_item:read' },
      schema: { tags: packageTags, querystring: MaintenancePackageListQuerySchema, response: { 200: pageSchema(MaintenancePackageSchema) } },
    },
    (req) => service.listMaintenancePackages(ctxOf(req), req.query),
  );
  app.get(
    '/api/maintenance-packages/:id',
    { config: { permission: 'service_item:read' }, schema: { tags: packageTags, params: IdParamsSchema, response: { 200: MaintenancePackageSchema } } },
    (req) => service.getMaintenancePackage(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/maintenance-packages',
    {
      config: { permission: 'service_item:manage' },
      schema: { tags: packageTags, body: MaintenancePackageCreateSchema, response: { 201: MaintenancePackageSchema } },
    },
    async (req, reply) => reply.status(201).send(await service.createMaintenancePackage(ctxOf(req), req.body)),
  );
  app.put(
    '/api/maintenance-packages/:id',
    {
      config: { permission: 'service_item:manage' },
      schema: { tags: packageTags, params: IdParamsSchema, body: MaintenancePackageUpdateSchema, response: { 200: MaintenancePackageSchema } },
    },
    (req) => service.updateMaintenancePackage(ctxOf(req), req.params.id, req.body),
  );
};
