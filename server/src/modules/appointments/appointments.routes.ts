import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AppointmentCreateSchema,
  AppointmentListQuerySchema,
  AppointmentOutcomeSchema,
  AppointmentSchema,
  AppointmentStatsQuerySchema,
  AppointmentStatsSchema,
  AppointmentUpdateSchema,
  SlotCapacitySchema,
  SlotQuerySchema,
  SlotSchema,
} from '#contracts/appointments';
import { IdParamsSchema, pageSchema } from '#contracts/common';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import * as service from './appointments.service';

const tags = ['appointments'];

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/appointments',
    { config: { permission: 'appointment:read' }, schema: { tags, querystring: AppointmentListQuerySchema, response: { 200: pageSchema(AppointmentSchema) } } },
    (req) => service.listAppointments(ctxOf(req), req.query),
  );
  app.get(
    '/api/appointments/stats',
    { config: { permission: 'appointment:read' }, schema: { tags, querystring: AppointmentStatsQuerySchema, response: { 200: AppointmentStatsSchema } } },
    (req) => service.getStats(ctxOf(req), req.query),
  );
  app.get(
    '/api/appointments/:id',
    { config: { permission: 'appointment:read' }, schema: { tags, params: IdParamsSchema, response: { 200: AppointmentSchema } } },
    (req) => service.getAppointment(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/appointments',
    { config: { permission: 'appointment:manage' }, schema: { tags, body: AppointmentCreateSchema, response: { 201: AppointmentSchema } } },
    async (req, reply) => reply.status(201).send(await service.createAppointment(ctxOf(req), req.body)),
  );
  app.put(
    '/api/appointments/:id',
    { config: { permission: 'appointment:manage' }, schema: { tags, params: IdParamsSchema, body: AppointmentUpdateSchema, response: { 200: AppointmentSchema } } },
    (req) => service.updateAppointment(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/appointments/:id/outcome',
    { config: { permission: 'appointment:manage' }, schema: { tags, params: IdParamsSchema, body: AppointmentOutcomeSchema, response: { 200: AppointmentSchema } } },
    (req) => service.recordOutcome(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/appointments/:id/reminded',
    { config: { permission: 'appointment:manage' }, schema: { tags, params: IdParamsSchema, response: { 200: AppointmentSchema } } },
    (req) => service.markReminded(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/appointment-slots',
    { config: { permission: 'appointment:read' }, schema: { tags, querystring: SlotQuerySchema, response: { 200: z.array(SlotSchema) } } },
    (req) => service.listSlots(ctxOf(req), req.query),
  );
  app.put(
    '/api/appointment-slots',
    { config: { permission: 'appointment:capacity' }, schema: { tags, body: SlotCapacitySchema, response: { 200: SlotSchema } } },
    (req) => service.setSlotCapacity(ctxOf(req), req.body),
  );
};
