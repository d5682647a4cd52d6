// The JSON body parser. Besides malformed JSON it refuses any object key named `__proto__`,
// `constructor` or `prototype`, at any depth: such keys are how prototype-pollution payloads
// travel into merges and `$set` updates, and no Tessera document legitimately uses them.
// (fastify's secure-json-parse only catches `__proto__` and `constructor.prototype`.)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Only texts that could spell a forbidden key (directly or through a \u escape) are walked.
const MIGHT_HOLD_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/** Parses a JSON text as a request body, or throws a 400 AppError. Empty text → undefined. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0 || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError('BAD_REQUEST', 'Malformed JSON body / 请求体不是合法的 JSON', [
      { code: 'json', message: (err as Error).message },
    ]);
  }
  if (MIGHT_HOLD_FORBIDDEN.test(text)) {
    const path = findForbiddenKey(value, '');
    if (path !== null) {
      throw new AppError('BAD_REQUEST', 'Forbidden key in JSON body / 请求体包含禁止使用的键', [
        { path, code: 'forbidden_key', message: `The key "${path.split('/').pop()}" is not allowed` },
      ]);
    }
  }
  return value;
}

function findForbiddenKey(value: unknown, path: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findForbiddenKey(value[i], `${path}/${i}`);
      if (hit !== null) return hit;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path}/${key}`;
    const hit = findForbiddenKey((value as Record<string, unknown>)[key], `${path}/${key}`);
    if (hit !== null) return hit;
  }
  return null;
}

/**
 * Replaces fastify's JSON and text parsers: JSON (`application/json` and `…+json`) goes through
 * `parseJsonBody`; every other content type is left unparsed, so it is answered with 415
 * unless a plugin (multipart uploads) registers its own parser.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parse = (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      done(null, parseJsonBody(typeof body === 'string' ? body : body.toString('utf8')));
    } catch (err) {
      done(err as Error, undefined);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, parse);
}
