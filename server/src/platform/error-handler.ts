import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMessageKey, MESSAGES, type Lang } from '#contracts/messages';
import { AppError } from './errors';
import { requestLang } from './lang';

const zodLocales = { zh: z.locales.zhCN(), en: z.locales.en() };

export interface FieldError {
  path: string;
  in?: string;
  message: string;
}

function issueMessage(issue: { code: string; message: string } & Record<string, unknown>, lang: Lang): string {
  if (isMessageKey(issue.message)) return MESSAGES[issue.message][lang];
  const text = zodLocales[lang].localeError(issue as never);
  return typeof text === 'string' ? text : (text?.message ?? issue.message);
}

const GENERIC = {
  VALIDATION: { zh: '请求参数有误', en: 'The request has invalid fields' },
  CONFLICT: { zh: '数据冲突：记录已存在或已被他人修改', en: 'Conflict: the record exists or was changed by someone else' },
  REFERENCE: { zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  INTERNAL: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error, please try again later' },
  NOT_FOUND: { zh: '接口不存在', en: 'No such endpoint' },
};

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: details === undefined ? { code, message } : { code, message, details } });
}

/** PostgreSQL error of the driver (pg) or PGlite, possibly wrapped by Drizzle in `cause`. */
function pgError(err: unknown): { code: string; constraint?: string } | null {
  for (let e = err as { code?: unknown; cause?: unknown; constraint?: string } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
    e = e.cause as typeof e;
  }
  return null;
}

/**
 * One handler for every error: AppError by its code's status, validation as 400 with the fields,
 * unique/exclusion violations as 409, and nothing of a 5xx's internals in the body.
 */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(request);
  if (err instanceof AppError) {
    if (err.status >= 500) request.log.error({ err }, 'app error');
    return send(reply, err.status, err.code, err.text[lang], localizeDetails(err.details, lang));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: FieldError[] = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      in: err.validationContext,
      message: issueMessage({ code: v.keyword, message: v.message ?? '', ...(v.params as object) }, lang),
    }));
    const first = fields[0];
    const sep = lang === 'zh' ? '：' : ': ';
    const message = first ? `${GENERIC.VALIDATION[lang]}${sep}${first.path || err.validationContext} ${first.message}` : GENERIC.VALIDATION[lang];
    return send(reply, 400, 'VALIDATION', message, { fields });
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return send(reply, 500, 'INTERNAL', GENERIC.INTERNAL[lang]);
  }
  const pg = pgError(err);
  if (pg && (pg.code === '23505' || pg.code === '23P01' || pg.code === '40001')) {
    return send(reply, 409, 'CONFLICT', GENERIC.CONFLICT[lang], pg.constraint ? { constraint: pg.constraint } : undefined);
  }
  if (pg && pg.code === '23503') return send(reply, 409, 'CONFLICT', GENERIC.REFERENCE[lang]);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
    return send(reply, err.statusCode, err.statusCode === 400 ? 'VALIDATION' : (err.code ?? 'BAD_REQUEST'), err.message);
  }
  request.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'INTERNAL', GENERIC.INTERNAL[lang]);
}

/** AppError details may carry bilingual field messages; send the request's language. */
function localizeDetails(details: unknown, lang: Lang): unknown {
  if (!details || typeof details !== 'object' || !('fields' in details) || !Array.isArray(details.fields)) return details;
  return {
    ...details,
    fields: (details.fields as { path: string; message: string | { zh: string; en: string } }[]).map((f) => ({
      ...f,
      message: typeof f.message === 'string' ? f.message : f.message[lang],
    })),
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'NOT_FOUND', GENERIC.NOT_FOUND[requestLang(request)]);
}
