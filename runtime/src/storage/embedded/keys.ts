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

/** An index's fields, read once per spec: top-level names are read directly, dotted paths walked. */
const fieldsOf = new WeakMap<IndexSpec, Array<{ name: string; dotted: boolean }>>();

function specFields(spec: IndexSpec): Array<{ name: string; dotted: boolean }> {
  let fields = fieldsOf.get(spec);
  if (!fields) fieldsOf.set(spec, (fields = Object.keys(spec.keys).map((name) => ({ name, dotted: name.includes('.') }))));
  return fields;
}

/** Every key tuple (without collection/index/_id) a document contributes to an index. */
export function indexTuples(doc: Doc, spec: IndexSpec): KeyPart[][] {
  const fields = specFields(spec);
  // Most documents hold one plain value per indexed field: one tuple, built without copies.
  const single: KeyPart[] = new Array(fields.length);
  let values: unknown[] | null = null;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = f.dotted ? getPath(doc, f.name) : (doc as Record<string, unknown>)[f.name];
    if (spec.sparse && v === undefined) return [];
    if (Array.isArray(v)) (values ??= [])[i] = v;
    else single[i] = keyPart(v);
  }
  if (!values) return [single];
  // An array value indexes each distinct element (an empty array indexes null).
  let tuples: KeyPart[][] = [[]];
  for (let i = 0; i < fields.length; i++) {
    const v = values[i] as unknown[] | undefined;
    const parts = v ? (v.length ? [...new Set(v.map(keyPart))] : [null]) : [single[i]];
    tuples = tuples.flatMap((t) => parts.map((p) => [...t, p]));
  }
  return tuples;
}

export function tupleKey(t: KeyPart[]): string {
  return JSON.stringify(t);
}
