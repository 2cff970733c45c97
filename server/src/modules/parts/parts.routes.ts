import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogRoutes } from './catalog.routes';
import { figuresRoutes } from './figures.routes';
import { oldPartRoutes } from './old-parts.routes';
import { purchasingRoutes } from './purchasing.routes';
import { requestRoutes } from './requests.routes';
import { stockRoutes } from './stock.routes';
import { stocktakeRoutes } from './stocktake.routes';
import { transferRoutes } from './transfers.routes';

/** Every route of the parts module (SPEC §13), one plugin per subdomain. */
export const partsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(stockRoutes);
  await app.register(catalogRoutes);
  await app.register(requestRoutes);
  await app.register(purchasingRoutes);
  await app.register(transferRoutes);
  await app.register(oldPartRoutes);
  await app.register(stocktakeRoutes);
  await app.register(figuresRoutes);
};
