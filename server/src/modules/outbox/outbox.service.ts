import {
  CHANNEL_CONSENT,
  DEFAULT_OUTBOX_SETTINGS,
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_STATE_LABELS,
  inQuietHours,
  renderTemplate,
  templateVariables,
  type MessageChannel,
  type MessageCompose,
  type MessageListQuery,
  type MessagePreview,
  type MessageTemplate,
  type MessageTemplateInput,
  type MessageTemplateUpdate,
  type OutboxMessage,
  type OutboxSettings,
} from '#contracts/outbox';
import type { Page } from '#contracts/common';
import type { Consent } from '#contracts/customers';
import { formatPlate } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { listWorkbook } from '../../platform/spreadsheet';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField, notFound, staleVersion } from '../../platform/errors';
import { addDays, daysRange, instantToLocal, localToInstant } from '../../platform/local-time';
import { pageOf } from '../../platform/pagination';
import { customerContact } from '../customers';
import * as repo from './outbox.repository';

const TEMPLATE = { zh: '消息模板', en: 'Message template' };
export const EXPORT_MAX_MESSAGES = 20_000;

// ---------------------------------------------------------------------------------------------
// Settings and the rules they carry

export async function settingsIn(tx: Executor, storeId: number): Promise<OutboxSettings> {
  const row = await repo.findSettings(tx, storeId);
  if (!row) return DEFAULT_OUTBOX_SETTINGS;
  return { quietStart: row.quietStart, quietEnd: row.quietEnd, provider: row.provider, webhookUrl: row.webhookUrl, maxAttempts: row.maxAttempts, retryBaseSeconds: row.retryBaseSeconds };
}

export function getSettings(ctx: Ctx): Promise<OutboxSettings> {
  return inStore(ctx.db, ctx.storeId, (tx) => settingsIn(tx, ctx.storeId));
}

export function updateSettings(ctx: Ctx, input: OutboxSettings): Promise<OutboxSettings> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await settingsIn(tx, ctx.storeId);
    await repo.upsertSettings(tx, ctx.storeId, input);
    await writeAudit(ctx, tx, { action: 'outbox.settings', entity: 'outbox_settings', entityId: ctx.storeId, before, after: input });
    return settingsIn(tx, ctx.storeId);
  });
}

/**
 * The instant quiet hours end if `at` falls inside them (store-local), else null. A message queued
 * at 22:30 with quiet hours 21:00–08:00 waits until 08:00 the next morning.
 */
export function quietUntil(at: Date, timeZone: string, quietStart: string, quietEnd: string): Date | null {
  const local = instantToLocal(at, timeZone);
  if (!inQuietHours(local.time, quietStart, quietEnd)) return null;
  // Before the end on the same local day (early morning, or a window within one day) → today's end.
  const endDay = local.time < quietEnd ? local.date : addDays(local.date, 1);
  return localToInstant(endDay, quietEnd, timeZone);
}

/** Whether the customer agreed to be written to on the channel (unknown counts as no). */
export function hasConsent(consent: Pick<Consent, 'sms' | 'wechat'>, channel: MessageChannel): boolean {
  return consent[CHANNEL_CONSENT[channel]] === true;
}

// ---------------------------------------------------------------------------------------------
// Templates

function toTemplate(r: repo.TemplateRow): MessageTemplate {
  return { id: r.id, name: r.name, channel: r.channel, subject: r.subject, body: r.body, variables: templateVariables(r.body), active: r.active, version: r.version, updatedAt: r.updatedAt.toISOString() };
}

export function listTemplates(ctx: Ctx): Promise<MessageTemplate[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => (await repo.listTemplates(tx, ctx.storeId)).map(toTemplate));
}

export function createTemplate(ctx: Ctx, input: MessageTemplateInput): Promise<MessageTemplate> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.insertTemplate(tx, { storeId: ctx.storeId, ...input });
    await writeAudit(ctx, tx, { action: 'message_template.create', entity: 'message_template', entityId: row.id, after: input });
    return toTemplate(row);
  });
}

export function updateTemplate(ctx: Ctx, id: number, input: MessageTemplateUpdate): Promise<MessageTemplate> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findTemplate(tx, ctx.storeId, id);
    if (!before) throw notFound(TEMPLATE);
    const { version, ...patch } = input;
    const row = await repo.updateTemplate(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'message_template.update', entity: 'message_template', entityId: id, before: toTemplate(before), after: patch });
    return toTemplate(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Queueing

export interface QueueMessageInput {
  channel: MessageChannel;
  customerId: number;
  vehicleId?: number | null;
  subject?: string;
  body: string;
  /** E-mail only: the address (the customer file keeps phones). SMS and WeCom go to the mobile. */
  email?: string | null;
  templateId?: number | null;
  templateName?: string;
  /** The document that caused the message (`campaign`, 12). */
  refType?: string | null;
  refId?: string | number | null;
}

export type QueueResult = { queued: true; id: number; nextAttemptAt: Date } | { queued: false; reason: 'no_consent' | 'no_recipient' | 'no_customer' };

/**
 * Puts one message in the outbox in the caller's store transaction (DESIGN §6: written with the
 * business change, delivered after it commits). Refuses — returns `queued: false`, writes nothing —
 * when the customer has not consented to the channel or has no address for it; a message queued
 * in quiet hours is due when they end. For other modules (reminders, campaigns, follow-ups).
 */
export async function queueMessage(tx: Executor, ctx: Pick<Ctx, 'storeId' | 'actor'>, input: QueueMessageInput, now = new Date()): Promise<QueueResult> {
  const contact = await customerContact(tx, ctx.storeId, input.customerId);
  if (!contact || contact.mergedIntoId !== null) return { queued: false, reason: 'no_customer' };
  if (!hasConsent(contact.consent, input.channel)) return { queued: false, reason: 'no_consent' };
  const recipient = input.channel === 'email' ? (input.email ?? '') : (contact.mobile ?? '');
  if (!recipient) return { queued: false, reason: 'no_recipient' };
  const settings = await settingsIn(tx, ctx.storeId);
  const store = await repo.storeInfo(tx, ctx.storeId);
  const nextAttemptAt = quietUntil(now, store?.timeZone ?? 'Asia/Shanghai', settings.quietStart, settings.quietEnd) ?? now;
  const row = await repo.insertMessage(tx, {
    storeId: ctx.storeId,
    channel: input.channel,
    templateId: input.templateId ?? null,
    templateName: input.templateName ?? '',
    customerId: input.customerId,
    vehicleId: input.vehicleId ?? null,
    recipient,
    subject: input.subject ?? '',
    body: input.body,
    maxAttempts: settings.maxAttempts,
    nextAttemptAt,
    refType: input.refType ?? null,
    refId: input.refId == null ? null : String(input.refId),
    createdBy: ctx.actor.userId,
    createdByName: ctx.actor.displayName,
    createdAt: now,
    updatedAt: now,
  });
  return { queued: true, id: row.id, nextAttemptAt };
}

/** The template filled for this customer and vehicle: {客户} {车牌} {时间} {门店}. */
async function render(tx: Executor, ctx: Ctx, input: MessageCompose) {
  const template = await repo.findTemplate(tx, ctx.storeId, input.templateId);
  if (!template) throw invalidField('templateId', { zh: '模板不存在', en: 'No such template' });
  if (!template.active) throw invalidField('templateId', { zh: '模板已停用', en: 'The template is inactive' });
  const contact = await customerContact(tx, ctx.storeId, input.customerId);
  if (!contact) throw invalidField('customerId', { zh: '客户不存在', en: 'No such customer' });
  let plate = '';
  if (input.vehicleId !== null) {
    const v = await repo.plateOf(tx, ctx.storeId, input.vehicleId);
    if (!v) throw invalidField('vehicleId', { zh: '车辆不存在', en: 'No such vehicle' });
    plate = v.plate ? formatPlate(v.plate) : '';
  }
  const store = await repo.storeInfo(tx, ctx.storeId);
  const values = { 客户: contact.name, 车牌: plate, 时间: input.time, 门店: store?.name ?? '' };
  if (template.channel === 'email' && !input.email) throw invalidField('email', { zh: '发送电子邮件请填写邮箱地址', en: 'Enter the e-mail address' });
  return { template, contact, store, subject: renderTemplate(template.subject, values), body: renderTemplate(template.body, values) };
}

export function previewMessage(ctx: Ctx, input: MessageCompose): Promise<MessagePreview> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const r = await render(tx, ctx, input);
    const settings = await settingsIn(tx, ctx.storeId);
    const quiet = quietUntil(new Date(), r.store?.timeZone ?? ctx.timeZone, settings.quietStart, settings.quietEnd);
    return {
      channel: r.template.channel,
      recipient: r.template.channel === 'email' ? (input.email ?? '') : (r.contact.mobile ?? ''),
      subject: r.subject,
      body: r.body,
      consent: hasConsent(r.contact.consent, r.template.channel),
      quietUntil: quiet?.toISOString() ?? null,
    };
  });
}

const REFUSALS = {
  no_consent: { zh: '客户未同意通过该渠道接收消息', en: 'The customer has not agreed to messages on this channel' },
  no_recipient: { zh: '客户档案中没有该渠道的联系方式', en: 'The customer file has no address for this channel' },
  no_customer: { zh: '客户不存在或档案已合并', en: 'No such customer, or the file was merged' },
} as const;

/** 发送消息: one message from a template to a customer; refused with 400 without consent. */
export function composeMessage(ctx: Ctx, input: MessageCompose): Promise<OutboxMessage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const r = await render(tx, ctx, input);
    const result = await queueMessage(tx, ctx, {
      channel: r.template.channel,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      subject: r.subject,
      body: r.body,
      email: input.email,
      templateId: r.template.id,
      templateName: r.template.name,
    });
    if (!result.queued) throw invalidField(result.reason === 'no_recipient' && r.template.channel === 'email' ? 'email' : 'customerId', REFUSALS[result.reason]);
    await writeAudit(ctx, tx, { action: 'message.queue', entity: 'outbox_message', entityId: result.id, after: { channel: r.template.channel, customerId: input.customerId, templateId: r.template.id } });
    const row = await repo.findMessage(tx, ctx.storeId, result.id);
    return toMessage(row!);
  });
}

// ---------------------------------------------------------------------------------------------
// The letters register

export function toMessage(m: repo.MessageView): OutboxMessage {
  return {
    id: m.id,
    channel: m.channel,
    state: m.state,
    customerId: m.customerId,
    customerName: m.customerName ?? '',
    vehicleId: m.vehicleId,
    plate: m.plate ? formatPlate(m.plate) : null,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    templateName: m.templateName,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    lastError: m.lastError,
    sentAt: m.sentAt?.toISOString() ?? null,
    provider: m.provider,
    createdByName: m.createdByName,
    createdAt: m.createdAt.toISOString(),
  };
}

function rangeOf(query: MessageListQuery, timeZone: string) {
  return {
    start: query.from ? daysRange(query.from, query.from, timeZone).start : undefined,
    end: query.to ? daysRange(query.to, query.to, timeZone).end : undefined,
  };
}

export function listMessages(ctx: Ctx, query: MessageListQuery): Promise<Page<OutboxMessage>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { items, total } = await repo.listMessages(tx, ctx.storeId, query, rangeOf(query, ctx.timeZone));
    return pageOf(query, items.map(toMessage), total);
  });
}

/** 跟踪服务信函登记表 as an Excel sheet (what the filters show). */
export function exportRegister(ctx: Ctx, query: MessageListQuery): Promise<Buffer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { items } = await repo.listMessages(tx, ctx.storeId, query, rangeOf(query, ctx.timeZone), EXPORT_MAX_MESSAGES);
    const columns = [
      { header: '登记时间', key: 'createdAt', width: 18 },
      { header: '发送时间', key: 'sentAt', width: 18 },
      { header: '方式', key: 'channel', width: 10 },
      { header: '客户', key: 'customer', width: 12 },
      { header: '车牌', key: 'plate', width: 12 },
      { header: '接收号码/地址', key: 'recipient', width: 20 },
      { header: '模板', key: 'template', width: 16 },
      { header: '内容', key: 'body', width: 60 },
      { header: '状态', key: 'state', width: 10 },
      { header: '发送次数', key: 'attempts', width: 8 },
      { header: '失败原因', key: 'error', width: 30 },
      { header: '登记人', key: 'by', width: 10 },
    ];
    const local = (d: Date | null) => (d ? d.toLocaleString('sv-SE', { timeZone: ctx.timeZone }).slice(0, 16) : '');
    const rows = items.map((m) => ({
        createdAt: local(m.createdAt),
        sentAt: local(m.sentAt),
        channel: MESSAGE_CHANNEL_LABELS[m.channel].zh,
        customer: m.customerName ?? '',
        plate: m.plate ? formatPlate(m.plate) : '',
        recipient: m.recipient,
        template: m.templateName,
        body: m.body,
        state: MESSAGE_STATE_LABELS[m.state].zh,
        attempts: m.attempts,
        error: m.lastError,
        by: m.createdByName,
      }));
    await writeAudit(ctx, tx, { action: 'message.export', entity: 'outbox_message', after: { rows: items.length, query } });
    return listWorkbook('信函登记表', columns, rows);
  });
}
