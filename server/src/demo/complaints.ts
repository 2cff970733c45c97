import { sql } from 'drizzle-orm';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_CHANNEL_LABELS, COMPLAINT_DUE_HOURS } from '#contracts/complaints';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { deliveredRoFeed } from '../modules/repair-orders';
import { localToInstant, todayIn } from '../platform/local-time';
import type { DemoOptions, DemoStore } from './generator';

const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** Complaints per 1,000 delivered ROs (SPEC §9 demo: about 1–2 %). */
const PER_MILLE = 15;

export interface StoreComplaintsSummary {
  complaints: number;
  open: number;
}

const STATES = ['registered', 'acknowledged', 'investigating', 'solution_proposed', 'accepted', 'closed'];
const ACTIONS = ['register', 'acknowledge', 'investigate', 'propose', 'accept', 'close'];
const list = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);

/**
 * Complaints for the demo (SPEC §9), set-based like the follow-up history: about 1.5 % of the
 * delivered ROs over the demo period raise one, in every category and from every channel. Old
 * cases are closed (a few stuck and escalated); the last fortnight's are spread over the open
 * states, so the list, the overdue filter and the weekly table all have something to show. Each
 * case gets its recorded steps, remedies with costs where a solution was proposed, timeline
 * events for registration and closure, and the store's TS document counters are moved past the
 * numbers used. Outcomes come from `hashtext` of the RO id: deterministic, no random stream used.
 */
export async function insertStoreComplaints(tx: Executor, store: DemoStore, opts: Required<DemoOptions>): Promise<StoreComplaintsSummary> {
  const now = opts.asOf === todayIn(TIME_ZONE) ? new Date() : localToInstant(opts.asOf, '12:00', TIME_ZONE);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const feed = deliveredRoFeed(store.id, new Date(now.getTime() - opts.years * 365 * DAY_MS), now);
  const owner = store.staff.find((s) => s.role === 'front_desk_supervisor') ?? store.staff[0]!;
  const agent = store.staff.find((s) => s.role === 'customer_service') ?? owner;
  const roll = (salt: string) => sql.raw(`(abs(hashtext('${salt}' || f.ro_id::text)) % 100)`);
  const due = (kind: 'acknowledge' | 'resolve') =>
    sql.raw(`CASE b.severity WHEN 'critical' THEN ${COMPLAINT_DUE_HOURS.critical[kind]} WHEN 'major' THEN ${COMPLAINT_DUE_HOURS.major[kind]} ELSE ${COMPLAINT_DUE_HOURS.minor[kind]} END`);

  const inserted = await queryRows<{ id: number; state: string }>(
    tx,
    sql`
    WITH base AS (
      SELECT f.ro_id, f.vehicle_id, f.customer_id,
             f.at + interval '20 hours' + ${roll('h')} * interval '50 minutes' AS created_at,
             CASE WHEN ${roll('k')} < 25 THEN 'quality' WHEN ${roll('k')} < 45 THEN 'time' WHEN ${roll('k')} < 60 THEN 'cost' WHEN ${roll('k')} < 70 THEN 'parts'
                  WHEN ${roll('k')} < 82 THEN 'attitude' WHEN ${roll('k')} < 88 THEN 'vehicle_product' WHEN ${roll('k')} < 95 THEN 'warranty' ELSE 'other' END AS category,
             CASE WHEN ${roll('n')} < 35 THEN 'phone' WHEN ${roll('n')} < 55 THEN 'follow_up_call' WHEN ${roll('n')} < 75 THEN 'counter'
                  WHEN ${roll('n')} < 85 THEN 'survey' WHEN ${roll('n')} < 93 THEN 'manufacturer' ELSE 'social_media' END AS channel,
             CASE WHEN ${roll('v')} < 65 THEN 'minor' WHEN ${roll('v')} < 90 THEN 'major' ELSE 'critical' END AS severity,
             ${roll('s')} AS r
      FROM (${feed}) f
      WHERE f.customer_id IS NOT NULL AND abs(hashtext('c' || f.ro_id::text)) % 1000 < ${PER_MILLE}
    ), staged AS (
      SELECT b.*,
             b.created_at + (${due('acknowledge')}) * interval '1 hour' AS acknowledge_due_at,
             b.created_at + (${due('resolve')}) * interval '1 hour' AS resolve_due_at,
             -- 0 registered … 5 closed: old cases closed (a few stuck), recent ones spread over the open states.
             CASE WHEN b.created_at < ${nowSql} - interval '14 days' THEN CASE WHEN b.r < 90 THEN 5 ELSE 1 + b.r % 4 END
                  WHEN b.created_at < ${nowSql} - interval '4 days' THEN b.r % 6
                  ELSE b.r % 4 END AS stage
      FROM base b
      WHERE b.created_at < ${nowSql}
    ), numbered AS (
      SELECT s.*,
             'TS' || to_char(s.created_at AT TIME ZONE ${TIME_ZONE}, 'YYYYMMDD') || '-' ||
               lpad((row_number() OVER (PARTITION BY to_char(s.created_at AT TIME ZONE ${TIME_ZONE}, 'YYYYMMDD') ORDER BY s.created_at, s.ro_id))::text, 4, '0') AS number,
             LEAST(s.created_at + (1 + s.r % 6) * interval '1 day', ${nowSql} - interval '1 hour') AS closed_at
      FROM staged s
    )
    INSERT INTO complaints (store_id, number, channel, category, department, severity, state, customer_id, vehicle_id, ro_id, description,
                            owner_id, owner_name, acknowledge_due_at, resolve_due_at, apology, promised_reply_at, acknowledged_at, solution,
                            cause, resolution, prevention, satisfaction, escalation_level, escalated_at, closed_at, created_by, created_by_name, created_at, updated_at)
    SELECT ${store.id}, n.number, n.channel, n.category,
           CASE n.category WHEN 'quality' THEN 'workshop' WHEN 'time' THEN 'workshop' WHEN 'cost' THEN 'front_desk' WHEN 'parts' THEN 'parts'
                           WHEN 'attitude' THEN CASE WHEN n.r % 2 = 0 THEN 'front_desk' ELSE 'customer_service' END
                           WHEN 'vehicle_product' THEN 'product' WHEN 'warranty' THEN 'front_desk' ELSE 'customer_service' END,
           n.severity, (${list(STATES)})[n.stage + 1], n.customer_id, n.vehicle_id, n.ro_id,
           CASE n.category
             WHEN 'quality' THEN '保养后仍有异响，客户认为没有修好'
             WHEN 'time' THEN '交车比承诺时间晚了两个多小时，客户有急事'
             WHEN 'cost' THEN '结算金额比估价高，事先没有说明'
             WHEN 'parts' THEN '配件缺货，车辆在店等了三天'
             WHEN 'attitude' THEN '接待时服务顾问态度冷淡，解释不耐烦'
             WHEN 'vehicle_product' THEN '新车行驶不久中控屏频繁黑屏'
             WHEN 'warranty' THEN '索赔被拒，客户认为在三包范围内'
             ELSE '休息区空调不制冷，等待时体验差' END,
           ${owner.userId}, ${owner.displayName}, n.acknowledge_due_at, n.resolve_due_at,
           CASE WHEN n.stage >= 1 THEN '非常抱歉给您带来不便，我们会尽快查明原因并给您答复' ELSE '' END,
           CASE WHEN n.stage >= 1 THEN n.created_at + interval '1 day' END,
           CASE WHEN n.stage >= 1 THEN n.created_at + interval '1 hour' END,
           CASE WHEN n.stage >= 3 THEN CASE n.category WHEN 'quality' THEN '免费返修并延长该项目质保' WHEN 'cost' THEN '退还多收费用并赠送保养代金券'
                                                       WHEN 'time' THEN '赠送下次保养工时券' ELSE '书面致歉并赠送精品礼品' END ELSE '' END,
           CASE WHEN n.stage = 5 THEN CASE n.category WHEN 'quality' THEN '技师未按标准紧固' WHEN 'time' THEN '派工未核对承诺交车时间'
                                                      WHEN 'cost' THEN '追加项目未签字确认' WHEN 'parts' THEN '常用件安全库存不足' ELSE '服务流程执行不到位' END ELSE '' END,
           CASE WHEN n.stage = 5 THEN '已按方案处理，客户确认接受' ELSE '' END,
           CASE WHEN n.stage = 5 THEN '纳入晨会案例培训，部门主管每周抽查' ELSE '' END,
           CASE WHEN n.stage = 5 THEN CASE WHEN n.r < 45 THEN 'satisfied' WHEN n.r < 70 THEN 'very_satisfied' WHEN n.r < 88 THEN 'neutral' WHEN n.r < 96 THEN 'dissatisfied' ELSE 'very_dissatisfied' END END,
           CASE WHEN (n.stage < 5 AND n.resolve_due_at < ${nowSql}) OR (n.stage = 5 AND n.closed_at > n.resolve_due_at) THEN 1 ELSE 0 END,
           CASE WHEN (n.stage < 5 AND n.resolve_due_at < ${nowSql}) OR (n.stage = 5 AND n.closed_at > n.resolve_due_at) THEN n.resolve_due_at END,
           CASE WHEN n.stage = 5 THEN n.closed_at END,
           ${agent.userId}, ${agent.displayName}, n.created_at, CASE WHEN n.stage = 5 THEN n.closed_at ELSE n.created_at END
    FROM numbered n
    RETURNING id, state`,
  );
  if (inserted.length === 0) return { complaints: 0, open: 0 };

  // The recorded steps: one per state reached, spread between registration and closure (or now).
  await tx.execute(sql`
    INSERT INTO complaint_steps (store_id, complaint_id, action, from_state, to_state, note, actor_id, actor_name, at)
    SELECT c.store_id, c.id, (${list(ACTIONS)})[g.s + 1], CASE WHEN g.s = 0 THEN NULL ELSE (${list(STATES)})[g.s] END, (${list(STATES)})[g.s + 1],
           CASE g.s WHEN 0 THEN c.description WHEN 1 THEN c.apology WHEN 3 THEN c.solution WHEN 5 THEN c.resolution ELSE '' END,
           CASE WHEN g.s = 5 THEN c.owner_id ELSE c.created_by END, CASE WHEN g.s = 5 THEN c.owner_name ELSE c.created_by_name END,
           c.created_at + (coalesce(c.closed_at, LEAST(c.created_at + interval '3 days', ${nowSql})) - c.created_at) * g.s / 5.0
    FROM complaints c
    CROSS JOIN LATERAL generate_series(0, array_position(${list(STATES)}, c.state) - 1) AS g(s)
    WHERE c.store_id = ${store.id}`);
  await tx.execute(sql`
    INSERT INTO complaint_steps (store_id, complaint_id, action, from_state, to_state, note, actor_id, actor_name, at)
    SELECT c.store_id, c.id, 'escalate', c.state, c.state, '超过处理期限，系统自动升级', NULL, '系统', c.escalated_at
    FROM complaints c WHERE c.store_id = ${store.id} AND c.escalation_level > 0`);

  // Remedies of proposed solutions, with their cost in fen.
  await tx.execute(sql`
    INSERT INTO complaint_remedies (store_id, complaint_id, kind, cost_fen, note, created_by, created_at)
    SELECT c.store_id, c.id,
           CASE c.category WHEN 'quality' THEN 'rework' WHEN 'cost' THEN 'refund' WHEN 'time' THEN 'voucher' WHEN 'parts' THEN 'loaner_car' ELSE 'gift' END,
           CASE c.category WHEN 'quality' THEN 30000 + abs(hashtext('m' || c.id::text)) % 50000 WHEN 'cost' THEN 5000 + abs(hashtext('m' || c.id::text)) % 30000
                           WHEN 'time' THEN 20000 WHEN 'parts' THEN 15000 * (1 + abs(hashtext('m' || c.id::text)) % 3) ELSE 8800 END,
           '', c.owner_id, c.created_at + interval '1 day'
    FROM complaints c
    WHERE c.store_id = ${store.id} AND c.state IN ('solution_proposed', 'accepted', 'closed') AND c.category <> 'other'`);

  // The vehicle timeline: registration of every case, closure of the closed ones.
  await tx.execute(sql`
    INSERT INTO timeline_events (store_id, vehicle_id, customer_id, kind, title, ref_type, ref_id, at, data, actor_id, actor_name)
    SELECT c.store_id, c.vehicle_id, c.customer_id, 'complaint',
           '投诉登记 ' || c.number || '：' || CASE c.category ${sql.raw(Object.entries(COMPLAINT_CATEGORY_LABELS).map(([k, v]) => `WHEN '${k}' THEN '${v.zh}'`).join(' '))} END
             || '（' || CASE c.channel ${sql.raw(Object.entries(COMPLAINT_CHANNEL_LABELS).map(([k, v]) => `WHEN '${k}' THEN '${v.zh}'`).join(' '))} END || '）',
           'complaint', c.id::text, c.created_at, jsonb_build_object('number', c.number, 'category', c.category, 'severity', c.severity), c.created_by, c.created_by_name
    FROM complaints c WHERE c.store_id = ${store.id}
    UNION ALL
    SELECT c.store_id, c.vehicle_id, c.customer_id, 'complaint', '投诉结案 ' || c.number, 'complaint', c.id::text, c.closed_at,
           jsonb_build_object('number', c.number, 'satisfaction', c.satisfaction), c.owner_id, c.owner_name
    FROM complaints c WHERE c.store_id = ${store.id} AND c.state = 'closed'`);

  // Numbers taken: today's next complaint continues after the demo's.
  await tx.execute(sql`
    INSERT INTO document_counters (store_id, prefix, day, last)
    SELECT store_id, 'TS', substr(number, 3, 8), max(substr(number, 12)::int) FROM complaints WHERE store_id = ${store.id} GROUP BY store_id, substr(number, 3, 8)
    ON CONFLICT (store_id, prefix, day) DO UPDATE SET last = GREATEST(document_counters.last, EXCLUDED.last)`);

  return { complaints: inserted.length, open: inserted.filter((c) => c.state !== 'closed').length };
}
