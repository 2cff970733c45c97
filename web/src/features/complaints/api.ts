import type { Page } from '#contracts/common';
import type { Complaint, ComplaintCreate, ComplaintDepartmentRow, ComplaintDetail, ComplaintStepInput, ComplaintWeekly } from '#contracts/complaints';
import { api, downloadFile, type ListParams, type QueryParams } from '../../lib/api';

/** Query-key root: every write reloads every complaint list, detail and figure. */
export const COMPLAINTS_KEY = 'complaints';

export const complaintsApi = {
  key: COMPLAINTS_KEY,
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<Complaint>>('/api/complaints', params, signal),
  get: (id: number) => api.get<ComplaintDetail>(`/api/complaints/${id}`),
  create: (body: Partial<ComplaintCreate>) => api.post<ComplaintDetail>('/api/complaints', body),
  step: (id: number, body: ComplaintStepInput) => api.post<ComplaintDetail>(`/api/complaints/${id}/steps`, body),
  weekly: (from: string, to: string) => api.get<ComplaintWeekly>('/api/complaints/weekly', { from, to }),
  byDepartment: (from: string, to: string) => api.get<ComplaintDepartmentRow[]>('/api/complaints/by-department', { from, to }),
  exportXlsx: (params: QueryParams) => downloadFile('/api/complaints/export.xlsx', params, 'complaints.xlsx'),
};
