import type { Page } from '#contracts/common';
import type { z } from 'zod';
import type {
  AssignResult,
  Board,
  ChecklistItem,
  ComebackCreate,
  Comeback,
  DispatchBoard,
  FaultCase,
  FaultCaseInputSchema,
  Incident,
  IncidentInputSchema,
  Job,
  JobAction,
  JobDetail,
  JobPauseReason,
  QcLevel,
  WorkshopQualityReport,
  TechnicianDay,
} from '#contracts/workshop';
import type { JobType } from '#contracts/stores';
import { api, type ListParams } from '../../lib/api';

/** Query-key roots: a change of a job refreshes the dispatcher's screen, my jobs, QC and the board. */
export const WORKSHOP_KEY = 'workshop';
export const CASES_KEY = 'fault-cases';
export const INCIDENTS_KEY = 'incidents';

export type FaultCaseInput = z.input<typeof FaultCaseInputSchema>;
export type IncidentInput = z.input<typeof IncidentInputSchema>;
export interface QcResult {
  code: string;
  pass: boolean;
  remark: string;
}

const QC_PATH: Record<QcLevel, string> = { self: 'self-check', team: 'team-check', final: 'final-inspection' };

export const workshopApi = {
  dispatch: (signal?: AbortSignal) => api.get<DispatchBoard>('/api/workshop/dispatch', undefined, signal),
  assign: (body: { lineId: number; bayId: number | null; technicianIds: number[] }) => api.post<AssignResult>('/api/workshop/jobs', body),
  reassign: (id: number, body: { bayId: number | null; technicianIds: number[]; reason?: string; version: number }) => api.put<AssignResult>(`/api/workshop/jobs/${id}/assignment`, body),
  reopen: (id: number, reason: string, version: number) => api.post<Job>(`/api/workshop/jobs/${id}/reopen`, { reason, version }),
  myJobs: (signal?: AbortSignal) => api.get<Job[]>('/api/workshop/my-jobs', undefined, signal),
  job: (id: number, signal?: AbortSignal) => api.get<JobDetail>(`/api/workshop/jobs/${id}`, undefined, signal),
  act: (id: number, body: { action: JobAction; pauseReason?: JobPauseReason | null; note?: string; version: number }) => api.post<Job>(`/api/workshop/jobs/${id}/actions`, body),
  inspect: (id: number, level: QcLevel, body: { items: QcResult[]; remarks: string; wash?: boolean; version: number }) => api.post<Job>(`/api/workshop/jobs/${id}/${QC_PATH[level]}`, body),
  checklist: (jobType: JobType) => api.get<ChecklistItem[]>('/api/workshop/checklists', { jobType }),
  saveChecklist: (jobType: JobType, items: { text: string }[]) => api.put<ChecklistItem[]>('/api/workshop/checklists', { jobType, items }),
  board: (signal?: AbortSignal) => api.get<Board>('/api/workshop/board', undefined, signal),
  technicianDays: (from: string, to: string) => api.get<TechnicianDay[]>('/api/workshop/technician-days', { from, to }),
  attendance: (body: { userId: number; day: string; hours: number }) => api.put<{ userId: number; day: string; hours: string }>('/api/workshop/attendance', body),
  quality: (from: string, to: string) => api.get<WorkshopQualityReport>('/api/workshop/quality', { from, to }),
  comebacks: (from: string, to: string) => api.get<Comeback[]>('/api/workshop/comebacks', { from, to }),
  recordComeback: (body: ComebackCreate) => api.post<Comeback>('/api/workshop/comebacks', body),
  cases: (params: ListParams, signal?: AbortSignal) => api.get<Page<FaultCase>>('/api/workshop/cases', params, signal),
  getCase: (id: number) => api.get<FaultCase>(`/api/workshop/cases/${id}`),
  createCase: (body: FaultCaseInput) => api.post<FaultCase>('/api/workshop/cases', body),
  updateCase: (id: number, body: FaultCaseInput & { version: number }) => api.put<FaultCase>(`/api/workshop/cases/${id}`, body),
  incidents: (params: ListParams, signal?: AbortSignal) => api.get<Page<Incident>>('/api/workshop/incidents', params, signal),
  getIncident: (id: number) => api.get<Incident>(`/api/workshop/incidents/${id}`),
  createIncident: (body: IncidentInput) => api.post<Incident>('/api/workshop/incidents', body),
  updateIncident: (id: number, body: IncidentInput & { version: number }) => api.put<Incident>(`/api/workshop/incidents/${id}`, body),
};

/** A photo from the tablet camera as a JPEG data URL, scaled down to at most `max` px (weak Wi-Fi). */
export function photoDataUrl(file: File, max = 1280): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const img = new Image();
      img.onerror = () => reject(new Error('image'));
      img.onload = () => {
        const scale = Math.min(1, max / Math.max(img.width, img.height));
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(img.width * scale);
        canvas.height = Math.round(img.height * scale);
        canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
        resolve(canvas.toDataURL('image/jpeg', 0.8));
      };
      img.src = String(reader.result);
    };
    reader.readAsDataURL(file);
  });
}
