import { board } from '../server/src/modules/workshop/board.service';
import { benchApi, ENDPOINTS, type BenchContext, type StreamMeasurement } from './endpoints';
import { receptionBodies } from './fixtures';

/**
 * Workshop (issue 5): the control board's data for a store with (at least) 80 open ROs, p95 under
 * 30 ms on PostgreSQL; and 200 boards holding the live stream, each told of a change and re-fetching
 * the board, without errors.
 */

const OPEN_ROS = 80;
const BOARDS = 200;
const CHANGES = 10;

/** Opens ROs at reception (through the API, as an advisor) until the first store has 80 open. */
async function prepareBoard(baseUrl: string, ctx: BenchContext): Promise<void> {
  const advisor = await benchApi(baseUrl, 'advisor');
  const { rows } = await advisor<{ rows: unknown[] }>('GET', '/api/workshop/board');
  const bodies = receptionBodies(ctx.fixtures);
  for (let i = rows.length; i < OPEN_ROS; i++) await advisor('POST', '/api/repair-orders', bodies[i % bodies.length]);
  openRoIds = (await advisor<{ rows: { roId: number; state: string }[] }>('GET', '/api/workshop/board')).rows.filter((r) => r.state !== 'ready').map((r) => r.roId);
  console.log(`  (board: ${Math.max(rows.length, OPEN_ROS)} open ROs in store ${ctx.storeId})`);
}
let openRoIds: number[] = [];

/** One board's stream: resolves `ready`, then calls `onChanged` for every `changed` event. */
async function openStream(url: string, cookie: string, onChanged: () => void, signal: AbortSignal): Promise<{ status: number; done: Promise<void> }> {
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal });
  if (res.status !== 200 || !res.body) return { status: res.status, done: Promise.resolve() };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const done = (async () => {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (event.includes('event: ready')) ready();
        else if (event.includes('event: changed')) onChanged();
      }
    }
  })();
  await isReady;
  return { status: res.status, done };
}

/**
 * 200 boards connect; then, ten times, an advisor raises additional work on an open RO and every
 * board, on its `changed`, re-fetches the board's data. Latency = from the change's response to a
 * board holding the new data; errors = streams that failed or ended early, re-fetches that failed.
 */
async function measureBoards(baseUrl: string, cookie: string): Promise<StreamMeasurement> {
  const advisor = await benchApi(baseUrl, 'advisor');
  const controller = new AbortController();
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let changedAt = 0;
  const waiting = new Set<number>();
  let allUpdated: () => void = () => {};
  const refetch = (board: number) => {
    if (!waiting.has(board)) return; // coalesced: one re-fetch per change
    fetch(`${baseUrl}/api/workshop/board`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) })
      .then(async (r) => {
        statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1;
        await r.arrayBuffer();
        if (!r.ok) errors++;
        latencies.push(performance.now() - changedAt);
      })
      .catch(() => errors++)
      .finally(() => {
        waiting.delete(board);
        if (waiting.size === 0) allUpdated();
      });
  };
  const started = performance.now();
  const streams = await Promise.all(
    Array.from({ length: BOARDS }, (_, i) =>
      openStream(`${baseUrl}/api/workshop/board/events`, cookie, () => refetch(i), controller.signal).catch(() => ({ status: 0, done: Promise.resolve() })),
    ),
  );
  for (const s of streams) if (s.status !== 200) errors++;
  const open = streams.filter((s) => s.status === 200);
  // A stream that ends before the measurement does is an error (the server dropped a board).
  let finished = false;
  const endedEarly = () => {
    if (!finished) errors++;
  };
  for (const s of open) void s.done.then(endedEarly, endedEarly);
  for (let c = 0; c < CHANGES; c++) {
    const roId = openRoIds[c % openRoIds.length];
    if (roId === undefined) throw new Error('workshop.sse: no open RO to change');
    for (let i = 0; i < BOARDS; i++) if (streams[i]!.status === 200) waiting.add(i);
    const updated = new Promise<void>((r) => (allUpdated = r));
    await advisor('POST', `/api/repair-orders/${roId}/additional-work`, {
      description: `基准测试追加 ${c + 1}`,
      lines: [{ kind: 'labour', description: '基准测试', hours: '0.1', jobType: 'mechanical' }],
    });
    changedAt = performance.now();
    const timedOut = await Promise.race([updated.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
    if (timedOut) {
      errors += waiting.size; // boards never told of the change
      waiting.clear();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  finished = true;
  controller.abort();
  await Promise.allSettled(open.map((s) => s.done));
  const sorted = latencies.sort((a, b) => a - b);
  const pick = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return {
    connections: BOARDS,
    seconds,
    requests: latencies.length,
    latencyMs: { mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1), p50: pick(50), p95: pick(95), p99: pick(99), max: sorted.at(-1) ?? NaN },
    errors,
    statusCodes,
  };
}

ENDPOINTS.push(
  {
    name: 'workshop.board',
    method: 'GET',
    path: '/api/workshop/board',
    as: 'workshop_supervisor',
    connections: 20,
    prepare: prepareBoard,
    capture: (ctx) => board(ctx),
    note: `the control board's data with at least ${OPEN_ROS} open ROs (ROs, their jobs, technicians, bays, pending additional work)`,
  },
  {
    name: 'workshop.sse',
    method: 'GET',
    path: '/api/workshop/board/events?maxSeconds=0',
    as: 'workshop_supervisor',
    measure: measureBoards,
    note: `${BOARDS} boards hold the stream; ${CHANGES} changes, each board re-fetches on "changed"; latency = change response → board data fetched`,
  },
);
