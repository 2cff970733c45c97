import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { VehicleModelCreateSchema, VehicleModelListQuerySchema, VehicleModelSchema, VehicleModelUpdateSchema } from '#contracts/vehicle-models';
import { ctxOf } from '../../platform/context';
import * as service from './vehicle-models.service';

const tags = ['vehicle-models'];

export const vehicleModelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/vehicle-models',
    {
      config: { permission: 'vehicle_model:read' },
      schema: { tags, querystring: VehicleModelListQuerySchema, response: { 200: pageSchema(VehicleModelSchema) } },
    },
    (req) => service.listVehicleModels(ctxOf(req), req.query),
  );
  app.get(
    '/api/vehicle-models/:id',
    { config: { permission: 'vehicle_model:read' }, schema: { tags, params: IdParamsSchema, response: { 200: VehicleModelSchema } } },
    (req) => service.getVehicleModel(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/vehicle-models',
    { config: { permission: 'vehicle_model:manage' }, schema: { tags, body: VehicleModelCreateSchema, response: { 201: VehicleModelSchema } } },
    async (req, reply) => reply.status(201).send(await service.createVehicleModel(ctxOf(req), req.body)),
  );
  app.put(
    '/api/vehicle-models/:id',
    {
      config: { permission: 'vehicle_model:manage' },
      schema: { tags, params: IdParamsSchema, body: VehicleModelUpdateSchema, response: { 200: VehicleModelSchema } },
    },
    (req) => service.updateVehicleModel(ctxOf(req), req.params.id, req.body),
  );
};
