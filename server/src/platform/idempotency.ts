import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { AppError, invalidField } from './errors';

/**
 * `Idempotency-Key` for money-moving POSTs (DESIGN §5): a double click or a network retry settles
 * once. The key row is inserted first thing in the request's transaction; a concurrent request with
 * the same key waits on that row until the first commits, then finds the stored answer and returns
 * it (the same body) or refuses another body with 422. When the first request fails, its
 * transaction rolls back and takes the key with it: the retry runs afresh.
 */

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The request's key; 400 when it is missing or malformed (money routes require one). */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const value = request.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  if (!key || !KEY_PATTERN.test(key)) {
    throw invalidField('Idempotency-Key', {
      zh: '缺少或格式不正确（8–100 位字母、数字或 - _ . :）',
      en: 'missing or malformed (8–100 letters, digits or - _ . :)',
    });
  }
  return key;
}

/** A stable hash of a JSON body: key order does not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(stableJson(body)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs `work` once per (store, scope, key) inside the caller's transaction `tx`, which must not have
 * taken any other lock yet (the key is the first lock, so replays queue before anything else).
 */
export async function runOncePerKey<T>(tx: Executor, storeId: number, scope: string, key: string, body: unknown, work: () => Promise<T>): Promise<T> {
  const hash = requestHash(body);
  const claimed = await queryRows<{ key: string }>(
    tx,
    sql`INSERT INTO idempotency_keys (store_id, scope, key, request_hash) VALUES (${storeId}, ${scope}, ${key}, ${hash})
        ON CONFLICT (store_id, scope, key) DO NOTHING RETURNING key`,
  );
  if (claimed.length === 0) {
    const [first] = await queryRows<{ request_hash: string; response: T | null }>(
      tx,
      sql`SELECT request_hash, response FROM idempotency_keys WHERE store_id = ${storeId} AND scope = ${scope} AND key = ${key}`,
    );
    if (!first || first.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', {
        zh: '该 Idempotency-Key 已用于另一请求内容',
        en: 'This Idempotency-Key was used with a different request body',
      });
    }
    if (first.response === null) throw new AppError('CONFLICT', { zh: '相同请求正在处理中，请稍后刷新', en: 'The same request is still being processed; reload shortly' });
    return first.response;
  }
  const result = await work();
  await tx.execute(
    sql`UPDATE idempotency_keys SET response = ${JSON.stringify(result)}::jsonb, status_code = 200
        WHERE store_id = ${storeId} AND scope = ${scope} AND key = ${key}`,
  );
  return result;
}
