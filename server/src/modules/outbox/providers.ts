import type { MessageChannel, OutboxProviderKind } from '#contracts/outbox';

/** What a provider is handed: one message, already rendered. */
export interface OutgoingMessage {
  id: number;
  storeId: number;
  storeName: string;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
}

/**
 * A way out of the building (DESIGN §6). `send` resolves with the provider's reference when the
 * message was accepted and throws when it was not; the delivery job retries and finally marks it
 * failed. Providers do not touch the database.
 */
export interface MessageProvider {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ providerRef: string }>;
}

/** The default: nothing leaves the system; the message is recorded as sent (visible on the timeline). */
export const recordingProvider: MessageProvider = {
  name: 'record',
  send: (message) => Promise.resolve({ providerRef: `record-${message.id}` }),
};

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Posts each message as JSON to a gateway URL (an SMS / WeCom / mail gateway of the dealer's
 * choice). A 2xx answer is acceptance; its JSON `id` (if any) is kept as the reference. Anything
 * else, a network error or no answer within the timeout is a failed attempt.
 */
export function webhookProvider(url: string, timeoutMs = WEBHOOK_TIMEOUT_MS): MessageProvider {
  return {
    name: 'webhook',
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `outbox-${message.storeId}-${message.id}` },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
      let ref = '';
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        if (typeof parsed.id === 'string' || typeof parsed.id === 'number') ref = String(parsed.id);
      } catch {
        // A gateway that answers 2xx with plain text accepted the message all the same.
      }
      return { providerRef: ref || `webhook-${message.id}` };
    },
  };
}

/** The provider a store's settings name. */
export function providerFor(settings: { provider: OutboxProviderKind; webhookUrl: string }): MessageProvider {
  return settings.provider === 'webhook' && settings.webhookUrl ? webhookProvider(settings.webhookUrl) : recordingProvider;
}
