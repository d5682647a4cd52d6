// The reader's language: `Accept-Language` starting with "en" reads English, anything else
// (or nothing) Chinese, the product's first language.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '@tessera/form-engine';

export function localeOfHeader(header: string | string[] | undefined): Locale {
  const first = Array.isArray(header) ? header[0] : header;
  return /^\s*en/i.test(first ?? '') ? 'en-US' : 'zh-CN';
}

export function requestLocale(request: FastifyRequest): Locale {
  return localeOfHeader(request.headers['accept-language']);
}
