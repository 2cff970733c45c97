import { sql, type SQL } from 'drizzle-orm';
import {
  CARE_QUEUE_OF,
  CARE_SCAN_LOOKBACK_DAYS,
  CARE_TASK_KIND_LABELS,
  DECLINED_WORK_REMINDER_DAYS,
  DECLINED_WORK_WINDOW_DAYS,
  SATISFACTION_WINDOW_HOURS,
  type CareTaskKind,
} from '#contracts/care';
import type { StoreSettings } from '#contracts/settings';
import { asSystem, inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { DAY_MS, HOUR_MS } from '../../platform/clock';
import { remindersDue } from '../appointments';
import { declinedWorkFeed, deliveredRoFeed, pickupFeed, pickupSettledFeed } from '../repair-orders';
import { customers } from '../customers/customers.table';
import { settingsOf } from '../stores';
import { careTasks } from './care.table';
import { allStores, rowsOf } from './care.repository';

/**
 * The task scan (SPEC §8, §19): creates every follow-up task whose window has opened, exactly once
 * per business key, whatever how often or on how many instances it runs. Each kind is ONE
 * `INSERT … SELECT … ON CONFLICT (store_id, kind, business_key) DO NOTHING` per store over the
 * source module's feed: set-based, so a store with a million ROs costs one index range scan per
 * kind, not a loop. A task appears when its window opens (not before) and only if it opened within
 * CARE_SCAN_LOOKBACK_DAYS (a first start or a long outage does not flood the queue with history).
 * Windows are computed in the store's time zone (follow-ups run from local midnight to midnight).
 */
export type ScanCounts = Record<CareTaskKind, number>;

export async function scanCareTasks(db: Executor, now: Date, onlyStoreId?: number): Promise<ScanCounts> {
  const totals = emptyCounts();
  const stores = await asSystem(db, (tx) => allStores(tx));
  for (const store of stores) {
    if (onlyStoreId !== undefined && store.id !== onlyStoreId) continue;
    const counts = await inStore(db, store.id, (tx) => scanStore(tx, store.id, store.timeZone, settingsOf(store), now));
    for (const k of Object.keys(counts) as CareTaskKind[]) totals[k] += counts[k];
  }
  return totals;
}

function emptyCounts(): ScanCounts {
  // Recall tasks are not scanned: a supervisor creates them from a lost cohort (recall.ts).
  return { satisfaction: 0, follow_up_1: 0, follow_up_2: 0, declined_work: 0, appointment_reminder: 0, pickup_notice: 0, supervisor_request: 0, recall: 0 };
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Local midnight `days` days after the local date of `at` (SQL), in zone `tz`. */
const localMidnight = (at: SQL, tz: string, days: number) => sql`((((${at}) AT TIME ZONE ${tz})::date + ${days}::int)::timestamp AT TIME ZONE ${tz})`;

export interface TaskSelect {
  kind: CareTaskKind;
  /** A feed sub-query naming ro_id, vehicle_id, customer_id, advisor_id, advisor_name, plate, customer_name, ro_number, at. */
  feed: SQL;
  key: SQL;
  available: SQL;
  due: SQL;
  subject: SQL;
  extra?: { appointmentId?: SQL; additionalWorkId?: SQL; assignee?: SQL };
  /** Only customers who may be called now (`callableCustomer`): outbound campaigns skip the others. */
  callableOnly?: boolean;
}

/**
 * A customer the agent may call (SPEC §8), as SQL over `cu` (customers): phone consent given and a
 * mobile number. The same rule as the call screen's `callBlock` (care.service.ts).
 */
export const callableCustomer = sql`(cu.consent_phone IS TRUE AND coalesce(cu.mobile, '') <> '')`;

/**
 * The task-creation statement: one `INSERT … SELECT … ON CONFLICT (store_id, kind, business_key) DO
 * NOTHING` over a feed; returns how many tasks are new. The scan and recall.ts both create through it.
 */
export async function insertFrom(tx: Executor, storeId: number, now: Date, t: TaskSelect): Promise<number> {
  const from = new Date(now.getTime() - CARE_SCAN_LOOKBACK_DAYS * DAY_MS);
  const callable = t.callableOnly ? sql`JOIN ${customers} cu ON cu.store_id = ${storeId} AND cu.id = f.customer_id AND ${callableCustomer}` : sql``;
  const result = await tx.execute(sql`
    INSERT INTO ${careTasks} (store_id, kind, business_key, queue, available_at, due_at, vehicle_id, customer_id, ro_id, appointment_id, additional_work_id,
                              advisor_id, assignee_id, advisor_name, plate, customer_name, ro_number, subject)
    SELECT ${storeId}, ${t.kind}, w.key, ${CARE_QUEUE_OF[t.kind]}, w.available_at, w.due_at, f.vehicle_id, f.customer_id, f.ro_id,
           ${t.extra?.appointmentId ?? sql`NULL::int`}, ${t.extra?.additionalWorkId ?? sql`NULL::int`},
           f.advisor_id, ${t.extra?.assignee ?? sql`NULL::int`}, coalesce(f.advisor_name, ''), f.plate, coalesce(f.customer_name, ''), f.ro_number, ${t.subject}
    FROM (${t.feed}) f
    ${callable}
    CROSS JOIN LATERAL (SELECT ${t.key} AS key, ${t.available} AS available_at, ${t.due} AS due_at) w
    WHERE w.available_at <= ${iso(now)} AND w.available_at > ${iso(from)} AND w.due_at > w.available_at
    ON CONFLICT (store_id, kind, business_key) DO NOTHING
    RETURNING 1`);
  return rowsOf(result).length;
}

async function scanStore(tx: Executor, storeId: number, tz: string, s: StoreSettings, now: Date): Promise<ScanCounts> {
  const counts = emptyCounts();
  const lookback = CARE_SCAN_LOOKBACK_DAYS * DAY_MS;
  const t = now.getTime();
  const label = (k: CareTaskKind) => sql`${CARE_TASK_KIND_LABELS[k].zh}`;
  const roKey = sql`'ro:' || f.ro_id`;
  const delivered = (minAgo: number, maxAgo: number) => deliveredRoFeed(storeId, new Date(t - maxAgo), new Date(t - minAgo + DAY_MS));

  // 满意度回访: opens `satisfactionCallHoursAfterDelivery` after delivery, due a day later.
  const satH = s.satisfactionCallHoursAfterDelivery;
  counts.satisfaction = await insertFrom(tx, storeId, now, {
    kind: 'satisfaction',
    feed: delivered(satH * HOUR_MS, satH * HOUR_MS + lookback + DAY_MS),
    key: roKey,
    available: sql`f.at + ${satH}::int * interval '1 hour'`,
    due: sql`f.at + ${satH + SATISFACTION_WINDOW_HOURS}::int * interval '1 hour'`,
    subject: label('satisfaction'),
  });
  // 第一次跟踪: local days followUp1FromDay … followUp1ToDay after the delivery date.
  const f1 = s.followUp1FromDay;
  const f1End = Math.max(s.followUp1ToDay, f1) + 1;
  counts.follow_up_1 = await insertFrom(tx, storeId, now, {
    kind: 'follow_up_1',
    feed: delivered(f1 * DAY_MS, (f1 + 1) * DAY_MS + lookback),
    key: roKey,
    available: localMidnight(sql`f.at`, tz, f1),
    due: localMidnight(sql`f.at`, tz, f1End),
    subject: label('follow_up_1'),
  });
  // 第二次跟踪: the following followUp2WindowDays days.
  counts.follow_up_2 = await insertFrom(tx, storeId, now, {
    kind: 'follow_up_2',
    feed: delivered(f1End * DAY_MS, (f1End + 1) * DAY_MS + lookback),
    key: roKey,
    available: localMidnight(sql`f.at`, tz, f1End),
    due: localMidnight(sql`f.at`, tz, f1End + s.followUp2WindowDays),
    subject: label('follow_up_2'),
  });
  // 未修项目提醒: declined additional work, a month later, for a week.
  counts.declined_work = await insertFrom(tx, storeId, now, {
    kind: 'declined_work',
    feed: declinedWorkFeed(storeId, new Date(t - DECLINED_WORK_REMINDER_DAYS * DAY_MS - lookback - DAY_MS), new Date(t - DECLINED_WORK_REMINDER_DAYS * DAY_MS + DAY_MS)),
    key: sql`'additional_work:' || f.additional_work_id`,
    available: localMidnight(sql`f.at`, tz, DECLINED_WORK_REMINDER_DAYS),
    due: localMidnight(sql`f.at`, tz, DECLINED_WORK_REMINDER_DAYS + DECLINED_WORK_WINDOW_DAYS),
    subject: sql`${CARE_TASK_KIND_LABELS.declined_work.zh} || '：' || f.description`,
    extra: { additionalWorkId: sql`f.additional_work_id` },
  });
  // 取车通知: 1 h before the promised time (4 h for jobs of longJobThresholdDays or more), for the advisor.
  const longLead = s.pickupNoticeLongJobHours;
  const shortLead = s.pickupNoticeShortJobHours;
  const lead = sql`(CASE WHEN f.at - f.opened_at >= ${s.longJobThresholdDays}::int * interval '1 day' THEN ${longLead}::numeric ELSE ${shortLead}::numeric END) * interval '1 hour'`;
  counts.pickup_notice = await insertFrom(tx, storeId, now, {
    kind: 'pickup_notice',
    feed: pickupFeed(storeId, new Date(t - lookback), new Date(t + Math.max(longLead, shortLead) * HOUR_MS + 1)),
    key: roKey,
    available: sql`f.at - ${lead}`,
    due: sql`f.at`,
    subject: label('pickup_notice'),
    extra: { assignee: sql`f.advisor_id` },
  });
  // A notice given at the counter, or a car already gone, needs no call any more.
  await tx.execute(sql`
    UPDATE ${careTasks} SET status = 'cancelled', closed_at = ${iso(now)}, version = version + 1
    WHERE store_id = ${storeId} AND kind = 'pickup_notice' AND status = 'open' AND ro_id IN (${pickupSettledFeed(storeId)})`);
  // 预约提醒: the appointments module says which bookings are due a reminder.
  counts.appointment_reminder = await insertAppointmentReminders(tx, storeId, tz, s, now);
  return counts;
}

async function insertAppointmentReminders(tx: Executor, storeId: number, tz: string, s: StoreSettings, now: Date): Promise<number> {
  const due = await remindersDue(tx, storeId, tz, now, s.appointmentReminderHoursBefore);
  if (due.length === 0) return 0;
  const rows = due.map((a) => {
    const startsAt = new Date(a.startsAt);
    return {
      storeId,
      kind: 'appointment_reminder' as const,
      businessKey: `appointment:${a.id}`,
      queue: CARE_QUEUE_OF.appointment_reminder,
      availableAt: new Date(Math.min(now.getTime(), startsAt.getTime() - s.appointmentReminderHoursBefore * HOUR_MS)),
      dueAt: startsAt,
      vehicleId: a.vehicleId,
      customerId: a.customerId,
      appointmentId: a.id,
      advisorId: a.advisorId,
      advisorName: a.advisorName ?? '',
      plate: a.plate,
      customerName: a.contactName,
      subject: `${CARE_TASK_KIND_LABELS.appointment_reminder.zh} ${a.number}`,
    };
  });
  const inserted = await tx.insert(careTasks).values(rows).onConflictDoNothing({ target: [careTasks.storeId, careTasks.kind, careTasks.businessKey] }).returning({ id: careTasks.id });
  return inserted.length;
}
