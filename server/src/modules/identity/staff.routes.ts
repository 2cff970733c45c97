import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OkSchema, pageSchema } from '#contracts/common';
import {
  CertificationCreateSchema,
  CertificationParamsSchema,
  CertificationSchema,
  StaffListQuerySchema,
  StaffMemberSchema,
  StaffParamsSchema,
  StaffProfileUpdateSchema,
} from '#contracts/staff';
import { ctxOf } from '../../platform/context';
import * as service from './staff.service';

const tags = ['staff'];

/** Staff profiles (SPEC §2): skill grade, team and certifications of the active store's members. */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff',
    { config: { permission: 'staff:read' }, schema: { tags, querystring: StaffListQuerySchema, response: { 200: pageSchema(StaffMemberSchema) } } },
    (req) => service.listStaff(ctxOf(req), req.query),
  );
  app.get(
    '/api/staff/:userId',
    { config: { permission: 'staff:read' }, schema: { tags, params: StaffParamsSchema, response: { 200: StaffMemberSchema } } },
    (req) => service.getStaffMember(ctxOf(req), req.params.userId),
  );
  app.put(
    '/api/staff/:userId',
    {
      config: { permission: 'staff:manage' },
      schema: { tags, params: StaffParamsSchema, body: StaffProfileUpdateSchema, response: { 200: StaffMemberSchema } },
    },
    (req) => service.updateStaffProfile(ctxOf(req), req.params.userId, req.body),
  );
  app.post(
    '/api/staff/:userId/certifications',
    {
      config: { permission: 'staff:manage' },
      schema: { tags, params: StaffParamsSchema, body: CertificationCreateSchema, response: { 201: CertificationSchema } },
    },
    async (req, reply) => reply.status(201).send(await service.addCertification(ctxOf(req), req.params.userId, req.body)),
  );
  app.delete(
    '/api/staff/:userId/certifications/:id',
    { config: { permission: 'staff:manage' }, schema: { tags, params: CertificationParamsSchema, response: { 200: OkSchema } } },
    async (req) => {
      await service.deleteCertification(ctxOf(req), req.params.userId, req.params.id);
      return { ok: true as const };
    },
  );
};
