import type { Executor } from '../../db/types';
import type { Actor } from '../access';
import { auditLog } from './audit.table';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row in the caller's transaction, so the trace and the change commit together.
 * Money actions, exports, reveals of personal data, settings and permission denials all come here.
 */
/** Who acted, where: a service's Ctx fits; sign-in failures have no actor or store yet. */
export interface AuditSource {
  actor: Actor | null;
  storeId: number | null;
  ip: string;
}

export async function writeAudit(source: AuditSource, tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    storeId: source.storeId,
    actorId: source.actor?.userId ?? null,
    actorName: source.actor?.displayName ?? '',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: source.ip,
  });
}
