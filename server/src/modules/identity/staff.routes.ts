import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// TODO(master data): staff profiles (skill grade, team, certifications) are being written.
export const staffRoutes: FastifyPluginAsyncZod = async () => {};
