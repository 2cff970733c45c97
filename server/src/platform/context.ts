import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/types';
import { requireActor, type Actor } from './access';

/**
 * What a service needs to know about who asks and where: built from the session only, never from
 * the request body, so a caller cannot name another store.
 */
export interface Ctx {
  actor: Actor;
  storeId: number;
  timeZone: string;
  db: Executor;
  ip: string;
}

export function ctxOf(request: FastifyRequest): Ctx {
  const actor = requireActor(request);
  return { actor, storeId: actor.storeId, timeZone: actor.timeZone, db: request.server.database.db, ip: request.ip };
}
