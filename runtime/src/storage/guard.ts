// Defence in depth for both adapters: filters and updates that reach a store are checked here
// even though the HTTP layer compiles client filters through its own allow-list. Code
// execution operators and prototype keys never reach the query engine.
import { BSON } from 'mongodb';
import { StoreError, type Filter, type Update } from './types';

const FORBIDDEN_OPERATORS = new Set(['$where', '$function', '$accumulator', '$expr', '$jsonSchema']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LIST_OPERATORS = new Set(['$and', '$or', '$nor']);
export const UPDATE_OPERATORS = new Set(['$set', '$inc', '$push', '$pull', '$unset', '$setOnInsert']);

/**
 * Walks a filter, an update's body or a pipeline stage: refuses prototype keys and nesting past
 * 32, and hands each operator to `onOperator`. With `asFilter`, an undefined value is refused too:
 * MongoDB (which the driver sends without undefined values) would drop its condition and match
 * every document, the embedded store would match the blank ones, so no code may count on either.
 */
function walk(value: unknown, path: string, depth: number, onOperator: (op: string, path: string, arg: unknown) => void, asFilter = false): void {
  if (depth > 32) throw new StoreError('INVALID_QUERY', 'Query is nested too deeply', { path });
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, onOperator, asFilter));
    return;
  }
  if (value === undefined && asFilter) throw new StoreError('INVALID_QUERY', `The filter's value at "${path}" is undefined (null finds the blank ones)`, { path });
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new StoreError('INVALID_QUERY', `Key "${key}" is not allowed`, { path: `${path}.${key}` });
    if (key.startsWith('$')) onOperator(key, path, (value as Record<string, unknown>)[key]);
    walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1, onOperator, asFilter);
  }
}

const refuseForbidden = (op: string, path: string) => {
  if (FORBIDDEN_OPERATORS.has(op)) throw new StoreError('INVALID_QUERY', `Operator ${op} is not allowed`, { path, operator: op });
};

export function checkFilter(filter: Filter): void {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new StoreError('INVALID_QUERY', 'A filter must be an object');
  }
  walk(filter, '', 0, (op, path, arg) => {
    refuseForbidden(op, path);
    // MongoDB refuses these but for a list of at least one filter; the embedded store would take
    // an empty one, and code that passed every test on it would then fail in production.
    if (LIST_OPERATORS.has(op) && (!Array.isArray(arg) || arg.length === 0)) throw new StoreError('INVALID_QUERY', `${op} takes a list of at least one filter`, { path, operator: op });
  }, true);
}

/** A pipeline's stages: no forbidden operator anywhere; each `$match` a filter as checkFilter takes it. */
export function checkPipeline(pipeline: readonly object[]): void {
  pipeline.forEach((stage, i) => {
    if (stage === null || typeof stage !== 'object' || Array.isArray(stage)) throw new StoreError('INVALID_QUERY', 'A pipeline stage must be an object', { path: `[${i}]` });
    // Each part walked once: a $match as a filter, any other stage for forbidden operators only.
    for (const [name, body] of Object.entries(stage)) {
      if (name === '$match') checkFilter(body as Filter);
      else walk({ [name]: body }, `[${i}]`, 0, refuseForbidden);
    }
  });
}

export function checkUpdate(update: Update): void {
  if (update === null || typeof update !== 'object' || Array.isArray(update)) {
    throw new StoreError('INVALID_UPDATE', 'An update must be an object of update operators');
  }
  const ops = Object.keys(update);
  if (ops.length === 0) throw new StoreError('INVALID_UPDATE', 'An update needs at least one operator');
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) throw new StoreError('INVALID_UPDATE', `Update operator ${op} is not supported`, { operator: op });
    const body = update[op];
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new StoreError('INVALID_UPDATE', `${op} takes an object`, { operator: op });
    }
    for (const field of Object.keys(body)) {
      if (field === '_id') throw new StoreError('INVALID_UPDATE', 'The _id of a document cannot change', { operator: op });
      if (field.split('.').some((p) => FORBIDDEN_KEYS.has(p) || p.startsWith('$'))) {
        throw new StoreError('INVALID_UPDATE', `Field path "${field}" is not allowed`, { operator: op, field });
      }
    }
    walk(body, op, 0, (inner, path) => {
      if (FORBIDDEN_OPERATORS.has(inner)) throw new StoreError('INVALID_UPDATE', `Operator ${inner} is not allowed`, { path });
    });
  }
}

/** Index names and collection names are plain identifiers. */
export function checkName(kind: string, name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,119}$/.test(name) || name.includes('$')) {
    throw new StoreError('INVALID_QUERY', `Invalid ${kind} name "${name}"`);
  }
}

export function indexName(spec: { name?: string; keys: Record<string, 1 | -1> }): string {
  return spec.name ?? Object.entries(spec.keys).map(([k, d]) => `${k}_${d}`).join('_');
}

/** MongoDB's largest document (16 MiB as BSON); both stores refuse a bigger one. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** MongoDB's most indexes on one collection, `_id`'s included; both stores refuse more. */
export const MAX_INDEXES = 64;

/**
 * A document about to be stored: a key that starts with `$` or holds a `.` (MongoDB reads both
 * as operators and paths, so such data could not be found or updated) is INVALID_KEY, and a
 * document over 16 MiB is DOCUMENT_TOO_LARGE, on both stores. One walk checks the keys and adds
 * up a bound on the size (UTF-8 takes at most 3 bytes per UTF-16 unit); only a document whose
 * bound passes the limit is measured exactly, as BSON.
 */
export function checkDocument(doc: object): void {
  let bound = 0;
  const visit = (value: unknown, path: string, depth: number): void => {
    if (depth > 100) throw new StoreError('INVALID_KEY', 'The document is nested too deeply', { path });
    bound += 16;
    if (typeof value === 'string') bound += value.length * 3;
    else if (value === null || typeof value !== 'object' || value instanceof Date) return;
    else if (ArrayBuffer.isView(value)) bound += value.byteLength;
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i], `${path}[${i}]`, depth + 1);
    else {
      for (const key in value as Record<string, unknown>) {
        if (key.charCodeAt(0) === 36 /* $ */ || key.includes('.') || key.includes('\0')) {
          const at = path ? `${path}.${key}` : key;
          throw new StoreError('INVALID_KEY', `The key "${key}" cannot be stored: keys may not start with "$" or hold "." (at ${at})`, { path: at, key });
        }
        bound += key.length * 3;
        visit((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
      }
    }
  };
  visit(doc, '', 0);
  if (bound <= MAX_DOCUMENT_BYTES) return;
  const bytes = BSON.calculateObjectSize(doc as BSON.Document, { ignoreUndefined: true });
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new StoreError('DOCUMENT_TOO_LARGE', `The document is ${bytes} bytes; at most ${MAX_DOCUMENT_BYTES} can be stored`, { bytes, limit: MAX_DOCUMENT_BYTES });
  }
}

/** INDEX_LIMIT when `names` (the collection's indexes after a change, `_id`'s not among them) pass MAX_INDEXES. */
export function checkIndexCount(collection: string, names: ReadonlySet<string>): void {
  if (names.size + 1 > MAX_INDEXES) {
    throw new StoreError('INDEX_LIMIT', `${collection} would have ${names.size + 1} indexes; at most ${MAX_INDEXES} (with _id's) are kept`, { collection, count: names.size + 1, limit: MAX_INDEXES });
  }
}

/**
 * A replacing upsert names the `_id` it would insert: MongoDB would otherwise give the new
 * document an ObjectId, and a replacement cannot carry an `_id` of ours (it would not match the
 * document it replaces). Updating upserts get a generated id.
 */
export function requireIdToUpsert(filter: Filter, opts?: { upsert?: boolean }): void {
  if (opts?.upsert && typeof filter._id !== 'string') throw new StoreError('INVALID_QUERY', 'replaceOne with upsert needs the _id in its filter');
}
