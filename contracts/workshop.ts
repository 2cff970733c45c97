import { z } from 'zod';
import { IdSchema, LocalDateSchema } from './common';
import { PAUSE_REASONS, RO_STATES, type PauseReason } from './repair-orders';
import { SKILL_GRADES, type SkillGrade } from './roles';
import { JOB_TYPES, type JobType } from './stores';

/**
 * The workshop (车间, SPEC §6): dispatch of an RO's labour lines to bays and technicians, job
 * clocking, the three-level quality inspection, the control board, comebacks, the case library and
 * quality/safety incidents. The KPI formulas of first-time fix and internal rework (SPEC §16) are
 * stated here once and computed by the server from the records.
 */

type Label = { zh: string; en: string };

// ---------------------------------------------------------------------------------------------
// Jobs and their state machine

/** A job is one labour line of a signed RO, assigned to a bay and one or more technicians. */
export const JOB_STATES = ['assigned', 'in_progress', 'paused', 'done'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, Label> = {
  assigned: { zh: '已派工', en: 'Assigned' },
  in_progress: { zh: '作业中', en: 'In progress' },
  paused: { zh: '暂停', en: 'Paused' },
  done: { zh: '已完工', en: 'Done' },
};

export const JOB_TRANSITIONS = {
  start: { from: ['assigned'], to: 'in_progress' },
  pause: { from: ['in_progress'], to: 'paused' },
  resume: { from: ['paused'], to: 'in_progress' },
  finish: { from: ['in_progress'], to: 'done' },
} as const satisfies Record<string, { from: readonly JobState[]; to: JobState }>;
export type JobAction = keyof typeof JOB_TRANSITIONS;
export const JOB_ACTIONS = Object.keys(JOB_TRANSITIONS) as JobAction[];
export const JOB_ACTION_LABELS: Record<JobAction, Label> = {
  start: { zh: '开工', en: 'Start' },
  pause: { zh: '暂停', en: 'Pause' },
  resume: { zh: '继续', en: 'Resume' },
  finish: { zh: '完工', en: 'Finish' },
};

export function jobTransitionTarget(from: JobState, action: JobAction): JobState | null {
  const t = JOB_TRANSITIONS[action];
  return (t.from as readonly JobState[]).includes(from) ? t.to : null;
}

/** Why a technician pauses a job (the tablet offers these four). */
export const JOB_PAUSE_REASONS = ['waiting_parts', 'waiting_approval', 'break', 'other'] as const satisfies readonly PauseReason[];
export type JobPauseReason = (typeof JOB_PAUSE_REASONS)[number];

/** Index of a grade in SKILL_GRADES: a technician fits a job when his index ≥ the job's. */
export function gradeFits(technician: SkillGrade | null, required: SkillGrade | null): boolean {
  if (required === null) return true;
  if (technician === null) return false;
  return SKILL_GRADES.indexOf(technician) >= SKILL_GRADES.indexOf(required);
}

// ---------------------------------------------------------------------------------------------
// Quality inspection (三级质检)

export const QC_LEVELS = ['self', 'team', 'final'] as const;
export type QcLevel = (typeof QC_LEVELS)[number];
export const QC_LEVEL_LABELS: Record<QcLevel, Label> = {
  self: { zh: '自检', en: 'Self-check' },
  team: { zh: '互检', en: 'Team-leader check' },
  final: { zh: '终检', en: 'Final inspection' },
};
/** Where a finished job stands in QC: the next level to pass, or passed. */
export const QC_STAGES = ['self', 'team', 'final', 'passed'] as const;
export type QcStage = (typeof QC_STAGES)[number];
export const QC_STAGE_LABELS: Record<QcStage, Label> = {
  self: { zh: '待自检', en: 'Awaiting self-check' },
  team: { zh: '待互检', en: 'Awaiting team-leader check' },
  final: { zh: '待终检', en: 'Awaiting final inspection' },
  passed: { zh: '质检合格', en: 'QC passed' },
};

export const ChecklistItemSchema = z.object({ code: z.string(), text: z.string(), position: z.number().int() });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** The checklist a store starts with, per job type (created on first use; editable per store). */
export const DEFAULT_QC_CHECKLISTS: Record<JobType, string[]> = {
  quick_service: ['机油液位及油品正确', '滤清器安装到位无渗漏', '轮胎气压及螺栓力矩', '保养灯已复位', '车内外清洁无油污'],
  mechanical: ['故障现象已排除', '紧固件力矩符合要求', '无渗漏', '路试正常', '故障码已清除', '旧件已按要求处理'],
  body: ['钣金件配合间隙均匀', '门窗开关顺畅', '密封良好无漏水', '车身线条平顺'],
  paint: ['漆面无流挂、颗粒、色差', '与原车颜色一致', '抛光处理到位', '遮蔽物已清除'],
  wash: ['车身清洁无水渍', '内饰清洁', '玻璃清洁'],
  inspection: ['检查项目全部完成', '检查结果已记录', '发现问题已告知服务顾问'],
};

export const ChecklistUpdateSchema = z.object({
  items: z.array(z.object({ text: z.string().trim().min(1).max(200) })).min(1).max(40),
});
export type ChecklistUpdate = z.infer<typeof ChecklistUpdateSchema>;

export const QcItemResultSchema = z.object({
  code: z.string().max(40),
  pass: z.boolean(),
  remark: z.string().trim().max(300).default(''),
});
export type QcItemResult = z.infer<typeof QcItemResultSchema>;

export const QcBodySchema = z.object({
  level: z.enum(QC_LEVELS),
  /** One result per checklist item; the inspection passes when every item passes. */
  items: z.array(QcItemResultSchema).min(1).max(40),
  /** Required when an item fails: it is the rework reason (返工原因). */
  remarks: z.string().trim().max(500).default(''),
  /** After the final inspection of the RO's last job: send the car to the wash (default) or straight to ready. */
  wash: z.boolean().default(true),
  version: z.number().int(),
});
export type QcBody = z.infer<typeof QcBodySchema>;

export const QcInspectionSchema = z.object({
  id: z.number().int(),
  jobId: z.number().int(),
  level: z.enum(QC_LEVELS),
  passed: z.boolean(),
  items: z.array(z.object({ code: z.string(), text: z.string(), pass: z.boolean(), remark: z.string() })),
  remarks: z.string(),
  inspectorName: z.string(),
  at: z.string(),
});
export type QcInspection = z.infer<typeof QcInspectionSchema>;

// ---------------------------------------------------------------------------------------------
// The job as the API shows it

export const JobTechnicianSchema = z.object({ userId: z.number().int(), name: z.string() });

export const JobSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  roNumber: z.string(),
  roState: z.enum(RO_STATES),
  plate: z.string().nullable(),
  modelName: z.string(),
  promisedAt: z.string().nullable(),
  lineId: z.number().int(),
  description: z.string(),
  jobType: z.enum(JOB_TYPES),
  standardHours: z.string(),
  requiredGrade: z.enum(SKILL_GRADES).nullable(),
  requiredCertification: z.string().nullable(),
  bayId: z.number().int().nullable(),
  bayName: z.string(),
  technicians: z.array(JobTechnicianSchema),
  state: z.enum(JOB_STATES),
  pauseReason: z.enum(PAUSE_REASONS).nullable(),
  qcStage: z.enum(QC_STAGES).nullable(),
  reworkCount: z.number().int(),
  assignedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Hours clocked on the job so far by all its technicians (open clocks up to now). */
  clockedHours: z.string(),
  version: z.number().int(),
});
export type Job = z.infer<typeof JobSchema>;

/** A labour line of a signed RO that has no job yet. */
export const JobCandidateSchema = z.object({
  roId: z.number().int(),
  roNumber: z.string(),
  roState: z.enum(RO_STATES),
  plate: z.string().nullable(),
  modelName: z.string(),
  promisedAt: z.string().nullable(),
  lineId: z.number().int(),
  description: z.string(),
  jobType: z.enum(JOB_TYPES),
  hours: z.string(),
  requiredGrade: z.enum(SKILL_GRADES).nullable(),
  requiredCertification: z.string().nullable(),
});
export type JobCandidate = z.infer<typeof JobCandidateSchema>;

export const DispatchTechnicianSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  skillGrade: z.enum(SKILL_GRADES).nullable(),
  team: z.string().nullable(),
  /** Valid (unexpired) certification names. */
  certifications: z.array(z.string()),
  /** Standard hours of the technician's unfinished jobs plus those finished today (split among a team). */
  loadHours: z.string(),
  /** The job the technician is clocked on now, if any. */
  clockedJobId: z.number().int().nullable(),
});
export type DispatchTechnician = z.infer<typeof DispatchTechnicianSchema>;

export const DispatchBoardSchema = z.object({
  day: LocalDateSchema,
  unassigned: z.array(JobCandidateSchema),
  /** Jobs not yet through QC, and those finished today. */
  jobs: z.array(JobSchema),
  technicians: z.array(DispatchTechnicianSchema),
  bays: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), type: z.enum(JOB_TYPES), activeJobs: z.number().int() })),
});
export type DispatchBoard = z.infer<typeof DispatchBoardSchema>;

export const AssignBodySchema = z.object({
  lineId: IdSchema,
  bayId: IdSchema.nullable().default(null),
  /** One technician, or a team of several (the first leads). */
  technicianIds: z.array(IdSchema).min(1).max(6),
});
export type AssignBody = z.infer<typeof AssignBodySchema>;

export const ReassignBodySchema = z.object({
  bayId: IdSchema.nullable().default(null),
  technicianIds: z.array(IdSchema).min(1).max(6),
  reason: z.string().trim().max(200).default(''),
  version: z.number().int(),
});
export type ReassignBody = z.infer<typeof ReassignBodySchema>;

export const DispatchWarningSchema = z.object({ code: z.enum(['grade_below_required', 'grade_unknown', 'technician_busy']), userId: z.number().int(), message: z.object({ zh: z.string(), en: z.string() }) });
export type DispatchWarning = z.infer<typeof DispatchWarningSchema>;
export const AssignResultSchema = z.object({ job: JobSchema, warnings: z.array(DispatchWarningSchema) });
export type AssignResult = z.infer<typeof AssignResultSchema>;

export const JobActionBodySchema = z.object({
  action: z.enum(JOB_ACTIONS as [JobAction, ...JobAction[]]),
  pauseReason: z.enum(JOB_PAUSE_REASONS).nullable().default(null),
  note: z.string().trim().max(300).default(''),
  version: z.number().int(),
});
export type JobActionBody = z.infer<typeof JobActionBodySchema>;

export const JobDetailSchema = JobSchema.extend({
  checklist: z.array(ChecklistItemSchema),
  inspections: z.array(QcInspectionSchema),
  clocks: z.array(z.object({ technicianName: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), endReason: z.string() })),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Clocking: efficiency and utilisation (SPEC §6, §16 工时利用率 / 效率)

/**
 * Per technician and store-local day:
 * - clocked hours: the time of the technician's clock records (start/resume → pause/finish), split
 *   at the store's local midnight;
 * - earned (standard) hours: the standard hours of the jobs the technician finished that day, a team
 *   job's hours shared equally among its technicians;
 * - attendance hours: what the team leader entered for that day, else the store's opening hours
 *   (closes − opens) on a day the technician clocked at all, else 0;
 * - efficiency = earned / clocked; utilisation = clocked / attendance (null when the divisor is 0).
 */
export const TechnicianDaySchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  day: LocalDateSchema,
  clockedHours: z.string(),
  earnedHours: z.string(),
  attendanceHours: z.string(),
  attendanceEntered: z.boolean(),
  efficiency: z.number().nullable(),
  utilisation: z.number().nullable(),
});
export type TechnicianDay = z.infer<typeof TechnicianDaySchema>;

export const PeriodQuerySchema = z.object({ from: LocalDateSchema, to: LocalDateSchema });
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

export const AttendanceBodySchema = z.object({
  userId: IdSchema,
  day: LocalDateSchema,
  hours: z.number().min(0).max(24),
});
export type AttendanceBody = z.infer<typeof AttendanceBodySchema>;

// ---------------------------------------------------------------------------------------------
// The control board (控工看板)

export const BoardRowSchema = z.object({
  roId: z.number().int(),
  number: z.string(),
  plate: z.string().nullable(),
  modelName: z.string(),
  advisorName: z.string(),
  state: z.enum(RO_STATES),
  promisedAt: z.string().nullable(),
  /** Minutes to the promised time (negative when late); null without a promise. */
  minutesLeft: z.number().int().nullable(),
  late: z.boolean(),
  /** Not late yet, but the unfinished standard hours exceed the time left, or under 30 minutes remain. */
  atRisk: z.boolean(),
  bays: z.array(z.string()),
  technicians: z.array(z.string()),
  jobsTotal: z.number().int(),
  jobsDone: z.number().int(),
  waitingParts: z.boolean(),
  waitingApproval: z.boolean(),
  /** Additional work raised and not yet decided by the customer. */
  pendingAdditionalWork: z.number().int(),
});
export type BoardRow = z.infer<typeof BoardRowSchema>;
export const BoardSchema = z.object({ now: z.string(), rows: z.array(BoardRowSchema) });
export type Board = z.infer<typeof BoardSchema>;

// ---------------------------------------------------------------------------------------------
// Comebacks (返修 / 外返) and the quality KPIs

export const COMEBACK_REASONS = ['vibration', 'workmanship', 'part_replacement', 'noise', 'incomplete', 'other'] as const;
export type ComebackReason = (typeof COMEBACK_REASONS)[number];
export const COMEBACK_REASON_LABELS: Record<ComebackReason, Label> = {
  vibration: { zh: '车辆抖动', en: 'Vibration' },
  workmanship: { zh: '维修技术', en: 'Workmanship' },
  part_replacement: { zh: '配件更换', en: 'Replaced part did not cure it' },
  noise: { zh: '行驶异响', en: 'Noise' },
  incomplete: { zh: '未全部完成', en: 'Work not fully done' },
  other: { zh: '其他', en: 'Other' },
};

export const ComebackCreateSchema = z.object({
  /** The new RO (the car came back). */
  roId: IdSchema,
  /** The earlier RO of the same vehicle whose problem returned. */
  originalRoId: IdSchema,
  reason: z.enum(COMEBACK_REASONS),
  note: z.string().trim().max(500).default(''),
});
export type ComebackCreate = z.infer<typeof ComebackCreateSchema>;

export const ComebackSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  roNumber: z.string(),
  originalRoId: z.number().int(),
  originalRoNumber: z.string(),
  plate: z.string().nullable(),
  reason: z.enum(COMEBACK_REASONS),
  note: z.string(),
  /** Technicians of the original RO's jobs: the comeback counts against them. */
  technicians: z.array(z.string()),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type Comeback = z.infer<typeof ComebackSchema>;

/**
 * SPEC §16, computed over a period of store-local days:
 * - ROs of the period: ROs delivered (出厂) in the period;
 * - first-time fix rate (一次修复率) = 1 − (ROs of the period that a later comeback RO is linked to /
 *   ROs of the period). Comebacks count for the period of the RO they return to, whenever they
 *   happen; an RO with two comebacks counts once. Per technician: over the ROs of the period on
 *   which the technician had a job; per team: over those of the team's technicians.
 * - internal rework rate (内返率) = ROs with a QC fail (team-leader check or final inspection) or a
 *   send-back at the advisor's delivery check / ROs through QC, both over ROs that reached QC
 *   (submit_qc) in the period. A failed self-check is the technician finishing his own job and is
 *   not counted.
 */
export const QualityRatesSchema = z.object({
  key: z.string(),
  name: z.string(),
  ros: z.number().int(),
  comebackRos: z.number().int(),
  firstTimeFixRate: z.number().nullable(),
  qcRos: z.number().int(),
  reworkRos: z.number().int(),
  reworkRate: z.number().nullable(),
});
export type QualityRates = z.infer<typeof QualityRatesSchema>;
export const WorkshopQualityReportSchema = z.object({ store: QualityRatesSchema, teams: z.array(QualityRatesSchema), technicians: z.array(QualityRatesSchema) });
export type WorkshopQualityReport = z.infer<typeof WorkshopQualityReportSchema>;

export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
export function firstTimeFixRate(ros: number, comebackRos: number): number | null {
  return ros === 0 ? null : 1 - comebackRos / ros;
}

// ---------------------------------------------------------------------------------------------
// Case library (典型故障案例库)

const PhotoSchema = z.string().max(2_000_000).regex(/^data:image\/(png|jpeg);base64,/);

export const FaultCaseInputSchema = z.object({
  title: z.string().trim().min(1).max(100),
  modelName: z.string().trim().min(1).max(100),
  symptom: z.string().trim().min(1).max(2000),
  diagnosis: z.string().trim().min(1).max(4000),
  fix: z.string().trim().min(1).max(4000),
  roId: IdSchema.nullable().default(null),
  photos: z.array(PhotoSchema).max(6).default([]),
});
export type FaultCaseInput = z.infer<typeof FaultCaseInputSchema>;
export const FaultCaseUpdateSchema = FaultCaseInputSchema.extend({ version: z.number().int() });
export type FaultCaseUpdate = z.infer<typeof FaultCaseUpdateSchema>;

export const FaultCaseSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  modelName: z.string(),
  symptom: z.string(),
  diagnosis: z.string(),
  fix: z.string(),
  roId: z.number().int().nullable(),
  photos: z.array(z.string()),
  authorName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type FaultCase = z.infer<typeof FaultCaseSchema>;

export const FaultCaseQuerySchema = z.object({
  /** Symptom words (any order; all must appear in the title, symptom, diagnosis or fix). */
  q: z.string().trim().max(100).optional(),
  model: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FaultCaseQuery = z.infer<typeof FaultCaseQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Quality and safety incidents

export const INCIDENT_KINDS = ['vehicle_damage', 'part_not_fitted', 'item_lost', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: Record<IncidentKind, Label> = {
  vehicle_damage: { zh: '客户车辆损伤', en: 'Damage to a customer car' },
  part_not_fitted: { zh: '配件领出未装车', en: 'Part issued but not fitted' },
  item_lost: { zh: '物品遗失', en: 'Item lost' },
  other: { zh: '其他', en: 'Other' },
};
export const INCIDENT_STATUSES = ['open', 'following_up', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, Label> = {
  open: { zh: '待处理', en: 'Open' },
  following_up: { zh: '跟进中', en: 'Following up' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const IncidentInputSchema = z.object({
  kind: z.enum(INCIDENT_KINDS),
  roId: IdSchema.nullable().default(null),
  occurredAt: z.iso.datetime({ offset: true }),
  description: z.string().trim().min(1).max(2000),
  ownerId: IdSchema.nullable().default(null),
  followUp: z.string().trim().max(2000).default(''),
  status: z.enum(INCIDENT_STATUSES).default('open'),
});
export type IncidentInput = z.infer<typeof IncidentInputSchema>;
export const IncidentUpdateSchema = IncidentInputSchema.extend({ version: z.number().int() });
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;

export const IncidentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(INCIDENT_KINDS),
  roId: z.number().int().nullable(),
  roNumber: z.string().nullable(),
  occurredAt: z.string(),
  description: z.string(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string(),
  followUp: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  closedAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentQuerySchema = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type IncidentQuery = z.infer<typeof IncidentQuerySchema>;
