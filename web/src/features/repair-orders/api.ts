import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#contracts/common';
import type { Part } from '#contracts/parts';
import type {
  AdditionalWork,
  AdditionalWorkCreate,
  AdditionalWorkDecision,
  AdvisorHome,
  DiscountRequest,
  DiscountRequestCreate,
  WORKSHOP_RO_ACTIONS,
  Payer,
  PauseReason,
  ReceptionSuggestion,
  RepairOrder,
  RepairOrderSummary,
  RoLineInput,
  RoTotals,
  SettleBody,
  SettlementDue,
} from '#contracts/repair-orders';
import type { z } from 'zod';
import type { RoCreateSchema, RoUpdateSchema } from '#contracts/repair-orders';
import { api, ApiError, type FieldError, type ListParams, type QueryParams } from '../../lib/api';
import { COMMON, currentLang } from '../../lib/i18n';

export type RoCreate = z.input<typeof RoCreateSchema>;
export type RoUpdate = z.input<typeof RoUpdateSchema>;

/** Query-key roots: every change of an RO refreshes its page, the lists and the advisor's home. */
export const RO_KEY = 'repair-orders';
export const ADVISOR_HOME_KEY = 'advisor-home';
export const DECLINED_KEY = 'declined-work';
export const DISCOUNT_KEY = 'discount-requests';
export const SETTLEMENT_DUE_KEY = 'settlement-due';

export type WorkshopAction = (typeof WORKSHOP_RO_ACTIONS)[number];
/** The actions the RO page asks a reason for and sends to their own endpoint or the transitions one. */
export type ReasonAction = WorkshopAction | 'cancel' | 'return_to_workshop';

export interface SettlementPreview {
  totals: RoTotals;
  shareBp: number;
  limitPercent: number | null;
  withinLimit: boolean;
  approvedRequestId: number | null;
}

export const roApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<RepairOrderSummary>>('/api/repair-orders', params, signal),
  get: (id: number, signal?: AbortSignal) => api.get<RepairOrder>(`/api/repair-orders/${id}`, undefined, signal),
  suggestion: (vehicleId: number, signal?: AbortSignal) => api.get<ReceptionSuggestion>('/api/reception/suggestion', { vehicleId }, signal),
  create: (body: RoCreate) => api.post<RepairOrder>('/api/repair-orders', body),
  update: (id: number, body: RoUpdate) => api.put<RepairOrder>(`/api/repair-orders/${id}`, body),
  addLine: (id: number, line: RoLineInput, version: number) => api.post<RepairOrder>(`/api/repair-orders/${id}/lines`, { line, version }),
  setPayer: (id: number, lineId: number, payer: Payer, version: number) => api.put<RepairOrder>(`/api/repair-orders/${id}/lines/${lineId}`, { payer, version }),
  removeLine: (id: number, lineId: number, reason: string, version: number) =>
    api.post<RepairOrder>(`/api/repair-orders/${id}/lines/${lineId}/remove`, { reason, version }),
  sign: (id: number, signature: string | null, version: number) => api.post<RepairOrder>(`/api/repair-orders/${id}/sign`, { signature, version }),
  transition: (id: number, body: { action: WorkshopAction; reason?: string; pauseReason?: PauseReason | null; version: number }) =>
    api.post<RepairOrder>(`/api/repair-orders/${id}/transitions`, body),
  cancel: (id: number, reason: string, version: number) => api.post<RepairOrder>(`/api/repair-orders/${id}/cancel`, { reason, version }),
  returnToWorkshop: (id: number, reason: string, version: number) => api.post<RepairOrder>(`/api/repair-orders/${id}/return-to-workshop`, { reason, version }),
  raiseWork: (id: number, body: AdditionalWorkCreate) => api.post<RepairOrder>(`/api/repair-orders/${id}/additional-work`, body),
  decideWork: (workId: number, body: AdditionalWorkDecision) => api.post<RepairOrder>(`/api/additional-work/${workId}/decision`, body),
  declined: (params: ListParams, signal?: AbortSignal) => api.get<Page<AdditionalWork>>('/api/additional-work/declined', params, signal),
  followUp: (workId: number) => api.post<AdditionalWork>(`/api/additional-work/${workId}/follow-up`),
  preview: (id: number, labourDiscountFen: number, partsDiscountFen: number, signal?: AbortSignal) =>
    api.get<SettlementPreview>(`/api/repair-orders/${id}/settlement-preview`, { labourDiscountFen, partsDiscountFen }, signal),
  requestDiscount: (id: number, body: DiscountRequestCreate) => api.post<DiscountRequest>(`/api/repair-orders/${id}/discount-requests`, body),
  discountRequests: (params: ListParams, signal?: AbortSignal) => api.get<Page<DiscountRequest>>('/api/discount-requests', params, signal),
  decideDiscount: (requestId: number, approve: boolean, note: string) => api.post<DiscountRequest>(`/api/discount-requests/${requestId}/decision`, { approve, note }),
  settle: (id: number, body: SettleBody, idempotencyKey: string) =>
    settleRequest<RepairOrder>(`/api/repair-orders/${id}/settlement`, body, idempotencyKey),
  reverse: (settlementId: number, reason: string) => api.post<RepairOrder>(`/api/settlements/${settlementId}/reverse`, { reason }),
  deliver: (id: number, signature: string | null, version: number) => api.post<RepairOrder>(`/api/repair-orders/${id}/deliver`, { signature, version }),
  reminder: (id: number, kind: 'progress_check' | 'pickup_notice', version: number) =>
    api.post<RepairOrder>(`/api/repair-orders/${id}/reminders`, { kind, version }),
  advisorHome: (signal?: AbortSignal) => api.get<AdvisorHome>('/api/advisor/home', undefined, signal),
  settlementDue: (params: ListParams, signal?: AbortSignal) => api.get<Page<SettlementDue>>('/api/repair-orders/settlement-due', params, signal),
  markReminded: (appointmentId: number) => api.post<unknown>(`/api/appointments/${appointmentId}/reminded`),
  parts: (q: string, signal?: AbortSignal) => api.get<Page<Part>>('/api/parts', { q: q || undefined, page: 1, pageSize: 20, active: 'true' } as QueryParams, signal),
};

/**
 * The settlement POST with its `Idempotency-Key` header: the same key for every retry of one
 * settlement dialog, so a double click or a network retry settles exactly once. (lib/api has no
 * per-call headers, so this one call is made here, answering errors the same way.)
 */
async function settleRequest<T>(path: string, body: unknown, key: string): Promise<T> {
  const lang = currentLang();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', COMMON.networkError[lang]);
  }
  if (response.ok) return (await response.json()) as T;
  try {
    const parsed = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const e = parsed.error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') {
      const d = e.details as { fields?: unknown } | undefined;
      const fields = Array.isArray(d?.fields) ? (d.fields as FieldError[]).filter((f) => typeof f?.path === 'string' && typeof f?.message === 'string') : [];
      throw new ApiError(response.status, e.code, e.message, fields, e.details);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
  }
  throw new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'HTTP', COMMON.serverError[lang]);
}

export function roQueryKey(id: number | null) {
  return [RO_KEY, 'record', id] as const;
}

export function useRo(id: number | null) {
  return useQuery({
    queryKey: roQueryKey(id),
    queryFn: ({ signal }) => roApi.get(id!, signal),
    enabled: id !== null,
  });
}

/**
 * A change of one RO: the answer is the RO itself, written into its cache entry; lists, the advisor's
 * home and the approval queues refetch.
 */
export function useRoMutation<V>(id: number, fn: (vars: V) => Promise<RepairOrder>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (ro) => {
      client.setQueryData(roQueryKey(id), ro);
      invalidateRoLists(client);
    },
  });
}

/** Everything listing ROs or their documents, after a change of one. */
export function invalidateRoLists(client: ReturnType<typeof useQueryClient>) {
  void client.invalidateQueries({ queryKey: [RO_KEY, 'list'] });
  for (const key of [ADVISOR_HOME_KEY, DECLINED_KEY, DISCOUNT_KEY, SETTLEMENT_DUE_KEY, 'vehicles', 'appointments']) void client.invalidateQueries({ queryKey: [key] });
}
