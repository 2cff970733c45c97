import { sql, type SQL } from 'drizzle-orm';
import { CARE_TASK_KIND_LABELS, RECALL_WINDOW_DAYS, type RecallTasksResult } from '#contracts/care';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { customers } from '../customers/customers.table';
import { callableCustomer, insertFrom } from './scan';

/**
 * 流失客户回访 (SPEC §11): one recall task per lost vehicle of a cohort month, created through the
 * scan's statement (`insertFrom`), so a second click, or two supervisors at once, create each task
 * once: the business key is `lost:<cohort month>:vehicle:<id>` per store and kind.
 *
 * `feed` is the caller's sub-query of the lost vehicles (the reports module owns the cohort
 * definition) and names the scan's feed columns: ro_id (the last visit), vehicle_id, customer_id,
 * advisor_id, advisor_name, plate, customer_name, ro_number, at. The task is workable at once for
 * RECALL_WINDOW_DAYS. Unlike the callbacks of a visit, a recall is an outbound campaign call: a
 * customer who has not agreed to phone contact (or has no mobile) gets no task at all (the call
 * screen would refuse it anyway, SPEC §8); they are counted as `noConsent`.
 */
export async function createRecallTasks(tx: Executor, storeId: number, cohortMonth: string, feed: SQL, now: Date): Promise<RecallTasksResult> {
  const [counts] = await queryRows<{ lost: number; no_consent: number }>(
    tx,
    sql`SELECT count(*)::int AS lost, count(*) FILTER (WHERE cu.id IS NULL OR NOT ${callableCustomer})::int AS no_consent
          FROM (${feed}) f LEFT JOIN ${customers} cu ON cu.store_id = ${storeId} AND cu.id = f.customer_id`,
  );
  const created = await insertFrom(tx, storeId, now, {
    kind: 'recall',
    feed,
    key: sql`'lost:' || ${cohortMonth}::text || ':vehicle:' || f.vehicle_id`,
    available: sql`${now.toISOString()}::timestamptz`,
    due: sql`${now.toISOString()}::timestamptz + ${RECALL_WINDOW_DAYS}::int * interval '1 day'`,
    subject: sql`${`${CARE_TASK_KIND_LABELS.recall.zh}（${cohortMonth} 来厂后未再回厂）`}::text`,
    callableOnly: true,
  });
  const lost = counts?.lost ?? 0;
  const noConsent = counts?.no_consent ?? 0;
  return { month: cohortMonth, lost, created, existing: Math.max(0, lost - noConsent - created), noConsent };
}
