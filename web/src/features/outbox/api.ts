import type { Page } from '#contracts/common';
import type { MessageCompose, MessagePreview, MessageTemplate, MessageTemplateInput, MessageTemplateUpdate, OutboxMessage, OutboxSettings } from '#contracts/outbox';
import { api, downloadFile, type ListParams, type QueryParams } from '../../lib/api';

export const OUTBOX_KEY = 'outbox';

export const outboxApi = {
  key: OUTBOX_KEY,
  templates: () => api.get<MessageTemplate[]>('/api/message-templates'),
  createTemplate: (body: MessageTemplateInput) => api.post<MessageTemplate>('/api/message-templates', body),
  updateTemplate: (id: number, body: MessageTemplateUpdate) => api.put<MessageTemplate>(`/api/message-templates/${id}`, body),
  preview: (body: MessageCompose) => api.post<MessagePreview>('/api/messages/preview', body),
  send: (body: MessageCompose) => api.post<OutboxMessage>('/api/messages', body),
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<OutboxMessage>>('/api/messages', params, signal),
  exportXlsx: (params: QueryParams) => downloadFile('/api/messages/export.xlsx', params, 'letters-register.xlsx'),
  settings: () => api.get<OutboxSettings>('/api/outbox/settings'),
  saveSettings: (body: OutboxSettings) => api.put<OutboxSettings>('/api/outbox/settings', body),
};
