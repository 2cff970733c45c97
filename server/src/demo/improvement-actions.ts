import { sql } from 'drizzle-orm';
import { IMPROVEMENT_DEPARTMENTS, type ImprovementDepartment, type ImprovementStatus } from '#contracts/improvement-actions';
import { shiftMonth } from '#contracts/kpis';
import type { MonthlyReportKind, MonthlyReportSection } from '#contracts/monthly-reports';
import type { Role } from '#contracts/roles';
import type { Executor } from '../db/types';
import { improvementActions } from '../modules/improvement-actions/improvement-actions.table';
import { reportComments } from '../modules/reports/monthly/monthly.table';
import { localToInstant } from '../platform/local-time';
import { bulkInsert } from './bulk';
import type { DemoOptions, DemoStore } from './generator';

const TIME_ZONE = 'Asia/Shanghai';

/** What each department's TOP5 typically holds at a 4S dealer (problem, measure, checkpoint). */
const PLAYBOOK: Record<ImprovementDepartment, [string, string, string][]> = {
  front_desk: [
    ['预约到店率偏低，高峰时段接车排队', '提前一天电话确认预约，高峰时段增设快速接车通道', '每周一核对预约到店率'],
    ['环车检查记录不完整', '接车环检表逐项拍照上传，班前会抽查', '每日抽查5张接车单'],
    ['交车时未解释结算明细', '交车前由顾问逐项讲解结算单并请客户签字', '每周回访抽查10位客户'],
  ],
  workshop: [
    ['异响类返修偏多', '终检增加路试环节，异响故障由技术主管复核', '每周统计返修原因'],
    ['维修超时交车', '派工时按标准工时排程，超时前2小时预警', '每日晚会检查超时工单'],
    ['工位5S执行不到位', '每班结束整理工位并拍照，班组长签字', '每周五现场检查'],
  ],
  parts: [
    ['常用件缺货导致等件', '按近3个月消耗设定安全库存，周二周五补货', '每周一查看缺件清单'],
    ['呆滞库存占比上升', '超过180天无动态配件列清单，发起调拨或促销', '月底统计呆滞金额'],
  ],
  customer_service: [
    ['回访接通率低', '错开午休时段外呼，未接通客户次日再拨', '每日查看回访完成率'],
    ['投诉处理超过48小时', '投诉登记后2小时内分派，24小时内首次回复客户', '每周复盘未结投诉'],
    ['流失客户召回率低', '对6个月未回厂客户发送保养提醒并电话邀约', '每月统计召回到店数'],
  ],
};

const OWNER_ROLE: Record<ImprovementDepartment, Role> = {
  front_desk: 'front_desk_supervisor',
  workshop: 'workshop_supervisor',
  parts: 'parts_supervisor',
  customer_service: 'customer_service',
};

/** A valid 1×1 PNG: the demo's "photo" evidence (the bytes are stored like any upload). */
const EVIDENCE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Last month's commentary, as a manager would write it, for the sections that ask for it. */
const COMMENTARY: { kind: MonthlyReportKind; section: MonthlyReportSection; problems: string; plan: string }[] = [
  { kind: 'manager', section: 'problems', problems: '异响类返修偏多，一次修复率未达目标；高峰时段接车排队时间长。', plan: '终检增加路试；预约客户错峰到店，增设快速接车通道。' },
  { kind: 'manager', section: 'plan', problems: '', plan: '下月重点：提升预约率与一次修复率，压降常用件缺货，完成各部门TOP5整改。' },
  { kind: 'customer_service', section: 'callbacks', problems: '午休时段回访接通率低，部分客户反映等待交车时间长。', plan: '调整外呼时段，未接通客户次日补拨；等待时间问题转前台跟进。' },
  { kind: 'customer_service', section: 'next_month', problems: '', plan: '下月回访完成率目标95%，投诉48小时内关闭率100%，召回流失客户不少于30台。' },
];

export interface StoreImprovementSummary {
  actions: number;
  done: number;
  comments: number;
}

/**
 * Improvement actions (整改 / TOP5, SPEC §17) for the months around the demo's today: three months
 * back to next month, two or three ranked actions per department and month. Closed months are
 * mostly done (with a photo as evidence), a few left in progress past their due date (overdue);
 * this month's are under way, next month's not started. Plus last month's commentary of both
 * reports. Rows are built in memory (a few dozen per store) and written in two statements; the
 * evidence is one INSERT … SELECT over the done actions.
 */
export async function insertStoreImprovementActions(tx: Executor, store: DemoStore, index: number, opts: Required<DemoOptions>): Promise<StoreImprovementSummary> {
  const month = opts.asOf.slice(0, 7);
  const today = opts.asOf;
  const manager = store.staff.find((s) => s.role === 'after_sales_manager') ?? store.staff[0]!;
  const ownerOf = (d: ImprovementDepartment) => store.staff.find((s) => s.role === OWNER_ROLE[d]) ?? manager;
  const rows: (typeof improvementActions.$inferInsert & { status: ImprovementStatus })[] = [];
  for (let offset = -3; offset <= 1; offset++) {
    const m = shiftMonth(month, offset);
    IMPROVEMENT_DEPARTMENTS.forEach((department, d) => {
      const plays = PLAYBOOK[department];
      // Two or three actions, varying by store and month so stores do not look cloned.
      const count = Math.min(plays.length, 2 + ((index + d + offset + 3) % 2));
      for (let rank = 1; rank <= count; rank++) {
        const [problem, measure, checkpoint] = plays[(rank - 1 + index + offset + 3) % plays.length]!;
        const dueDate = `${m}-${rank === 1 ? '15' : '25'}`;
        const owner = ownerOf(department);
        const spin = (index * 7 + d * 3 + rank + offset) % 5;
        let status: ImprovementStatus;
        if (offset >= 1) status = 'not_started';
        else if (offset === 0) status = dueDate < today ? (spin === 0 ? 'done' : 'in_progress') : spin < 2 ? 'not_started' : 'in_progress';
        // Past months: most done; one in five still in progress (overdue), a sign the review matters.
        else status = spin === 4 ? 'in_progress' : 'done';
        const completedAt = status === 'done' ? localToInstant(dueDate < today ? dueDate : today, '17:30', TIME_ZONE) : null;
        rows.push({
          storeId: store.id,
          month: m,
          department,
          rank,
          problem,
          measure,
          ownerId: owner.userId,
          ownerName: owner.displayName,
          supervisorId: manager.userId,
          supervisorName: manager.displayName,
          dueDate,
          checkpoint,
          status,
          statusNote: status === 'in_progress' ? '推进中，部分措施已落实' : null,
          completedAt,
          createdBy: manager.userId,
        });
      }
    });
  }
  await bulkInsert(
    tx,
    improvementActions,
    ['storeId', 'month', 'department', 'rank', 'problem', 'measure', 'ownerId', 'ownerName', 'supervisorId', 'supervisorName', 'dueDate', 'checkpoint', 'status', 'statusNote', 'completedAt', 'createdBy'],
    rows.map((r) => ({ ...r, statusNote: r.statusNote ?? null, completedAt: r.completedAt ?? null, createdBy: r.createdBy ?? null })),
  );
  await tx.execute(sql`
    INSERT INTO improvement_action_evidence (store_id, action_id, file_name, mime_type, size_bytes, content, uploaded_by, uploaded_by_name, uploaded_at)
    SELECT a.store_id, a.id, '整改完成现场照片.png', 'image/png', octet_length(p.content), p.content, a.owner_id, a.owner_name, a.completed_at
      FROM improvement_actions a CROSS JOIN (SELECT decode(${EVIDENCE_PNG_BASE64}, 'base64') AS content) p
     WHERE a.store_id = ${store.id} AND a.status = 'done'`);
  const lastMonth = shiftMonth(month, -1);
  await bulkInsert(
    tx,
    reportComments,
    ['storeId', 'kind', 'month', 'section', 'problems', 'plan', 'updatedBy', 'updatedByName', 'updatedAt'],
    COMMENTARY.map((c) => ({
      storeId: store.id,
      kind: c.kind,
      month: lastMonth,
      section: c.section,
      problems: c.problems,
      plan: c.plan,
      updatedBy: manager.userId,
      updatedByName: manager.displayName,
      updatedAt: localToInstant(`${month}-01`, '09:00', TIME_ZONE),
    })),
  );
  return { actions: rows.length, done: rows.filter((r) => r.status === 'done').length, comments: COMMENTARY.length };
}
