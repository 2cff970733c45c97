import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  Call,
  CallbackStats,
  CallInput,
  CallResult,
  CallWorkspace,
  CareQueue,
  CareQueueCounts,
  CareTask,
  Questionnaire,
  QuestionnaireInput,
  Reschedule,
  ScanResult,
} from '#contracts/care';
import type { Page } from '#contracts/common';
import { api, downloadFile, type ListParams, type QueryParams } from '../../lib/api';

/** Query-key root: a call, a reschedule or a scan refreshes the queue, its counts and the workspace. */
export const CARE_KEY = 'care';

export const careApi = {
  key: CARE_KEY,
  queue: (params: ListParams, signal?: AbortSignal) => api.get<Page<CareTask>>('/api/care/queue', params, signal),
  counts: (queue: CareQueue, signal?: AbortSignal) => api.get<CareQueueCounts>('/api/care/queue/counts', { queue }, signal),
  scan: () => api.post<ScanResult>('/api/care/scan'),
  workspace: (id: number, signal?: AbortSignal) => api.get<CallWorkspace>(`/api/care/tasks/${id}/workspace`, undefined, signal),
  call: (id: number, body: Partial<CallInput> & Pick<CallInput, 'outcome'> & { version: number }) => api.post<CallResult>(`/api/care/tasks/${id}/calls`, body),
  reschedule: (id: number, body: Partial<Reschedule> & Pick<Reschedule, 'to'> & { version: number }) => api.post<CareTask>(`/api/care/tasks/${id}/reschedule`, body),
  close: (id: number, body: { version: number; note?: string }) => api.post<CareTask>(`/api/care/tasks/${id}/close`, body),
  questionnaires: (signal?: AbortSignal) => api.get<Questionnaire[]>('/api/care/questionnaires', undefined, signal),
  createQuestionnaire: (body: QuestionnaireInput) => api.post<Questionnaire>('/api/care/questionnaires', body),
  updateQuestionnaire: (id: number, body: QuestionnaireInput & { version: number }) => api.put<Questionnaire>(`/api/care/questionnaires/${id}`, body),
  stats: (from: string, to: string, signal?: AbortSignal) => api.get<CallbackStats>('/api/care/stats', { from, to }, signal),
  exportStats: (from: string, to: string) => downloadFile('/api/care/stats/export.xlsx', { from, to }, '回访统计.xlsx'),
  calls: (params: ListParams, signal?: AbortSignal) => api.get<Page<Call>>('/api/care/calls', params, signal),
  exportCalls: (params: QueryParams) => downloadFile('/api/care/calls/export.xlsx', params, '跟踪服务电话记录表.xlsx'),
};

/** After any write: the queue, its tab counts and the call screen reload. */
export function useRefreshCare() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: [CARE_KEY] }), [client]);
}
