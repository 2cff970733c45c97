/**
 * Services throw AppError with a code; this table is the only place that turns codes into HTTP
 * statuses. Messages are shown to users, so they are written for them (Chinese first).
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ILLEGAL_TRANSITION: 409,
  DUPLICATE: 409,
  SLOT_FULL: 409,
  IDEMPOTENCY_MISMATCH: 422,
  UNPROCESSABLE: 422,
  TOO_MANY_ATTEMPTS: 429,
  DATA_DIR_LOCKED: 500,
  UNSAFE_DATABASE_ROLE: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A user-facing text in both UI languages; a plain string is used for both. */
export type Bilingual = string | { zh: string; en: string };

export class AppError extends Error {
  readonly text: { zh: string; en: string };
  constructor(
    readonly code: ErrorCode,
    message: Bilingual,
    readonly details?: unknown,
  ) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(text.en);
    this.text = text;
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: { zh: string; en: string }) =>
  new AppError('NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });

/** A field-level validation failure raised by a service (same body shape as a ZodError's 400). */
export function invalidField(path: string, message: { zh: string; en: string }): AppError {
  return new AppError('VALIDATION', { zh: `${path}: ${message.zh}`, en: `${path}: ${message.en}` }, {
    fields: [{ path, message }],
  });
}

/** Optimistic versioning: the row changed since the editor read it (DESIGN §5). */
export const staleVersion = () =>
  new AppError('STALE_VERSION', {
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  });
