import { sql } from 'drizzle-orm';
import { CARE_TASK_KIND_LABELS, DEFAULT_CALLBACK_QUESTIONS, OVERALL_QUESTION_CODE } from '#contracts/care';
import { shiftMonth } from '#contracts/kpis';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { careAnswers, careCalls, careTasks, questionnaires } from '../modules/care/care.table';
import { customers } from '../modules/customers/customers.table';
import { repairOrders } from '../modules/repair-orders/repair-orders.table';
import { deliveredRoFeed } from '../modules/repair-orders';
import { createCohortRecallTasks } from '../modules/reports';
import { localToInstant, todayIn } from '../platform/local-time';
import type { DemoOptions, DemoStore } from './generator';

const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** Months of callback history behind the queue. */
const HISTORY_DAYS = 120;

export interface StoreCareSummary {
  tasks: number;
  open: number;
  calls: number;
  answers: number;
}

/**
 * Follow-up history for the demo (SPEC §8, §10), set-based: per store a handful of
 * `INSERT … SELECT` over its delivered ROs, no row built in JS. Every delivery of the last months
 * gets its satisfaction call 48 h later and its first follow-up in days 2–7; closed ones carry
 * their calls (about 80 % reached, a few after an unanswered first try) and the answers of the
 * default questionnaire (mostly 特别满意/满意, some 一般 and below). Deliveries of the last days
 * keep their tasks open, so the agent's queue has work due today, overdue and upcoming. The keys
 * are the scan's (`ro:<id>`), so the real scan later skips what is here.
 *
 * The outcome of each RO comes from `hashtext` of its id: deterministic for a seed, without a
 * random stream to keep in step with the rows.
 */
export async function insertStoreCare(tx: Executor, store: DemoStore, opts: Required<DemoOptions>): Promise<StoreCareSummary> {
  const now = opts.asOf === todayIn(TIME_ZONE) ? new Date() : localToInstant(opts.asOf, '12:00', TIME_ZONE);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const agents = store.staff.filter((s) => s.role === 'customer_service');
  const agent = agents[0] ?? store.staff[0]!;
  const [questionnaire] = await tx
    .insert(questionnaires)
    .values({ storeId: store.id, name: '内部回访问卷', isDefault: true, active: true, questions: DEFAULT_CALLBACK_QUESTIONS })
    .onConflictDoNothing()
    .returning({ id: questionnaires.id });
  const feed = deliveredRoFeed(store.id, new Date(now.getTime() - HISTORY_DAYS * DAY_MS), now);
  // A number 0–99 per RO and purpose: the same RO always gets the same story.
  const roll = (salt: string) => sql.raw(`(abs(hashtext('${salt}' || f.ro_id::text)) % 100)`);

  // Satisfaction calls open 48 h after delivery for a day; first follow-ups run local days 2–7.
  // A window that ended more than a day ago is closed: done (reached) or given up as unreachable.
  const tasks = await queryRows<{ id: number; status: string }>(
    tx,
    sql`
    INSERT INTO ${careTasks} (store_id, kind, business_key, queue, status, available_at, due_at, vehicle_id, customer_id, ro_id, advisor_id,
                              advisor_name, plate, customer_name, ro_number, subject, attempts, last_outcome, last_call_at, closed_at, closed_by)
    SELECT ${store.id}, w.kind, 'ro:' || f.ro_id, 'customer_service', s.status, w.available_at, w.due_at, f.vehicle_id, f.customer_id, f.ro_id, f.advisor_id,
           coalesce(f.advisor_name, ''), f.plate, coalesce(f.customer_name, ''), f.ro_number, w.subject,
           s.attempts, s.last_outcome, s.last_call_at, s.closed_at, CASE WHEN s.status = 'open' THEN NULL ELSE ${agent.userId}::int END
    FROM (${feed}) f
    CROSS JOIN LATERAL (VALUES
      ('satisfaction', f.at + interval '48 hours', f.at + interval '72 hours', ${CARE_TASK_KIND_LABELS.satisfaction.zh}),
      ('follow_up_1', ((f.at AT TIME ZONE ${TIME_ZONE})::date + 2)::timestamp AT TIME ZONE ${TIME_ZONE},
                      ((f.at AT TIME ZONE ${TIME_ZONE})::date + 8)::timestamp AT TIME ZONE ${TIME_ZONE}, ${CARE_TASK_KIND_LABELS.follow_up_1.zh})
    ) AS w(kind, available_at, due_at, subject)
    CROSS JOIN LATERAL (SELECT w.due_at < ${nowSql} - interval '1 day' AS closed, w.available_at + interval '3 hours' + (${roll('t')} * interval '4 minutes') AS called_at) c
    CROSS JOIN LATERAL (SELECT
        CASE WHEN NOT c.closed THEN 'open' WHEN ${roll('r')} < 82 THEN 'done' ELSE 'unreachable' END AS status,
        CASE WHEN NOT c.closed THEN 0 WHEN ${roll('r')} < 72 THEN 1 ELSE 2 END AS attempts,
        CASE WHEN NOT c.closed THEN NULL WHEN ${roll('r')} < 82 THEN 'reached' ELSE 'no_answer' END AS last_outcome,
        CASE WHEN NOT c.closed THEN NULL ELSE c.called_at END AS last_call_at,
        CASE WHEN NOT c.closed THEN NULL ELSE c.called_at END AS closed_at) s
    WHERE w.available_at <= ${nowSql} AND w.available_at > ${nowSql} - interval '${sql.raw(String(HISTORY_DAYS))} days'
    ON CONFLICT (store_id, kind, business_key) DO NOTHING
    RETURNING id, status`,
  );

  // The calls of closed tasks: an unanswered first try where the task took two attempts, then the
  // last call (reached for done tasks, not reached for unreachable ones). Reached calls carry the
  // overall score: 5 for most, 4 often, 3 sometimes, 2 or 1 rarely.
  const h = (salt: string) => sql.raw(`(abs(hashtext('${salt}' || t.ro_id::text || t.kind)) % 100)`);
  const calls = await queryRows<{ n: number }>(
    tx,
    sql`
    WITH inserted AS (
      INSERT INTO ${careCalls} (store_id, task_id, task_kind, vehicle_id, customer_id, ro_id, advisor_id, advisor_name, agent_id, agent_name, phone,
                                called_at, outcome, questionnaire_id, overall_score, note, next_step)
      SELECT t.store_id, t.id, t.kind, t.vehicle_id, t.customer_id, t.ro_id, t.advisor_id, t.advisor_name, ${agent.userId}, ${agent.displayName}, cu.mobile,
             c.called_at, c.outcome,
             CASE WHEN c.outcome = 'reached' AND t.kind = 'satisfaction' THEN ${questionnaire?.id ?? null}::int END,
             CASE WHEN c.outcome = 'reached' AND t.kind = 'satisfaction' THEN
               CASE WHEN ${h('s')} < 58 THEN 5 WHEN ${h('s')} < 88 THEN 4 WHEN ${h('s')} < 95 THEN 3 WHEN ${h('s')} < 98 THEN 2 ELSE 1 END END,
             CASE WHEN c.outcome <> 'reached' THEN '' WHEN ${h('s')} >= 88 AND t.kind = 'satisfaction' THEN '客户反映等待时间较长，希望交车更准时' ELSE '客户对服务表示满意' END,
             CASE WHEN c.outcome = 'reached' THEN '' WHEN t.status = 'open' THEN '稍后再拨' ELSE '多次未接通，结束回访' END
      FROM ${careTasks} t
      LEFT JOIN ${customers} cu ON cu.id = t.customer_id AND cu.store_id = t.store_id
      CROSS JOIN LATERAL (VALUES
        (1, t.last_call_at - interval '3 hours', CASE WHEN ${h('o')} < 50 THEN 'no_answer' WHEN ${h('o')} < 80 THEN 'powered_off' ELSE 'rejected' END),
        (2, t.last_call_at, t.last_outcome)
      ) AS c(n, called_at, outcome)
      WHERE t.store_id = ${store.id} AND t.status <> 'open' AND (c.n = 2 OR t.attempts = 2)
      RETURNING id
    ) SELECT count(*)::int AS n FROM inserted`,
  );

  // The answers of reached satisfaction calls: every score question near the overall score, the
  // yes/no questions mostly yes, the choice following the score, no free text.
  let answers = 0;
  if (questionnaire) {
    const qs = DEFAULT_CALLBACK_QUESTIONS.filter((q) => q.type !== 'text');
    const values = sql.join(
      qs.map((q) => sql`(${q.code}, ${q.type})`),
      sql`, `,
    );
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`
      WITH inserted AS (
        INSERT INTO ${careAnswers} (store_id, call_id, questionnaire_id, code, score, yes, choice)
        SELECT c.store_id, c.id, c.questionnaire_id, q.code,
               CASE WHEN q.type <> 'score' THEN NULL WHEN q.code = ${OVERALL_QUESTION_CODE} THEN c.overall_score
                    ELSE least(5, greatest(1, c.overall_score + (abs(hashtext(q.code || c.id::text)) % 3) - 1)) END,
               CASE WHEN q.type = 'yes_no' THEN (abs(hashtext(q.code || c.id::text)) % 100) < 60 + c.overall_score * 7 END,
               CASE WHEN q.type = 'choice' THEN CASE WHEN c.overall_score >= 4 THEN '愿意' WHEN c.overall_score = 3 THEN '不确定' ELSE '不愿意' END END
        FROM ${careCalls} c CROSS JOIN (VALUES ${values}) AS q(code, type)
        WHERE c.store_id = ${store.id} AND c.overall_score IS NOT NULL
        RETURNING 1
      ) SELECT count(*)::int AS n FROM inserted`,
    );
    answers = rows[0]?.n ?? 0;
  }

  const recalls = await insertStoreRecalls(tx, store, agent, now);

  // Customers with open work may be called: most demo files never recorded phone consent.
  await tx.execute(sql`
    UPDATE ${customers} SET consent_phone = true
    WHERE store_id = ${store.id} AND consent_phone IS NOT TRUE
      AND id IN (SELECT customer_id FROM ${careTasks} WHERE store_id = ${store.id} AND status = 'open' AND customer_id IS NOT NULL)`);

  return {
    tasks: tasks.length + recalls.tasks,
    open: tasks.filter((t) => t.status === 'open').length + recalls.open,
    calls: (calls[0]?.n ?? 0) + recalls.calls,
    answers,
  };
}

/** Closed loss cohorts whose recall campaign the demo runs (the most recent ones). */
const RECALL_COHORTS = 4;
/** The default loss window (demo stores keep the default settings). */
const LOST_MONTHS = 6;

/**
 * 流失客户回访 (SPEC §11) for the demo: for each of the last closed loss cohorts, the supervisor
 * created the recall tasks the day after the cohort closed, through the real function
 * (`createCohortRecallTasks`: one task per lost vehicle whose customer may be called), and the
 * agents worked them over the next days: about three in four reached, with a loss reason (and
 * the other dealer for those serviced elsewhere), the rest given up after two unanswered tries.
 * Tasks whose call would fall after "now", and some of the latest campaign's, stay open in the
 * queue. Before the campaign most lost
 * customers (not all) are given phone consent: demo files rarely record it.
 */
async function insertStoreRecalls(tx: Executor, store: DemoStore, agent: { userId: number; displayName: string }, now: Date) {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const thisMonth = todayIn(TIME_ZONE, now).slice(0, 7);
  let tasks = 0;
  let cohorts = 0;
  // Cohort M closes at the start of month M + 1 + LOST_MONTHS; the campaign starts a day later at 10:00.
  for (let back = LOST_MONTHS; cohorts < RECALL_COHORTS && back < LOST_MONTHS + 12; back++) {
    const month = shiftMonth(thisMonth, -back);
    const createdAt = localToInstant(`${shiftMonth(month, 1 + LOST_MONTHS)}-02`, '10:00', TIME_ZONE);
    if (createdAt.getTime() > now.getTime()) continue;
    cohorts++;
    const from = localToInstant(`${month}-01`, '00:00', TIME_ZONE);
    const to = localToInstant(`${shiftMonth(month, 1)}-01`, '00:00', TIME_ZONE);
    await tx.execute(sql`
      UPDATE ${customers} SET consent_phone = true
      WHERE store_id = ${store.id} AND consent_phone IS NULL AND abs(hashtext('recall-consent' || id::text)) % 100 < 85
        AND id IN (SELECT customer_id FROM ${repairOrders} WHERE store_id = ${store.id} AND opened_at >= ${from.toISOString()}::timestamptz AND opened_at < ${to.toISOString()}::timestamptz)`);
    const result = await createCohortRecallTasks(tx, store.id, month, createdAt);
    tasks += result.created;
  }

  // The agent's work on them: the call day and time from the task's id, the story from its vehicle.
  const h = (salt: string) => sql.raw(`(abs(hashtext('${salt}' || t.vehicle_id::text)) % 100)`);
  const worked = await queryRows<{ id: number; status: string }>(
    tx,
    sql`
    UPDATE ${careTasks} t SET status = s.status, attempts = s.attempts, last_outcome = s.last_outcome, last_call_at = s.called_at, closed_at = s.called_at,
                              closed_by = ${agent.userId}, version = t.version + 1
    FROM (SELECT t.id,
                 CASE WHEN ${h('reach')} < 76 THEN 'done' ELSE 'unreachable' END AS status,
                 CASE WHEN ${h('reach')} < 60 THEN 1 ELSE 2 END AS attempts,
                 CASE WHEN ${h('reach')} < 76 THEN 'reached' ELSE 'no_answer' END AS last_outcome,
                 t.available_at + (1 + ${h('day')} % 9) * interval '1 day' + (${h('minute')} * 3) * interval '1 minute' AS called_at
            FROM ${careTasks} t WHERE t.store_id = ${store.id} AND t.kind = 'recall' AND t.status = 'open') s
    WHERE t.id = s.id AND s.called_at < ${nowSql}
      -- The latest campaign is not finished: some of its tasks wait in the queue (overdue by now).
      AND NOT (t.available_at > ${nowSql} - interval '30 days' AND ${h('late')} < 30)
    RETURNING t.id, t.status`,
  );
  const open = tasks - worked.length;

  // Two tries for tasks that took two (an unanswered one the day before), the last call carrying the
  // loss reason: serviced elsewhere most often, then coming soon, mileage, distance, booked…
  const reason = sql`CASE WHEN ${h('why')} < 22 THEN 'serviced_elsewhere' WHEN ${h('why')} < 36 THEN 'coming_soon' WHEN ${h('why')} < 48 THEN 'km_not_reached'
                          WHEN ${h('why')} < 60 THEN 'too_far' WHEN ${h('why')} < 68 THEN 'inconvenient_route' WHEN ${h('why')} < 76 THEN 'used_by_other'
                          WHEN ${h('why')} < 88 THEN 'booked' ELSE 'other' END`;
  const elsewhere = sql`(ARRAY['途虎养车工场店', '天猫养车', '同品牌其他4S店', '小区附近修理厂', '京东京车会'])[1 + ${h('where')} % 5]`;
  const otherWhy = sql`(ARRAY['车辆已出售', '长期在外地工作', '车辆停驶'])[1 + ${h('where')} % 3]`;
  const calls = await queryRows<{ n: number }>(
    tx,
    sql`
    WITH inserted AS (
      INSERT INTO ${careCalls} (store_id, task_id, task_kind, vehicle_id, customer_id, ro_id, advisor_id, advisor_name, agent_id, agent_name, phone,
                                called_at, outcome, note, next_step, loss_reason, loss_destination)
      SELECT t.store_id, t.id, t.kind, t.vehicle_id, t.customer_id, t.ro_id, t.advisor_id, t.advisor_name, ${agent.userId}, ${agent.displayName}, cu.mobile,
             c.called_at, c.outcome,
             CASE WHEN c.outcome <> 'reached' THEN '' WHEN r.reason = 'booked' THEN '客户同意回店保养，已预约' ELSE '已告知老客户回厂优惠' END,
             CASE WHEN c.outcome = 'reached' THEN '' WHEN c.n = 1 THEN '明天再拨' ELSE '多次未接通，结束回访' END,
             CASE WHEN c.outcome = 'reached' THEN r.reason END,
             CASE WHEN c.outcome <> 'reached' THEN NULL WHEN r.reason = 'serviced_elsewhere' THEN ${elsewhere} WHEN r.reason = 'other' THEN ${otherWhy} END
      FROM ${careTasks} t
      LEFT JOIN ${customers} cu ON cu.id = t.customer_id AND cu.store_id = t.store_id
      CROSS JOIN LATERAL (SELECT ${reason} AS reason) r
      CROSS JOIN LATERAL (VALUES
        (1, t.last_call_at - interval '1 day', CASE WHEN ${h('first')} < 60 THEN 'no_answer' ELSE 'powered_off' END),
        (2, t.last_call_at, t.last_outcome)
      ) AS c(n, called_at, outcome)
      WHERE t.store_id = ${store.id} AND t.kind = 'recall' AND t.status <> 'open' AND (c.n = 2 OR t.attempts = 2)
      RETURNING id
    ) SELECT count(*)::int AS n FROM inserted`,
  );
  return { tasks, open, calls: calls[0]?.n ?? 0 };
}
