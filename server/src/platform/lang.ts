import type { FastifyRequest } from 'fastify';
import type { Lang } from '#contracts/messages';

/** The UI language of a request: the web client sends its switch as Accept-Language. */
export function requestLang(request: FastifyRequest): Lang {
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'zh';
}
