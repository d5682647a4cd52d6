// Index keys in LMDB: [collection, indexName, ...values, _id]. Values are reduced to the
// primitives ordered-binary sorts (null for missing, ISO strings for dates, JSON for objects);
// an array value indexes each element (MongoDB's multikey), so one document may own many keys.
import type { Doc, IndexSpec } from '../types';

export type KeyPart = string | number | boolean | null;
export const MAX_KEY = Buffer.from([0xff]);

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur) && !/^\d+$/.test(part)) {
      const vals = cur.map((c) => getPath(c, part)).filter((v) => v !== undefined);
      return vals.length ? vals.flat() : undefined;
    }
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function keyPart(value: unknown): KeyPart {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Every key tuple (without collection/index/_id) a document contributes to an index. */
export function indexTuples(doc: Doc, spec: IndexSpec): KeyPart[][] {
  let tuples: KeyPart[][] = [[]];
  for (const field of Object.keys(spec.keys)) {
    const v = getPath(doc, field);
    if (spec.sparse && v === undefined) return [];
    const parts = Array.isArray(v) ? (v.length ? [...new Set(v.map(keyPart))] : [null]) : [keyPart(v)];
    tuples = tuples.flatMap((t) => parts.map((p) => [...t, p]));
  }
  return tuples;
}

export function tupleKey(t: KeyPart[]): string {
  return JSON.stringify(t);
}
