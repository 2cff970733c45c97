import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// TODO(master data): routes of this module are being written.
export const vehicleModelRoutes: FastifyPluginAsyncZod = async () => {};
