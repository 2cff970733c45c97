import { z } from 'zod';
import { IdSchema, LocalDateSchema, listQuerySchema } from './common';

/**
 * Outgoing messages (SPEC §8 跟踪服务信函, DESIGN §6): SMS / WeCom / e-mail written from templates with
 * variables, queued in an outbox and delivered by a provider with retries. Consent and quiet hours
 * are enforced by the server; every message is on the vehicle timeline and in the letters register
 * (跟踪服务信函登记表).
 */

type Label = { zh: string; en: string };

export const MESSAGE_CHANNELS = ['sms', 'wecom', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, Label> = {
  sms: { zh: '短信', en: 'SMS' },
  wecom: { zh: '企业微信', en: 'WeCom' },
  email: { zh: '电子邮件', en: 'E-mail' },
};

/**
 * Which contact consent of the customer file (电话/短信/微信, SPEC §3) a channel needs. The file has
 * no e-mail consent of its own: an e-mail is a written message like an SMS, so it follows the SMS
 * consent (ADR 0009).
 */
export const CHANNEL_CONSENT: Record<MessageChannel, 'sms' | 'wechat'> = { sms: 'sms', wecom: 'wechat', email: 'sms' };

export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const MESSAGE_STATE_LABELS: Record<MessageState, Label> = {
  queued: { zh: '待发送', en: 'Queued' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '发送失败', en: 'Failed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Template variables, written `{客户}` in a template; anything else in braces is refused. */
export const TEMPLATE_VARIABLES = ['客户', '车牌', '时间', '门店'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export const TEMPLATE_VARIABLE_LABELS: Record<TemplateVariable, Label> = {
  客户: { zh: '客户姓名', en: 'Customer name' },
  车牌: { zh: '车牌号', en: 'Plate' },
  时间: { zh: '时间（预约/到店时间等）', en: 'Time (appointment etc.)' },
  门店: { zh: '门店名称', en: 'Store name' },
};

const VARIABLE_RE = /\{([^{}]*)\}/g;

/** The names used in braces, in order of appearance (duplicates kept once). */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE_RE)].map((m) => m[1]!))];
}

export function unknownVariables(body: string): string[] {
  return templateVariables(body).filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
}

/** Fills the template; a variable without a value becomes empty rather than staying in braces. */
export function renderTemplate(body: string, values: Partial<Record<TemplateVariable, string>>): string {
  return body.replace(VARIABLE_RE, (whole, name: string) => ((TEMPLATE_VARIABLES as readonly string[]).includes(name) ? (values[name as TemplateVariable] ?? '') : whole));
}

/** Quiet hours (免打扰时段) `start`–`end` in the store's local time; may wrap past midnight. */
export function inQuietHours(localTime: string, start: string, end: string): boolean {
  if (start === end) return false;
  return start < end ? localTime >= start && localTime < end : localTime >= start || localTime < end;
}

/** Delay before attempt n+1 after n failed attempts: base × 2^(n-1), at most an hour. */
export function retryDelaySeconds(failedAttempts: number, baseSeconds: number): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, failedAttempts - 1));
}

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time.hhmm' });

const templateBody = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((b) => unknownVariables(b).length === 0, { error: 'template.unknownVariable' });

export const MessageTemplateInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  channel: z.enum(MESSAGE_CHANNELS),
  subject: z.string().trim().max(120).default(''),
  body: templateBody,
  active: z.boolean().default(true),
});
export type MessageTemplateInput = z.infer<typeof MessageTemplateInputSchema>;
export const MessageTemplateUpdateSchema = MessageTemplateInputSchema.extend({ version: z.number().int().positive() });
export type MessageTemplateUpdate = z.infer<typeof MessageTemplateUpdateSchema>;

export const MessageTemplateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  channel: z.enum(MESSAGE_CHANNELS),
  subject: z.string(),
  body: z.string(),
  variables: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

/** Compose from a template to one customer (发送消息). `time` fills {时间}. */
export const MessageComposeSchema = z.object({
  templateId: IdSchema,
  customerId: IdSchema,
  vehicleId: IdSchema.nullable().default(null),
  time: z.string().trim().max(40).default(''),
  /** Needed for e-mail only: the customer file keeps phones, not addresses. */
  email: z.email().nullable().default(null),
});
export type MessageCompose = z.infer<typeof MessageComposeSchema>;

export const MessagePreviewSchema = z.object({ channel: z.enum(MESSAGE_CHANNELS), recipient: z.string(), subject: z.string(), body: z.string(), consent: z.boolean(), quietUntil: z.string().nullable() });
export type MessagePreview = z.infer<typeof MessagePreviewSchema>;

export const OutboxMessageSchema = z.object({
  id: z.number().int(),
  channel: z.enum(MESSAGE_CHANNELS),
  state: z.enum(MESSAGE_STATES),
  customerId: z.number().int().nullable(),
  customerName: z.string(),
  vehicleId: z.number().int().nullable(),
  plate: z.string().nullable(),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  templateName: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string(),
  sentAt: z.string().nullable(),
  provider: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const MessageListQuerySchema = listQuerySchema(['createdAt', 'sentAt']).extend({
  state: z.enum(MESSAGE_STATES).optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  customerId: IdSchema.optional(),
  vehicleId: IdSchema.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  /** Only messages that left the store (the letters register shows these). */
  sentOnly: booleanQuery.optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;

export const OUTBOX_PROVIDERS = ['record', 'webhook'] as const;
export type OutboxProviderKind = (typeof OUTBOX_PROVIDERS)[number];
export const OUTBOX_PROVIDER_LABELS: Record<OutboxProviderKind, Label> = {
  record: { zh: '仅记录（不外发）', en: 'Record only (nothing leaves)' },
  webhook: { zh: 'HTTP 网关', en: 'HTTP gateway' },
};

export const OutboxSettingsSchema = z
  .object({
    quietStart: HHMM,
    quietEnd: HHMM,
    provider: z.enum(OUTBOX_PROVIDERS),
    webhookUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'outbox.webhookUrl' })]),
    maxAttempts: z.number().int().min(1).max(20),
    retryBaseSeconds: z.number().int().min(5).max(3600),
  })
  .refine((s) => s.provider !== 'webhook' || s.webhookUrl !== '', { error: 'outbox.webhookUrl', path: ['webhookUrl'] });
export type OutboxSettings = z.infer<typeof OutboxSettingsSchema>;

/** SPEC §8 "sensible hours": 21:00–08:00 quiet, five attempts a minute apart, doubling. */
export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  quietStart: '21:00',
  quietEnd: '08:00',
  provider: 'record',
  webhookUrl: '',
  maxAttempts: 5,
  retryBaseSeconds: 60,
};
