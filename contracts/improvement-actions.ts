import { z } from 'zod';
import { IdSchema, LocalDateSchema, listQuerySchema } from './common';
import type { MessageKey } from './messages';
import { ReportMonthSchema as MonthSchema } from './monthly-reports';

/** 整改措施 (SPEC §17): the departments that own improvement actions. */
export const IMPROVEMENT_DEPARTMENTS = ['front_desk', 'workshop', 'parts', 'customer_service'] as const;
export type ImprovementDepartment = (typeof IMPROVEMENT_DEPARTMENTS)[number];
export const IMPROVEMENT_DEPARTMENT_LABELS: Record<ImprovementDepartment, { zh: string; en: string }> = {
  front_desk: { zh: '前台', en: 'Front desk' },
  workshop: { zh: '车间', en: 'Workshop' },
  parts: { zh: '配件', en: 'Parts' },
  customer_service: { zh: '客服', en: 'Customer service' },
};

export const IMPROVEMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];
export const IMPROVEMENT_STATUS_LABELS: Record<ImprovementStatus, { zh: string; en: string }> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
};

/**
 * The status workflow: an action is started, then done; a done action may be reopened when the
 * checkpoint finds it did not hold. Marking done needs evidence (checked by the service).
 */
export const IMPROVEMENT_TRANSITIONS: Record<ImprovementStatus, readonly ImprovementStatus[]> = {
  not_started: ['in_progress', 'done'],
  in_progress: ['done', 'not_started'],
  done: ['in_progress'],
};

export function canMoveImprovement(from: ImprovementStatus, to: ImprovementStatus): boolean {
  return IMPROVEMENT_TRANSITIONS[from].includes(to);
}

/** TOP5: each department ranks at most five actions per month. */
export const IMPROVEMENT_TOP = 5;

/** Overdue: not done and the due date (a store-local day) has passed. */
export function isImprovementOverdue(action: { status: ImprovementStatus; dueDate: string }, today: string): boolean {
  return action.status !== 'done' && action.dueDate < today;
}

/** Evidence files: photos and documents, stored in the database, at most this many bytes each. */
export const EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;
export const EVIDENCE_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type EvidenceMimeType = (typeof EVIDENCE_MIME_TYPES)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);

export const ImprovementActionInputSchema = z.object({
  /** The month the action is carried out in (the plan of the previous month's report). */
  month: MonthSchema,
  department: z.enum(IMPROVEMENT_DEPARTMENTS),
  /** Position in the department's TOP5 of the month, 1 first. */
  rank: z.number().int().min(1).max(IMPROVEMENT_TOP),
  problem: Text(500),
  measure: Text(1000),
  ownerId: IdSchema,
  supervisorId: IdSchema,
  dueDate: LocalDateSchema,
  /** 检查节点: when and how the supervisor checks that the measure works. */
  checkpoint: Text(500),
});
export type ImprovementActionInput = z.infer<typeof ImprovementActionInputSchema>;

export const ImprovementActionUpdateSchema = ImprovementActionInputSchema.extend({ version: z.number().int() });
export type ImprovementActionUpdate = z.infer<typeof ImprovementActionUpdateSchema>;

export const ImprovementStatusBodySchema = z.object({
  status: z.enum(IMPROVEMENT_STATUSES),
  /** What was done or why it was reopened. */
  note: z.string().trim().max(1000).optional(),
  version: z.number().int(),
});
export type ImprovementStatusBody = z.infer<typeof ImprovementStatusBodySchema>;

export const EvidenceUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** `data:<mime>;base64,<bytes>` — the browser's FileReader output. */
  dataUrl: z.string().regex(/^data:[a-z0-9.+/-]+;base64,[A-Za-z0-9+/=]+$/, { error: 'evidence.invalid' satisfies MessageKey }),
});
export type EvidenceUpload = z.infer<typeof EvidenceUploadSchema>;

export const EvidenceSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ImprovementActionSchema = z.object({
  id: z.number().int(),
  month: z.string(),
  department: z.enum(IMPROVEMENT_DEPARTMENTS),
  rank: z.number().int(),
  problem: z.string(),
  measure: z.string(),
  ownerId: z.number().int(),
  ownerName: z.string(),
  supervisorId: z.number().int(),
  supervisorName: z.string(),
  dueDate: z.string(),
  checkpoint: z.string(),
  status: z.enum(IMPROVEMENT_STATUSES),
  statusNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
  evidence: z.array(EvidenceSchema),
  version: z.number().int(),
});
export type ImprovementAction = z.infer<typeof ImprovementActionSchema>;

export const ImprovementActionListQuerySchema = listQuerySchema(['month', 'department', 'rank', 'dueDate', 'status']).extend({
  month: MonthSchema.optional(),
  department: z.enum(IMPROVEMENT_DEPARTMENTS).optional(),
  status: z.enum(IMPROVEMENT_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ImprovementActionListQuery = z.infer<typeof ImprovementActionListQuerySchema>;

export const EvidenceParamsSchema = z.object({ id: IdSchema, evidenceId: IdSchema });
