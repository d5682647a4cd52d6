// The JSON body parser. Besides malformed JSON it refuses any object key named `__proto__`,
// `constructor` or `prototype`, at any depth: such keys are how prototype-pollution payloads
// travel into merges and `$set` updates, and no Tessera document legitimately uses them.
// (fastify's secure-json-parse only catches `__proto__` and `constructor.prototype`.)
// It also refuses JSON nested deeper than MAX_JSON_DEPTH, before parsing it: everything that
// reads a body afterwards (validation, the form engine, the store's encoder) recurses, and a
// 10,000-deep array overflowed the stack into a 500.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/**
 * The deepest nesting of arrays and objects a body may have. Formulas are stored as json-logic,
 * two levels per operation, and may nest 100 operations (MAX_FORMULA_NESTING), inside an app
 * package, a form, tabs and sections: 256 leaves room for all of that, and is far below where
 * recursion overflows.
 */
export const MAX_JSON_DEPTH = 256;

/** The first place (character index) where a JSON text nests deeper than `max`, or -1. Strings are skipped. */
export function tooDeepAt(text: string, max: number): number {
  if (text.length <= max) return -1; // needs more than `max` brackets
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: to its closing quote, stepping over escapes
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Only texts that could spell a forbidden key (directly or through a \u escape) are walked.
const MIGHT_HOLD_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/** Parses a JSON text as a request body, or throws a 400 AppError. Empty text → undefined. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0 || text.trim() === '') return undefined;
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    throw new AppError(
      'BAD_REQUEST',
      { 'zh-CN': `请求体的 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`, 'en-US': `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels` },
      [{ code: 'json_depth', message: `deeper than ${MAX_JSON_DEPTH} levels at character ${deep + 1}`, params: { limit: MAX_JSON_DEPTH, position: deep } }],
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError('BAD_REQUEST', { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'Malformed JSON body' }, [
      { code: 'json', message: (err as Error).message },
    ]);
  }
  if (MIGHT_HOLD_FORBIDDEN.test(text)) {
    const path = findForbiddenKey(value, '');
    if (path !== null) {
      throw new AppError('BAD_REQUEST', { 'zh-CN': '请求体包含禁止使用的键', 'en-US': 'Forbidden key in JSON body' }, [
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
