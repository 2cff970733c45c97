import type { Page } from '#contracts/common';
import type { FaultCase, FaultCaseInput, FaultCaseQuery, FaultCaseUpdate, Incident, IncidentInput, IncidentQuery, IncidentUpdate } from '#contracts/workshop';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField, notFound, staleVersion } from '../../platform/errors';
import { staffName } from '../identity';
import * as repo from './workshop.repository';

const CASE = { zh: '案例', en: 'Case' };
const INCIDENT = { zh: '质量安全事件', en: 'Incident' };

function toCase(r: repo.FaultCaseRow): FaultCase {
  return { id: r.id, title: r.title, modelName: r.modelName, symptom: r.symptom, diagnosis: r.diagnosis, fix: r.fix, roId: r.roId, photos: r.photos, authorName: r.authorName, createdAt: r.createdAt.toISOString(), version: r.version };
}

async function checkRo(tx: Executor, storeId: number, roId: number | null): Promise<string | null> {
  if (roId === null) return null;
  const ro = await repo.findRo(tx, storeId, roId);
  if (!ro) throw invalidField('roId', { zh: '委托书不存在', en: 'Unknown repair order' });
  return ro.number;
}

/** 典型故障案例库 (SPEC §6): search by model and symptom words (every word must appear). */
export function listCases(ctx: Ctx, query: FaultCaseQuery): Promise<Page<FaultCase>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listCases(tx, ctx.storeId, query);
    return { items: rows.map(toCase), total, page: query.page, pageSize: query.pageSize };
  });
}

export function getCase(ctx: Ctx, id: number): Promise<FaultCase> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findCase(tx, ctx.storeId, id);
    if (!row) throw notFound(CASE);
    return toCase(row);
  });
}

export function createCase(ctx: Ctx, input: FaultCaseInput): Promise<FaultCase> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await checkRo(tx, ctx.storeId, input.roId);
    const row = await repo.insertCase(tx, { ...input, storeId: ctx.storeId, authorId: ctx.actor.userId, authorName: ctx.actor.displayName });
    await writeAudit(ctx, tx, { action: 'fault_case.created', entity: 'fault_case', entityId: row.id, after: { title: row.title, modelName: row.modelName } });
    return toCase(row);
  });
}

export function updateCase(ctx: Ctx, id: number, input: FaultCaseUpdate): Promise<FaultCase> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findCase(tx, ctx.storeId, id);
    if (!before) throw notFound(CASE);
    await checkRo(tx, ctx.storeId, input.roId);
    const { version, ...fields } = input;
    const row = await repo.updateCase(tx, ctx.storeId, id, version, fields);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'fault_case.updated', entity: 'fault_case', entityId: id, before: { title: before.title }, after: { title: row.title } });
    return toCase(row);
  });
}

async function toIncidents(tx: Executor, storeId: number, rows: repo.IncidentRow[]): Promise<Incident[]> {
  const ros = await repo.rosByIds(tx, storeId, [...new Set(rows.map((r) => r.roId).filter((id): id is number => id !== null))]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    roId: r.roId,
    roNumber: ros.find((ro) => ro.id === r.roId)?.number ?? null,
    occurredAt: r.occurredAt.toISOString(),
    description: r.description,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    followUp: r.followUp,
    status: r.status,
    closedAt: r.closedAt?.toISOString() ?? null,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}

async function ownerNameOf(tx: Executor, storeId: number, ownerId: number | null): Promise<string> {
  if (ownerId === null) return '';
  const name = await staffName(tx, storeId, ownerId);
  if (name === null) throw invalidField('ownerId', { zh: '责任人不存在', en: 'Unknown owner' });
  return name;
}

export function listIncidents(ctx: Ctx, query: IncidentQuery): Promise<Page<Incident>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listIncidents(tx, ctx.storeId, query);
    return { items: await toIncidents(tx, ctx.storeId, rows), total, page: query.page, pageSize: query.pageSize };
  });
}

export function getIncident(ctx: Ctx, id: number): Promise<Incident> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findIncident(tx, ctx.storeId, id);
    if (!row) throw notFound(INCIDENT);
    return (await toIncidents(tx, ctx.storeId, [row]))[0]!;
  });
}

/** Quality and safety incidents (SPEC §6) with an owner, the follow-up and a status. */
export function createIncident(ctx: Ctx, input: IncidentInput): Promise<Incident> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await checkRo(tx, ctx.storeId, input.roId);
    const ownerName = await ownerNameOf(tx, ctx.storeId, input.ownerId);
    const row = await repo.insertIncident(tx, {
      ...input,
      occurredAt: new Date(input.occurredAt),
      storeId: ctx.storeId,
      ownerName,
      closedAt: input.status === 'closed' ? new Date() : null,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await writeAudit(ctx, tx, { action: 'incident.created', entity: 'incident', entityId: row.id, after: { kind: row.kind, roId: row.roId, status: row.status } });
    return (await toIncidents(tx, ctx.storeId, [row]))[0]!;
  });
}

export function updateIncident(ctx: Ctx, id: number, input: IncidentUpdate): Promise<Incident> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findIncident(tx, ctx.storeId, id);
    if (!before) throw notFound(INCIDENT);
    await checkRo(tx, ctx.storeId, input.roId);
    const ownerName = input.ownerId === before.ownerId ? before.ownerName : await ownerNameOf(tx, ctx.storeId, input.ownerId);
    const { version, ...fields } = input;
    const closedAt = input.status === 'closed' ? (before.closedAt ?? new Date()) : null;
    const row = await repo.updateIncident(tx, ctx.storeId, id, version, { ...fields, occurredAt: new Date(input.occurredAt), ownerName, closedAt });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'incident.updated', entity: 'incident', entityId: id, before: { status: before.status, ownerId: before.ownerId }, after: { status: row.status, ownerId: row.ownerId } });
    return (await toIncidents(tx, ctx.storeId, [row]))[0]!;
  });
}
