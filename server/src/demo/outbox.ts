import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { deliveredRoFeed } from '../modules/repair-orders';
import { messageTemplates } from '../modules/outbox/outbox.table';
import { stores } from '../modules/stores/stores.table';
import { localToInstant, todayIn } from '../platform/local-time';
import type { DemoOptions, DemoStore } from './generator';

const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** Days of message history in the letters register. */
const HISTORY_DAYS = 90;

const TEMPLATES = [
  { name: '保养提醒', channel: 'sms', body: '尊敬的{客户}，您的爱车{车牌}即将到保养时间，建议您于{时间}前到店保养，预约电话见门店信息。【{门店}】' },
  { name: '预约提醒', channel: 'sms', body: '尊敬的{客户}，您已预约{时间}到店为{车牌}做保养，请准时到店。【{门店}】' },
  { name: '交车感谢', channel: 'sms', body: '尊敬的{客户}，感谢您选择{门店}，您的爱车{车牌}已交车，如有任何问题请随时联系我们。' },
  { name: '活动邀请', channel: 'wecom', body: '{客户}您好，{门店}本月推出空调养护活动，欢迎携{车牌}到店参加。' },
] as const;

/**
 * Messages for the demo (SPEC §8 信函): the store's templates, and over the last three months a
 * thank-you SMS after most deliveries to customers who agreed to SMS (a few failed at the gateway,
 * kept with their error), each in the letters register and on the vehicle timeline. Set-based.
 */
export async function insertStoreOutbox(tx: Executor, store: DemoStore, opts: Required<DemoOptions>): Promise<{ templates: number; messages: number }> {
  const [{ name: storeName } = { name: '' }] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, store.id));
  const now = opts.asOf === todayIn(TIME_ZONE) ? new Date() : localToInstant(opts.asOf, '12:00', TIME_ZONE);
  const templates = await tx
    .insert(messageTemplates)
    .values(TEMPLATES.map((t) => ({ storeId: store.id, name: t.name, channel: t.channel, body: t.body })))
    .onConflictDoNothing()
    .returning({ id: messageTemplates.id, name: messageTemplates.name, body: messageTemplates.body });
  const thanks = templates.find((t) => t.name === '交车感谢');
  if (!thanks) return { templates: templates.length, messages: 0 };
  const agent = store.staff.find((s) => s.role === 'customer_service') ?? store.staff[0]!;
  const feed = deliveredRoFeed(store.id, new Date(now.getTime() - HISTORY_DAYS * DAY_MS), now);
  const messages = await queryRows<{ id: number }>(
    tx,
    sql`
    WITH m AS (
      SELECT f.ro_id, f.vehicle_id, f.customer_id, c.name, c.mobile,
             -- Sent the next morning at 10:00 local: never in quiet hours.
             (((f.at AT TIME ZONE ${TIME_ZONE})::date + 1)::timestamp + interval '10 hours') AT TIME ZONE ${TIME_ZONE} AS sent_at,
             CASE WHEN f.plate IS NULL THEN '' ELSE left(f.plate, 2) || '·' || substr(f.plate, 3) END AS plate,
             abs(hashtext('sms' || f.ro_id::text)) % 100 AS r
      FROM (${feed}) f JOIN customers c ON c.id = f.customer_id AND c.store_id = ${store.id}
      WHERE c.consent_sms IS TRUE AND c.mobile IS NOT NULL
    )
    INSERT INTO outbox_messages (store_id, channel, template_id, template_name, customer_id, vehicle_id, recipient, body, state, attempts, max_attempts,
                                 next_attempt_at, last_error, provider, provider_ref, sent_at, ref_type, ref_id, created_by, created_by_name, created_at, updated_at)
    SELECT ${store.id}, 'sms', ${thanks.id}, ${thanks.name}, m.customer_id, m.vehicle_id, m.mobile,
           replace(replace(replace(${thanks.body}, '{客户}', m.name), '{车牌}', m.plate), '{门店}', ${storeName}),
           CASE WHEN m.r < 3 THEN 'failed' ELSE 'sent' END, CASE WHEN m.r < 3 THEN 5 ELSE 1 END, 5, m.sent_at,
           CASE WHEN m.r < 3 THEN 'HTTP 503: gateway busy' ELSE '' END, 'record', CASE WHEN m.r < 3 THEN '' ELSE 'record-demo-' || m.ro_id END,
           CASE WHEN m.r < 3 THEN NULL ELSE m.sent_at END, 'repair_order', m.ro_id::text, ${agent.userId}, ${agent.displayName}, m.sent_at - interval '14 hours', m.sent_at
    FROM m WHERE m.r < 70 AND m.sent_at < ${now.toISOString()}::timestamptz
    RETURNING id`,
  );
  await tx.execute(sql`
    INSERT INTO timeline_events (store_id, vehicle_id, customer_id, kind, title, ref_type, ref_id, at, data, actor_name)
    SELECT o.store_id, o.vehicle_id, o.customer_id, 'message',
           CASE WHEN o.state = 'sent' THEN '短信已发送：' ELSE '短信发送失败（5 次）：' END || o.template_name,
           'outbox_message', o.id::text, o.next_attempt_at, jsonb_build_object('channel', o.channel, 'body', o.body), ''
    FROM outbox_messages o WHERE o.store_id = ${store.id}`);
  return { templates: templates.length, messages: messages.length };
}
