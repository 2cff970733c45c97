import { DEFAULT_OUTBOX_SETTINGS, MESSAGE_CHANNEL_LABELS, retryDelaySeconds } from '#contracts/outbox';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { addTimelineEvent } from '../customers';
import * as repo from './outbox.repository';
import { hasConsent, quietUntil } from './outbox.service';
import { providerFor, type MessageProvider } from './providers';

/** A message left `sending` this long by an instance that died is claimed again. */
export const SENDING_LEASE_SECONDS = 300;

export interface DeliveryOptions {
  /** Messages claimed per run. */
  batch?: number;
  /** Replaces the store's configured provider (tests, the bench). */
  provider?: MessageProvider;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
  cancelled: number;
}

/**
 * One run of the delivery job (DESIGN §6): claim due messages, re-check consent and quiet hours,
 * hand each to its store's provider, and record the outcome. A failed attempt is retried with
 * backoff (1, 2, 4 … × the store's base delay) until `max_attempts`, then marked failed with its
 * last error; nothing is dropped. Every message that leaves, and every final failure, is put on
 * the vehicle's timeline. Safe to run on several instances at once (see `claimDue`).
 */
export async function deliverDueMessages(db: Executor, now = new Date(), options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 };
  const claimed = await asSystem(db, (tx) => repo.claimDue(tx, now, SENDING_LEASE_SECONDS, options.batch ?? 100));
  for (const m of claimed) {
    const claimedAt = new Date(m.claimed_at);
    const settings = {
      quietStart: m.quiet_start ?? DEFAULT_OUTBOX_SETTINGS.quietStart,
      quietEnd: m.quiet_end ?? DEFAULT_OUTBOX_SETTINGS.quietEnd,
      provider: m.provider ?? DEFAULT_OUTBOX_SETTINGS.provider,
      webhookUrl: m.webhook_url ?? '',
      retryBaseSeconds: m.retry_base_seconds ?? DEFAULT_OUTBOX_SETTINGS.retryBaseSeconds,
    };
    // Consent may have been withdrawn since the message was queued: it is then never sent.
    if (m.customer_id !== null && !hasConsent({ sms: m.consent_sms, wechat: m.consent_wechat }, m.channel)) {
      await asSystem(db, (tx) => repo.finishClaim(tx, m.id, claimedAt, { state: 'cancelled', lastError: '客户已撤回接收同意' }));
      report.cancelled += 1;
      continue;
    }
    // A retry (or a late run) that falls in quiet hours waits for their end without using an attempt.
    const quiet = quietUntil(now, m.time_zone, settings.quietStart, settings.quietEnd);
    if (quiet) {
      await asSystem(db, (tx) => repo.finishClaim(tx, m.id, claimedAt, { state: 'queued', nextAttemptAt: quiet }));
      report.deferred += 1;
      continue;
    }
    const provider = options.provider ?? providerFor(settings);
    const attempts = m.attempts + 1;
    try {
      const { providerRef } = await provider.send({ id: m.id, storeId: m.store_id, storeName: m.store_name, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body });
      const done = await asSystem(db, async (tx) => {
        const ok = await repo.finishClaim(tx, m.id, claimedAt, { state: 'sent', attempts, sentAt: now, provider: provider.name, providerRef, lastError: '' });
        if (ok) await timeline(tx, m, `${MESSAGE_CHANNEL_LABELS[m.channel].zh}已发送${m.template_name ? `：${m.template_name}` : ''}`, now, { providerRef });
        return ok;
      });
      if (done) report.sent += 1;
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500) || 'error';
      const final = attempts >= m.max_attempts;
      await asSystem(db, async (tx) => {
        const ok = await repo.finishClaim(
          tx,
          m.id,
          claimedAt,
          final
            ? { state: 'failed', attempts, provider: provider.name, lastError: error }
            : { state: 'queued', attempts, provider: provider.name, lastError: error, nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, settings.retryBaseSeconds) * 1000) },
        );
        if (ok && final) await timeline(tx, m, `${MESSAGE_CHANNEL_LABELS[m.channel].zh}发送失败（${attempts} 次）${m.template_name ? `：${m.template_name}` : ''}`, now, { error });
      });
      if (final) report.failed += 1;
      else report.retried += 1;
    }
  }
  return report;
}

function timeline(tx: Executor, m: repo.ClaimedMessage, title: string, at: Date, data: Record<string, unknown>) {
  return addTimelineEvent(tx, m.store_id, {
    vehicleId: m.vehicle_id,
    customerId: m.customer_id,
    kind: 'message',
    title,
    refType: 'outbox_message',
    refId: m.id,
    at,
    data: { channel: m.channel, body: m.body, ...data },
  });
}
