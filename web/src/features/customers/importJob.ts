import { useSyncExternalStore } from 'react';
import type { ImportReport } from '#contracts/customers-tools';
import { customersApi } from './api';

/**
 * The Excel import as a job that outlives the page: the check and the import are single requests,
 * kept here (outside React) so the user can leave the page while one runs, come back to its
 * progress, or be told when it finished elsewhere.
 */
export type ImportPhase = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

export interface ImportJob {
  /** `user:store` of whoever started it: another sign-in in this tab starts clean. */
  owner: string | null;
  phase: ImportPhase;
  file: File | null;
  check: ImportReport | null;
  result: ImportReport | null;
  error: string | null;
  startedAt: number | null;
  finishedAt: number | null;
}

const IDLE: ImportJob = { owner: null, phase: 'idle', file: null, check: null, result: null, error: null, startedAt: null, finishedAt: null };
let job: ImportJob = IDLE;
const listeners = new Set<() => void>();
let viewers = 0;

function set(next: Partial<ImportJob>) {
  job = { ...job, ...next };
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportJob(): ImportJob {
  return useSyncExternalStore(subscribe, () => job);
}

/** The import page counts itself in while shown: a job finishing with nobody watching notifies. */
export function watchImport(): () => void {
  viewers++;
  return () => {
    viewers--;
  };
}

export function chooseFile(file: File | null, owner: string) {
  if (job.phase === 'checking' || job.phase === 'importing') return;
  set({ ...IDLE, file, owner });
}

export function resetImport() {
  if (job.phase === 'checking' || job.phase === 'importing') return;
  set(IDLE);
}

export async function checkFile(): Promise<void> {
  const file = job.file;
  if (!file || job.phase === 'checking' || job.phase === 'importing') return;
  set({ phase: 'checking', error: null, check: null, result: null, startedAt: Date.now(), finishedAt: null });
  try {
    const check = await customersApi.import(file, true);
    if (job.file === file) set({ phase: 'checked', check, finishedAt: Date.now() });
  } catch (err) {
    if (job.file === file) set({ phase: 'idle', error: err instanceof Error ? err.message : String(err), finishedAt: Date.now() });
  }
}

/** Runs the import; `notify` is called when it ends while the page is not shown. */
export async function runImport(notify: (outcome: { report: ImportReport } | { error: string }) => void): Promise<ImportReport | null> {
  const file = job.file;
  if (!file || job.phase !== 'checked') return null;
  set({ phase: 'importing', error: null, startedAt: Date.now(), finishedAt: null });
  try {
    const result = await customersApi.import(file, false);
    set({ phase: 'done', result, finishedAt: Date.now() });
    if (viewers === 0) notify({ report: result });
    return result;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    // Nothing was written (one transaction): back to the checked file, with the reason.
    set({ phase: 'checked', error, finishedAt: Date.now() });
    if (viewers === 0) notify({ error });
    return null;
  }
}
