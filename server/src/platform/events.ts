import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import type { Database, Executor } from '../db/types';

/**
 * Live updates (DESIGN §6): a change is published with `pg_notify` inside the transaction that makes
 * it, so PostgreSQL delivers it only when (and if) that transaction commits — to every instance that
 * LISTENs, this one included. Each instance keeps one listening connection (PostgreSQL: a dedicated
 * client outside the pool; PGlite: its built-in listen) and fans notifications out in-process to its
 * Server-Sent-Event connections. A notification is a hint (“store N changed”): clients re-fetch.
 */
export const EVENTS_CHANNEL = 'aftersales_events';
export type Topic = 'board';

/** Publishes `topic` for the store when the caller's transaction commits. */
export async function notifyChange(tx: Executor, storeId: number, topic: Topic = 'board'): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${topic}:${storeId}`})`);
}

export interface EventBus {
  /** Calls `fn` on every committed change of `topic` in the store; returns the unsubscribe. */
  subscribe(storeId: number, topic: Topic, fn: () => void): () => void;
  /** Calls `fn` after the listening connection was lost and re-established (changes may have been missed). */
  onReconnect(fn: () => void): () => void;
  readonly listening: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
  }
}

class Bus implements EventBus {
  readonly emitter = new EventEmitter();
  listening = false;
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  subscribe(storeId: number, topic: Topic, fn: () => void) {
    const key = `${topic}:${storeId}`;
    this.emitter.on(key, fn);
    return () => void this.emitter.off(key, fn);
  }
  onReconnect(fn: () => void) {
    this.emitter.on('reconnect', fn);
    return () => void this.emitter.off('reconnect', fn);
  }
  deliver(payload: string | undefined) {
    if (payload) this.emitter.emit(payload);
  }
}

type Stop = () => Promise<void>;

async function listenPglite(database: Database, bus: Bus): Promise<Stop> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const unlisten = await client.listen(EVENTS_CHANNEL, (payload) => bus.deliver(payload));
  bus.listening = true;
  return async () => {
    bus.listening = false;
    await unlisten().catch(() => {});
  };
}

/** A dedicated connection (same role and database as the pool) that re-connects after a drop. */
async function listenPostgres(database: Database, bus: Bus): Promise<Stop> {
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (isRetry: boolean): Promise<void> => {
    const c = new pg.Client(pool.options);
    c.on('notification', (msg) => bus.deliver(msg.payload));
    const lost = () => {
      if (client !== c) return;
      client = null;
      bus.listening = false;
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(true).catch(() => {}), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => {});
      if (!isRetry) throw err;
      if (!stopped) retry = setTimeout(() => void connect(true).catch(() => {}), 2000);
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    bus.listening = true;
    if (isRetry) bus.emitter.emit('reconnect');
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    bus.listening = false;
    if (c) await c.end().catch(() => {});
  };
}

/** Decorates `app.events` and keeps the instance's LISTEN connection for its lifetime. */
export const liveEvents = fp(async function liveEvents(app: FastifyInstance) {
  const bus = new Bus();
  app.decorate('events', bus);
  const stop = app.database.kind === 'pglite' ? await listenPglite(app.database, bus) : await listenPostgres(app.database, bus);
  // Open event streams would hold the server open: end them before it closes.
  app.addHook('preClose', async () => {
    bus.emitter.emit('close');
  });
  app.addHook('onClose', async () => {
    await stop();
  });
});

/** Lets SSE handlers end their streams when the app closes. */
export function onBusClose(bus: EventBus, fn: () => void): () => void {
  const emitter = (bus as Bus).emitter;
  emitter.on('close', fn);
  return () => void emitter.off('close', fn);
}
