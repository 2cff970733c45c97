import type { Page } from '#contracts/common';
import { COMMON, currentLang } from './i18n';

/** One field of a 400's `details.fields`: `path` is dotted (`memberships.0.role`). */
export interface FieldError {
  path: string;
  in?: string;
  message: string;
}

/** Every failed call: the server's `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isStaleVersion(): boolean {
    return this.code === 'STALE_VERSION';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

let unauthenticatedHandler: (() => void) | null = null;
/** The app decides what a 401 means (back to the sign-in page); set once at start-up. */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function fieldsOf(details: unknown): FieldError[] {
  if (!details || typeof details !== 'object' || !('fields' in details) || !Array.isArray(details.fields)) return [];
  return details.fields.filter(
    (f): f is FieldError => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string',
  );
}

async function errorOf(response: Response): Promise<ApiError> {
  const lang = currentLang();
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const e = body.error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') {
      return new ApiError(response.status, e.code, e.message, fieldsOf(e.details), e.details);
    }
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic message.
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'HTTP', COMMON.serverError[lang]);
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const lang = currentLang();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' };
  // A file (Blob) is sent as it is, with its own type; anything else as JSON.
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = raw ? (options.body as Blob).type || 'application/octet-stream' : 'application/json';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', COMMON.networkError[lang]);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    // A failed sign-in is also a 401, but it is an answer for the form, not a lost session.
    if (response.status === 401 && !path.startsWith('/api/auth/login')) unauthenticatedHandler?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the raw request body (an Excel import), answered with JSON. */
  upload: <T>(path: string, file: Blob, query?: QueryParams, signal?: AbortSignal) => request<T>('POST', path, { body: file, query, signal }),
};

/** `filename*=UTF-8''…` (or `filename="…"`) of a Content-Disposition header. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall back to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * Downloads a file the server generates (an Excel export, an import template) and saves it under
 * the server's file name. Errors are ApiErrors like any call's, so the page can say what went wrong.
 */
export async function downloadFile(path: string, query?: QueryParams, fallbackName = 'download'): Promise<string> {
  const lang = currentLang();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { credentials: 'same-origin', headers: { 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' } });
  } catch {
    throw new ApiError(0, 'NETWORK', COMMON.networkError[lang]);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) unauthenticatedHandler?.();
    throw error;
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The query of every list endpoint (`?page=1&pageSize=20&sort=…&order=…&q=…&<filters>`). */
export interface ListParams extends QueryParams {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
  q?: string;
}

/** GET list / GET one / POST / PUT of a master-data resource such as `/api/bays`. */
export interface Resource<R, C, U> {
  /** Query-key root: lists and records of the resource are cached under it. */
  key: string;
  list(params: ListParams, signal?: AbortSignal): Promise<Page<R>>;
  get(id: number): Promise<R>;
  create(body: C): Promise<R>;
  update(id: number, body: U): Promise<R>;
}

export function resource<R, C, U>(key: string, base: string): Resource<R, C, U> {
  return {
    key,
    list: (params, signal) => api.get<Page<R>>(base, params, signal),
    get: (id) => api.get<R>(`${base}/${id}`),
    create: (body) => api.post<R>(base, body),
    update: (id, body) => api.put<R>(`${base}/${id}`, body),
  };
}
