import type { Page } from '#contracts/common';
import type { Certification, CertificationCreate, StaffMember, StaffProfileUpdate } from '#contracts/staff';
import { api, type ListParams } from '../../lib/api';

export const STAFF_KEY = 'staff';

export const staffApi = {
  key: STAFF_KEY,
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<StaffMember>>('/api/staff', params, signal),
  get: (userId: number) => api.get<StaffMember>(`/api/staff/${userId}`),
  updateProfile: (userId: number, body: StaffProfileUpdate) => api.put<StaffMember>(`/api/staff/${userId}`, body),
  addCertification: (userId: number, body: CertificationCreate) => api.post<Certification>(`/api/staff/${userId}/certifications`, body),
  deleteCertification: (userId: number, id: number) => api.delete<{ ok: true }>(`/api/staff/${userId}/certifications/${id}`),
};

/** Days until a certificate expires, seen from the store's today (`YYYY-MM-DD` strings). */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A certificate expiring within this many days is flagged 即将到期. */
export const EXPIRING_SOON_DAYS = 60;

export type CertificationState = 'valid' | 'expiring' | 'expired';

export function certificationState(cert: Certification, today: string): CertificationState {
  if (cert.expired) return 'expired';
  if (cert.expiresOn && daysUntil(cert.expiresOn, today) <= EXPIRING_SOON_DAYS) return 'expiring';
  return 'valid';
}
