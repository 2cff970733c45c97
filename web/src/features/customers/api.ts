import type { Page } from '#contracts/common';
import type { CappedPage, Customer, CustomerCreate, CustomerUpdate, RevealedPhones } from '#contracts/customers';
import type {
  CustomerDetail,
  OdometerCreate,
  TimelineEvent,
  Vehicle,
  VehicleCreate,
  VehiclePage,
  VehicleUpdate,
} from '#contracts/customers-vehicles';
import type {
  DuplicateCandidate,
  ImportReport,
  MergeResult,
  QualityReport,
  SearchResponse,
  Segment,
  SegmentCounts,
  SegmentCreate,
  SegmentFilter,
  SegmentUpdate,
} from '#contracts/customers-tools';
import { api, downloadFile, isApiError, type ListParams, type QueryParams } from '../../lib/api';

/** Query-key roots: saving a customer refreshes every customer list and page, and so on. */
export const CUSTOMERS_KEY = 'customers';
export const VEHICLES_KEY = 'vehicles';
export const SEGMENTS_KEY = 'segments';
export const SEARCH_KEY = 'search';

export const customersApi = {
  key: CUSTOMERS_KEY,
  list: (params: ListParams, signal?: AbortSignal) => api.get<CappedPage<Customer>>('/api/customers', params, signal),
  get: (id: number) => api.get<CustomerDetail>(`/api/customers/${id}`),
  create: (body: CustomerCreate) => api.post<Customer>('/api/customers', body),
  update: (id: number, body: CustomerUpdate) => api.put<Customer>(`/api/customers/${id}`, body),
  timeline: (id: number, query: QueryParams, signal?: AbortSignal) => api.get<Page<TimelineEvent>>(`/api/customers/${id}/timeline`, query, signal),
  revealPhones: (id: number) => api.post<RevealedPhones>(`/api/customers/${id}/reveal-phone`),
  /** Merges the file `id` into `intoId`, which survives. */
  merge: (id: number, intoId: number) => api.post<MergeResult>(`/api/customers/${id}/merge`, { intoId }),
  quality: (signal?: AbortSignal) => api.get<QualityReport>('/api/customers/quality', undefined, signal),
  exportXlsx: (params: QueryParams) => downloadFile('/api/customers/export.xlsx', params, 'customers.xlsx'),
  downloadTemplate: () => downloadFile('/api/customers/import-template', undefined, 'customer-import-template.xlsx'),
  import: (file: Blob, dryRun: boolean) => api.upload<ImportReport>('/api/customers/import', file, { dryRun: dryRun ? 'true' : 'false' }),
};

export const vehiclesApi = {
  key: VEHICLES_KEY,
  list: (params: ListParams, signal?: AbortSignal) => api.get<CappedPage<Vehicle>>('/api/vehicles', params, signal),
  get: (id: number) => api.get<VehiclePage>(`/api/vehicles/${id}`),
  create: (body: VehicleCreate) => api.post<VehiclePage>('/api/vehicles', body),
  update: (id: number, body: VehicleUpdate) => api.put<VehiclePage>(`/api/vehicles/${id}`, body),
  addReading: (id: number, body: OdometerCreate) => api.post<VehiclePage>(`/api/vehicles/${id}/odometer-readings`, body),
  timeline: (id: number, query: QueryParams, signal?: AbortSignal) => api.get<Page<TimelineEvent>>(`/api/vehicles/${id}/timeline`, query, signal),
  merge: (id: number, intoId: number) => api.post<MergeResult>(`/api/vehicles/${id}/merge`, { intoId }),
};

export const segmentsApi = {
  key: SEGMENTS_KEY,
  list: () => api.get<Segment[]>('/api/segments'),
  get: (id: number) => api.get<Segment>(`/api/segments/${id}`),
  create: (body: SegmentCreate) => api.post<Segment>('/api/segments', body),
  update: (id: number, body: SegmentUpdate) => api.put<Segment>(`/api/segments/${id}`, body),
  preview: (filter: SegmentFilter) => api.post<SegmentCounts>('/api/segments/preview', { filter }),
  vehicles: (id: number, params: ListParams, signal?: AbortSignal) => api.get<Page<Vehicle>>(`/api/segments/${id}/vehicles`, params, signal),
};

export const searchApi = {
  search: (q: string, signal?: AbortSignal, limit = 10) => api.get<SearchResponse>('/api/search', { q, limit }, signal),
};

/** The candidates of a 409 DUPLICATE answer (same mobile, VIN or plate), or null for any other error. */
export function duplicatesOf(error: unknown): DuplicateCandidate[] | null {
  if (!isApiError(error) || error.code !== 'DUPLICATE') return null;
  const details = error.details as { candidates?: unknown } | undefined;
  return Array.isArray(details?.candidates) ? (details.candidates as DuplicateCandidate[]) : [];
}
