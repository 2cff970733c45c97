import type { Executor } from '../../db/types';
import { asSystem } from '../../db/scope';
import { improvementActionEvidence, improvementActions } from './improvement-actions.table';

let seq = 0;

/** A 1×1 PNG: the smallest valid photo for evidence uploads. */
export const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** An action inserted directly (for reads and transitions); rank unique per store/month/department by construction. */
export async function buildImprovementAction(db: Executor, storeId: number, overrides: Partial<typeof improvementActions.$inferInsert> = {}) {
  seq += 1;
  const month = overrides.month ?? `20${30 + (seq % 60)}-${String((Math.floor(seq / 60) % 12) + 1).padStart(2, '0')}`;
  return asSystem(db, async (tx) => {
    const [row] = await tx
      .insert(improvementActions)
      .values({
        storeId,
        month,
        department: 'front_desk',
        rank: 1,
        problem: '交车时未解释结算清单',
        measure: '交车前由顾问逐项讲解结算单，客户签字确认',
        ownerId: 1,
        ownerName: '李顾问',
        supervisorId: 1,
        supervisorName: '王经理',
        dueDate: `${month}-20`,
        checkpoint: '每周抽查 5 张结算单',
        ...overrides,
      })
      .returning();
    return row!;
  });
}

export async function buildEvidence(db: Executor, storeId: number, actionId: number) {
  const content = Buffer.from(TINY_PNG.split(',')[1]!, 'base64');
  return asSystem(db, async (tx) => {
    const [row] = await tx
      .insert(improvementActionEvidence)
      .values({ storeId, actionId, fileName: '现场照片.png', mimeType: 'image/png', sizeBytes: content.length, content, uploadedByName: '测试' })
      .returning({ id: improvementActionEvidence.id });
    return row!;
  });
}
