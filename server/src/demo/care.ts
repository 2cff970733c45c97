import { sql } from 'drizzle-orm';
import { CARE_TASK_KIND_LABELS, DEFAULT_CALLBACK_QUESTIONS, OVERALL_QUESTION_CODE } from '#contracts/care';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { careAnswers, careCalls, careTasks, questionnaires } from '../modules/care/care.table';
import { customers } from '../modules/customers/customers.table';
import { deliveredRoFeed } from '../modules/repair-orders';
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

  // Customers with open work may be called: most demo files never recorded phone consent.
  await tx.execute(sql`
    UPDATE ${customers} SET consent_phone = true
    WHERE store_id = ${store.id} AND consent_phone IS NOT TRUE
      AND id IN (SELECT customer_id FROM ${careTasks} WHERE store_id = ${store.id} AND status = 'open' AND customer_id IS NOT NULL)`);

  return { tasks: tasks.length, open: tasks.filter((t) => t.status === 'open').length, calls: calls[0]?.n ?? 0, answers };
}
