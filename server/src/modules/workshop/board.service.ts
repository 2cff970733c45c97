import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Board, BoardRow } from '#contracts/workshop';
import { inStore } from '../../db/scope';
import type { Ctx } from '../../platform/context';
import { onBusClose } from '../../platform/events';
import * as repo from './workshop.repository';

/** Under this many minutes to the promised time an unfinished RO is at risk whatever its work left. */
const AT_RISK_MINUTES = 30;

/** Every open RO of the store with its bays, technicians, time left and what it waits for (控工看板). */
export function board(ctx: Ctx, now = new Date()): Promise<Board> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ros = await repo.openRos(tx, ctx.storeId);
    const ids = ros.map((r) => r.id);
    const [jobs, pending, bays] = await Promise.all([repo.jobsOfRos(tx, ctx.storeId, ids), repo.pendingAdditionalWorkCounts(tx, ctx.storeId, ids), repo.activeBays(tx, ctx.storeId)]);
    const techs = await repo.techniciansOf(tx, ctx.storeId, jobs.map((j) => j.id));
    const bayName = new Map(bays.map((b) => [b.id, b.name]));
    const rows: BoardRow[] = ros.map((ro) => {
      const mine = jobs.filter((j) => j.roId === ro.id);
      const open = mine.filter((j) => j.state !== 'done');
      const minutesLeft = ro.promisedAt ? Math.floor((ro.promisedAt.getTime() - now.getTime()) / 60_000) : null;
      // A car that is ready waits for its owner, not for the workshop: it is not shown late.
      const late = minutesLeft !== null && ro.promisedAt!.getTime() < now.getTime() && ro.state !== 'ready';
      const workLeftMinutes = open.reduce((sum, j) => sum + Number(j.standardHours) * 60, 0);
      const atRisk = !late && minutesLeft !== null && ro.state !== 'ready' && (minutesLeft < AT_RISK_MINUTES || workLeftMinutes > minutesLeft);
      const jobIds = new Set(mine.map((j) => j.id));
      const reasons = new Set([ro.pauseReason, ...mine.map((j) => j.pauseReason)]);
      return {
        roId: ro.id,
        number: ro.number,
        plate: ro.plate,
        modelName: ro.modelName,
        advisorName: ro.advisorName,
        state: ro.state,
        promisedAt: ro.promisedAt?.toISOString() ?? null,
        minutesLeft,
        late,
        atRisk,
        bays: [...new Set(mine.map((j) => (j.bayId === null ? '' : (bayName.get(j.bayId) ?? ''))).filter(Boolean))],
        technicians: [...new Set(techs.filter((t) => jobIds.has(t.jobId)).map((t) => t.name))],
        jobsTotal: mine.length,
        jobsDone: mine.length - open.length,
        waitingParts: reasons.has('waiting_parts'),
        waitingApproval: reasons.has('waiting_approval'),
        pendingAdditionalWork: pending.find((p) => p.roId === ro.id)?.n ?? 0,
      };
    });
    return { now: now.toISOString(), rows };
  });
}

/** Heartbeat comment: keeps proxies from closing an idle stream and lets the server notice a gone client. */
const HEARTBEAT_MS = 20_000;
/** Notifications within this window are sent as one event (a dispatch touches the RO and the job). */
const COALESCE_MS = 150;

/**
 * GET …/events: a Server-Sent-Event stream that says `changed` after every committed change of the
 * store's board (published by notifyChange through LISTEN/NOTIFY, so a change made through any
 * instance arrives). The first event is `ready`; after the server lost its LISTEN connection it
 * sends `changed` too, since changes may have been missed. `maxSeconds` ends the stream (the
 * browser's EventSource reconnects by itself; 0 sends `ready` and ends: probes and tests).
 */
export function streamBoard(request: FastifyRequest, reply: FastifyReply, storeId: number, maxSeconds: number | undefined): void {
  const bus = request.server.events;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\nevent: ready\ndata: {"storeId":${storeId}}\n\n`);
  if (maxSeconds === 0) {
    res.end();
    return;
  }
  let pending: NodeJS.Timeout | undefined;
  let seq = 0;
  const changed = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      res.write(`id: ${++seq}\nevent: changed\ndata: {"at":"${new Date().toISOString()}"}\n\n`);
    }, COALESCE_MS);
  };
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  const limit = maxSeconds ? setTimeout(() => close(), maxSeconds * 1000) : undefined;
  const unsubscribe = bus.subscribe(storeId, 'board', changed);
  const unReconnect = bus.onReconnect(changed);
  const unClose = onBusClose(bus, () => close());
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    clearTimeout(pending);
    clearInterval(heartbeat);
    clearTimeout(limit);
    unsubscribe();
    unReconnect();
    unClose();
    res.end();
  }
  request.raw.on('close', close);
}
