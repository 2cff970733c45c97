import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  Appointment,
  AppointmentCreate,
  AppointmentOutcome,
  AppointmentStats,
  AppointmentUpdate,
  Slot,
  SlotCapacity,
} from '#contracts/appointments';
import type { Page } from '#contracts/common';
import type { JobType } from '#contracts/stores';
import { api, type ListParams } from '../../lib/api';

/** Query-key roots: a booking refreshes the register, the calendar and the slots. */
export const APPOINTMENTS_KEY = 'appointments';
export const SLOTS_KEY = 'appointment-slots';

export const appointmentsApi = {
  key: APPOINTMENTS_KEY,
  list: (params: ListParams, signal?: AbortSignal) => api.get<Page<Appointment>>('/api/appointments', params, signal),
  get: (id: number) => api.get<Appointment>(`/api/appointments/${id}`),
  create: (body: AppointmentCreate) => api.post<Appointment>('/api/appointments', body),
  update: (id: number, body: AppointmentUpdate) => api.put<Appointment>(`/api/appointments/${id}`, body),
  outcome: (id: number, body: AppointmentOutcome) => api.post<Appointment>(`/api/appointments/${id}/outcome`, body),
  reminded: (id: number) => api.post<Appointment>(`/api/appointments/${id}/reminded`),
  stats: (from: string, to: string) => api.get<AppointmentStats>('/api/appointments/stats', { from, to }),
  slots: (query: { from: string; to: string; jobType?: JobType }, signal?: AbortSignal) => api.get<Slot[]>('/api/appointment-slots', query, signal),
  setCapacity: (body: SlotCapacity) => api.put<Slot>('/api/appointment-slots', body),
};

/** After any write: every list, page and slot grid of appointments reloads. */
export function useRefreshAppointments() {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all([client.invalidateQueries({ queryKey: [APPOINTMENTS_KEY] }), client.invalidateQueries({ queryKey: [SLOTS_KEY] })]);
  }, [client]);
}
