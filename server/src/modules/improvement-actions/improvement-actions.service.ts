import {
  canMoveImprovement,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MIME_TYPES,
  isImprovementOverdue,
  type Evidence,
  type EvidenceUpload,
  type ImprovementAction,
  type ImprovementActionInput,
  type ImprovementActionListQuery,
  type ImprovementActionUpdate,
  type ImprovementStatusBody,
} from '#contracts/improvement-actions';
import type { Page } from '#contracts/common';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { todayIn } from '../../platform/local-time';
import { pageOf } from '../../platform/pagination';
import { staffName } from '../identity';
import * as repo from './improvement-actions.repository';

const ACTION = { zh: '整改措施', en: 'Improvement action' };
const EVIDENCE = { zh: '附件', en: 'Evidence' };

function toEvidence(e: repo.EvidenceMeta): Evidence {
  return { id: e.id, fileName: e.fileName, mimeType: e.mimeType, sizeBytes: e.sizeBytes, uploadedByName: e.uploadedByName, uploadedAt: e.uploadedAt.toISOString() };
}

export function toAction(row: repo.ActionRow, evidence: repo.EvidenceMeta[], today: string): ImprovementAction {
  return {
    id: row.id,
    month: row.month,
    department: row.department,
    rank: row.rank,
    problem: row.problem,
    measure: row.measure,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    supervisorId: row.supervisorId,
    supervisorName: row.supervisorName,
    dueDate: row.dueDate,
    checkpoint: row.checkpoint,
    status: row.status,
    statusNote: row.statusNote,
    completedAt: row.completedAt?.toISOString() ?? null,
    overdue: isImprovementOverdue(row, today),
    evidence: evidence.filter((e) => e.actionId === row.id).map(toEvidence),
    version: row.version,
  };
}

async function withEvidence(tx: Executor, storeId: number, rows: repo.ActionRow[], today: string): Promise<ImprovementAction[]> {
  const evidence = await repo.evidenceOf(tx, storeId, rows.map((r) => r.id));
  return rows.map((r) => toAction(r, evidence, today));
}

async function loadAction(tx: Executor, ctx: Ctx, id: number): Promise<repo.ActionRow> {
  const row = await repo.findAction(tx, ctx.storeId, id);
  if (!row) throw notFound(ACTION);
  return row;
}

/** Owner and supervisor must be staff of this store; their names are kept as assigned. */
async function people(tx: Executor, ctx: Ctx, input: ImprovementActionInput) {
  const [ownerName, supervisorName] = await Promise.all([staffName(tx, ctx.storeId, input.ownerId), staffName(tx, ctx.storeId, input.supervisorId)]);
  if (ownerName === null) throw invalidField('ownerId', { zh: '责任人不是本店员工', en: 'The owner is not on this store’s staff' });
  if (supervisorName === null) throw invalidField('supervisorId', { zh: '监督人不是本店员工', en: 'The supervisor is not on this store’s staff' });
  return { ownerName, supervisorName };
}

/** The due date lies in or after the action's month: an action cannot be due before it is planned. */
function assertDue(input: ImprovementActionInput) {
  if (input.dueDate.slice(0, 7) < input.month) throw invalidField('dueDate', { zh: '完成期限不能早于整改月份', en: 'The due date cannot be before the action’s month' });
}

const RANK_TAKEN = { zh: '该部门本月的此排名已有整改措施', en: 'This department already has an action at this rank for the month' };
const rankTaken = () => new AppError('DUPLICATE', RANK_TAKEN, { fields: [{ path: 'rank', message: RANK_TAKEN }] });

function isRankConflict(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++, e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint === undefined || e.constraint === 'improvement_actions_store_month_dept_rank_uq';
  }
  return false;
}

export function listActions(ctx: Ctx, query: ImprovementActionListQuery): Promise<Page<ImprovementAction>> {
  const today = todayIn(ctx.timeZone);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listActions(tx, ctx.storeId, query, today);
    return pageOf(query, await withEvidence(tx, ctx.storeId, rows, today), total);
  });
}

export function getAction(ctx: Ctx, id: number): Promise<ImprovementAction> {
  return inStore(ctx.db, ctx.storeId, async (tx) => (await withEvidence(tx, ctx.storeId, [await loadAction(tx, ctx, id)], todayIn(ctx.timeZone)))[0]!);
}

export async function createAction(ctx: Ctx, input: ImprovementActionInput): Promise<ImprovementAction> {
  assertDue(input);
  try {
    return await inStore(ctx.db, ctx.storeId, async (tx) => {
      const names = await people(tx, ctx, input);
      const row = await repo.insertAction(tx, { ...input, ...names, storeId: ctx.storeId, createdBy: ctx.actor.userId });
      const action = toAction(row, [], todayIn(ctx.timeZone));
      await writeAudit(ctx, tx, { action: 'improvement_action.created', entity: 'improvement_action', entityId: row.id, after: action });
      return action;
    });
  } catch (err) {
    throw isRankConflict(err) ? rankTaken() : err;
  }
}

/** Replaces the plan of an action (ADR 0002); its status moves only through `changeStatus`. */
export async function updateAction(ctx: Ctx, id: number, input: ImprovementActionUpdate): Promise<ImprovementAction> {
  const { version, ...plan } = input;
  assertDue(plan);
  try {
    return await inStore(ctx.db, ctx.storeId, async (tx) => {
      const before = await loadAction(tx, ctx, id);
      const names = await people(tx, ctx, plan);
      const row = await repo.updateAction(tx, ctx.storeId, id, version, { ...plan, ...names });
      if (!row) throw staleVersion();
      const today = todayIn(ctx.timeZone);
      const [after] = await withEvidence(tx, ctx.storeId, [row], today);
      await writeAudit(ctx, tx, { action: 'improvement_action.updated', entity: 'improvement_action', entityId: id, before: toAction(before, [], today), after });
      return after!;
    });
  } catch (err) {
    throw isRankConflict(err) ? rankTaken() : err;
  }
}

/** 未开始 → 进行中 → 已完成 (contracts IMPROVEMENT_TRANSITIONS); done needs at least one piece of evidence. */
export function changeStatus(ctx: Ctx, id: number, input: ImprovementStatusBody): Promise<ImprovementAction> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadAction(tx, ctx, id);
    if (!canMoveImprovement(before.status, input.status)) {
      throw new AppError('ILLEGAL_TRANSITION', { zh: '整改状态不能这样变更', en: 'The action cannot move to this status' }, { from: before.status, to: input.status });
    }
    const evidence = await repo.evidenceOf(tx, ctx.storeId, [id]);
    if (input.status === 'done' && evidence.length === 0) {
      throw new AppError('UNPROCESSABLE', { zh: '请先上传整改证据（照片或文件）', en: 'Attach evidence (a photo or a file) first' });
    }
    const row = await repo.updateAction(tx, ctx.storeId, id, input.version, {
      status: input.status,
      statusNote: input.note ?? before.statusNote,
      completedAt: input.status === 'done' ? new Date() : null,
    });
    if (!row) throw staleVersion();
    const after = toAction(row, evidence, todayIn(ctx.timeZone));
    await writeAudit(ctx, tx, { action: 'improvement_action.status', entity: 'improvement_action', entityId: id, before: { status: before.status }, after: { status: row.status, note: row.statusNote } });
    return after;
  });
}

const DATA_URL = /^data:([a-z0-9.+/-]+);base64,(.+)$/;

/** Decodes and checks an uploaded file: an allowed type, not empty, within the size limit. */
export function decodeEvidence(input: EvidenceUpload): { mimeType: string; content: Buffer } {
  const match = DATA_URL.exec(input.dataUrl);
  if (!match) throw invalidField('dataUrl', { zh: '附件格式不正确', en: 'Invalid attachment' });
  const mimeType = match[1]!;
  if (!(EVIDENCE_MIME_TYPES as readonly string[]).includes(mimeType)) {
    throw invalidField('dataUrl', { zh: '仅支持图片（PNG/JPEG/WebP）、PDF、Word 和 Excel 文件', en: 'Images (PNG/JPEG/WebP), PDF, Word and Excel files only' });
  }
  const content = Buffer.from(match[2]!, 'base64');
  if (content.length === 0) throw invalidField('dataUrl', { zh: '附件为空', en: 'The file is empty' });
  if (content.length > EVIDENCE_MAX_BYTES) throw invalidField('dataUrl', { zh: '附件不能超过 2 MB', en: 'The file may be at most 2 MB' });
  return { mimeType, content };
}

export function addEvidence(ctx: Ctx, id: number, input: EvidenceUpload): Promise<Evidence> {
  const { mimeType, content } = decodeEvidence(input);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await loadAction(tx, ctx, id);
    const row = await repo.insertEvidence(tx, {
      storeId: ctx.storeId,
      actionId: id,
      fileName: input.fileName,
      mimeType,
      sizeBytes: content.length,
      content,
      uploadedBy: ctx.actor.userId,
      uploadedByName: ctx.actor.displayName,
    });
    await writeAudit(ctx, tx, { action: 'improvement_action.evidence_added', entity: 'improvement_action', entityId: id, after: toEvidence(row) });
    return toEvidence(row);
  });
}

export function readEvidence(ctx: Ctx, id: number, evidenceId: number): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findEvidence(tx, ctx.storeId, id, evidenceId);
    if (!row) throw notFound(EVIDENCE);
    return { fileName: row.fileName, mimeType: row.mimeType, content: row.content };
  });
}

/** The actions of some months, for the monthly reports (review of last month, next month's TOP5). */
export function actionsOfMonths(ctx: Ctx, months: string[]): Promise<ImprovementAction[]> {
  const today = todayIn(ctx.timeZone);
  return inStore(ctx.db, ctx.storeId, async (tx) => withEvidence(tx, ctx.storeId, await repo.actionsOfMonths(tx, ctx.storeId, months), today));
}
