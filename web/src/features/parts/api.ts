import type { QueryClient } from '@tanstack/react-query';
import type { Page } from '#contracts/common';
import type {
  CounterSale,
  ManualReceipt,
  Movement,
  MovementResult,
  Part,
  PartCreate,
  PartImportReport,
  PartStock,
  Scrap,
  StockItem,
} from '#contracts/parts';
import type { PartsFigures, SlowMovingList } from '#contracts/parts-figures';
import type { OldPart, OldPartUpdate } from '#contracts/parts-old-parts';
import type { OrderSuggestions, PurchaseOrder, PurchaseOrderCreate, ReceiptCreate, ReceiptResult } from '#contracts/parts-purchasing';
import type { Issue, PartRequest, PartRequestCreate, Return } from '#contracts/parts-requests';
import type { CountsInput, Stocktake, StocktakeCreate, StocktakeSheet, VarianceReport } from '#contracts/parts-stocktake';
import type { Transfer, TransferCreate } from '#contracts/parts-transfers';
import type { Store } from '#contracts/stores';
import type { UpdateOf } from '../../components/form/RecordDrawer';
import { api, downloadFile, resource, type ListParams, type QueryParams } from '../../lib/api';

/**
 * The parts module's API (server/src/modules/parts). Every query key starts with `parts`, so one
 * stock-changing action refreshes every parts screen (`refreshParts`).
 */
export const partsApi = resource<Part, PartCreate, UpdateOf<PartCreate>>('parts', '/api/parts');

export const catalogFiles = {
  template: () => downloadFile('/api/parts/import-template', undefined, '配件目录导入模板.xlsx'),
  export: (params: QueryParams) => downloadFile('/api/parts/export.xlsx', params, '配件目录.xlsx'),
  import: (file: Blob, dryRun: boolean) => api.upload<PartImportReport>('/api/parts/import', file, { dryRun: String(dryRun) }),
};

export const STOCK_KEY = 'parts-stock';
export const stockApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<StockItem> & { totalCapped: boolean }>('/api/parts/stock', params, signal),
  ofPart: (id: number) => api.get<PartStock>(`/api/parts/${id}/stock`),
  movements: (id: number, params: QueryParams, signal?: AbortSignal) => api.get<Page<Movement>>(`/api/parts/${id}/movements`, params, signal),
  receive: (body: ManualReceipt) => api.post<MovementResult>('/api/parts/stock/receive', body),
  counterSale: (body: CounterSale) => api.post<MovementResult>('/api/parts/stock/counter-sale', body),
  scrap: (body: Scrap) => api.post<MovementResult>('/api/parts/stock/scrap', body),
};

export const REQUESTS_KEY = 'parts-requests';
export const requestsApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<PartRequest>>('/api/parts/requests', params, signal),
  create: (body: PartRequestCreate) => api.post<PartRequest>('/api/parts/requests', body),
  issue: (id: number, body: Issue) => api.post<PartRequest>(`/api/parts/requests/${id}/issue`, body),
  return: (id: number, body: Return) => api.post<PartRequest>(`/api/parts/requests/${id}/return`, body),
  cancel: (id: number, reason: string) => api.post<PartRequest>(`/api/parts/requests/${id}/cancel`, { reason }),
  fitted: (id: number, body: { fitted: string }) => api.post<PartRequest>(`/api/parts/requests/${id}/fitted`, body),
};

export const ORDERS_KEY = 'parts-orders';
export const ordersApi = {
  suggestions: (params: QueryParams) => api.get<OrderSuggestions>('/api/parts/order-suggestions', params),
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<PurchaseOrder>>('/api/parts/purchase-orders', params, signal),
  get: (id: number) => api.get<PurchaseOrder>(`/api/parts/purchase-orders/${id}`),
  create: (body: PurchaseOrderCreate) => api.post<PurchaseOrder>('/api/parts/purchase-orders', body),
  update: (id: number, body: PurchaseOrderCreate & { version: number }) => api.put<PurchaseOrder>(`/api/parts/purchase-orders/${id}`, body),
  place: (id: number, version: number) => api.post<PurchaseOrder>(`/api/parts/purchase-orders/${id}/order`, { version }),
  cancel: (id: number, version: number, reason: string) => api.post<PurchaseOrder>(`/api/parts/purchase-orders/${id}/cancel`, { version, reason }),
  approve: (id: number, version: number, note: string) => api.post<PurchaseOrder>(`/api/parts/purchase-orders/${id}/approve`, { version, note }),
  receive: (id: number, body: ReceiptCreate) => api.post<ReceiptResult>(`/api/parts/purchase-orders/${id}/receipts`, body),
};

export const TRANSFERS_KEY = 'parts-transfers';
export const transfersApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<Transfer>>('/api/parts/transfers', params, signal),
  create: (body: TransferCreate) => api.post<Transfer>('/api/parts/transfers', body),
  stores: () => api.get<Store[]>('/api/stores'),
};

export const OLD_PARTS_KEY = 'parts-old';
export const oldPartsApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<OldPart>>('/api/parts/old-parts', params, signal),
  update: (id: number, body: OldPartUpdate) => api.put<OldPart>(`/api/parts/old-parts/${id}`, body),
  return: (id: number, version: number, waybillNo: string) => api.post<OldPart>(`/api/parts/old-parts/${id}/return`, { version, waybillNo }),
  scrap: (id: number, version: number, reason: string) => api.post<OldPart>(`/api/parts/old-parts/${id}/scrap`, { version, reason }),
};

export const STOCKTAKES_KEY = 'parts-stocktakes';
export const stocktakesApi = {
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<Stocktake>>('/api/parts/stocktakes', params, signal),
  create: (body: StocktakeCreate) => api.post<Stocktake>('/api/parts/stocktakes', body),
  sheet: (id: number) => api.get<StocktakeSheet>(`/api/parts/stocktakes/${id}/sheet`),
  counts: (id: number, body: CountsInput) => api.post<StocktakeSheet>(`/api/parts/stocktakes/${id}/counts`, body),
  variance: (id: number) => api.get<VarianceReport>(`/api/parts/stocktakes/${id}/variance`),
  approve: (id: number, version: number, note: string) => api.post<VarianceReport>(`/api/parts/stocktakes/${id}/approve`, { version, note }),
  cancel: (id: number, version: number, reason: string) => api.post<Stocktake>(`/api/parts/stocktakes/${id}/cancel`, { version, reason }),
};

export const FIGURES_KEY = 'parts-figures';
export const figuresApi = {
  get: (month?: string) => api.get<PartsFigures>('/api/parts/figures', { month }),
  slowMoving: (limit = 200) => api.get<SlowMovingList>('/api/parts/figures/slow-moving', { limit }),
};

/** After anything that moves stock or changes a document: every parts screen reloads what it shows. */
export function refreshParts(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('parts') });
}
