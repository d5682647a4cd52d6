// Index keys in LMDB: [collection, indexName, ...values, _id]. Values are reduced to the
// primitives ordered-binary sorts (null for missing, ISO strings for dates, JSON for objects);
// an array value indexes each element (MongoDB's multikey), so one document may own many keys.
import type { Key } from 'lmdb';
import type { Doc, IndexSpec } from '../types';

export type KeyPart = string | number | boolean | null;
export const MAX_KEY = Buffer.from([0xff]);
/** An index entry's value: the key says it all. */
export const EMPTY = Buffer.alloc(0);

/** lmdb's Key type has no null, yet ordered-binary keys hold it (missing values sort first). */
export const K = (parts: unknown[]): Key => parts as unknown as Key;

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null) return undefined; // undefined is no object: the check below
    if (Array.isArray(cur) && !/^\d+$/.test(part)) {
      const vals = cur.map((c) => getPath(c, part)).filter((v) => v !== undefined);
      return vals.length ? vals.flat() : undefined;
    }
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * LMDB keys hold at most 1,978 bytes, so a long text is indexed by its first KEY_TEXT_LIMIT
 * UTF-16 units (at most 3 UTF-8 bytes each: four such parts still fit beside the names and the
 * _id). Truncating keeps key order (a prefix never sorts after its text), and an index only
 * narrows a read — the full filter is applied to every document it yields — so equality and
 * range reads stay exact. A sorted read whose sort values include such a text sorts in memory
 * on the whole values instead of trusting the key order. Data directories written before
 * clipping are upgraded once when opened (upgrade.ts).
 */
export const KEY_TEXT_LIMIT = 120;

function clip(text: string): string {
  // (Slicing a shorter text gives it back whole: the check only spares the call.)
  return text.length > KEY_TEXT_LIMIT ? text.slice(0, KEY_TEXT_LIMIT) : text;
}

/** A key tuple from a tuple of whole values (what `indexTuples(doc, spec, true)` gives). */
export function clipTuple(tuple: KeyPart[]): KeyPart[] {
  return tuple.map((p) => (typeof p === 'string' ? clip(p) : p));
}

/** The key part of a value: `full` keeps long texts whole (to compare values, not to store keys). */
export function keyPart(value: unknown, full = false): KeyPart {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return full ? value : clip(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  const json = JSON.stringify(value);
  return full ? json : clip(json);
}

/**
 * Whether keys equal to this value's key part may belong to other values: a text of the limit's
 * length or longer (a 120-character text is also the clipped key of every longer text that
 * starts with it).
 */
export function keyPartClipped(value: unknown): boolean {
  if (typeof value === 'string') return value.length >= KEY_TEXT_LIMIT; // the common case, without a call
  // Stryker disable next-line BooleanLiteral: a clipped text keeps KEY_TEXT_LIMIT units of a longer one, so it is as long as the limit exactly when the whole is
  const whole = keyPart(value, true);
  // (`>` for `>=`: a value of exactly the limit is its own key, so either is right.)
  return typeof whole === 'string' && whole.length >= KEY_TEXT_LIMIT;
}

/** An index's fields, read once per spec: top-level names are read directly, dotted paths walked. */
const fieldsOf = new WeakMap<IndexSpec, Array<{ name: string; dotted: boolean }>>();

function specFields(spec: IndexSpec): Array<{ name: string; dotted: boolean }> {
  let fields = fieldsOf.get(spec);
  // Stryker disable next-line StringLiteral,ConditionalExpression: a name without a dot walked as a path reads doc[name], as the direct read does; without the cache the fields are only worked out again, the same list
  if (!fields) fieldsOf.set(spec, (fields = Object.keys(spec.keys).map((name) => ({ name, dotted: name.includes('.') }))));
  return fields;
}

/**
 * Every key tuple (without collection/index/_id) a document contributes to an index; `full`
 * gives the values unclipped, to tell two documents' values apart (unique checks).
 */
export function indexTuples(doc: Doc, spec: IndexSpec, full = false): KeyPart[][] {
  const fields = specFields(spec);
  // Most documents hold one plain value per indexed field: one tuple, built without copies.
  // Stryker disable next-line ArrayDeclaration: every slot is set before `single` is returned, and only set slots are read
  const single: KeyPart[] = new Array(fields.length);
  let values: unknown[] | null = null;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = f.dotted ? getPath(doc, f.name) : (doc as Record<string, unknown>)[f.name];
    if (spec.sparse && v === undefined) return [];
    if (Array.isArray(v)) (values ??= [])[i] = v;
    else single[i] = keyPart(v, full);
  }
  if (!values) return [single];
  // An array value indexes each distinct element (an empty array indexes null).
  let tuples: KeyPart[][] = [[]];
  for (let i = 0; i < fields.length; i++) {
    const v = values[i] as unknown[] | undefined;
    const parts = v ? (v.length ? [...new Set(v.map((x) => keyPart(x, full)))] : [null]) : [single[i]];
    tuples = tuples.flatMap((t) => parts.map((p) => [...t, p]));
  }
  return tuples;
}

export function tupleKey(t: KeyPart[]): string {
  return JSON.stringify(t);
}
