// Picks how a query reads: by ids, by an index key range, or by a scan of the collection, and
// whether that read already yields documents in the requested sort order (so a page of 50 stops
// after 50 matches instead of sorting the whole result). The full filter is always applied to
// what an index yields; the index only narrows.
import type { Filter, IndexSpec, Sort } from '../types';
import { keyPart, keyPartClipped, MAX_KEY, type KeyPart } from './keys';

interface Cond {
  eq?: KeyPart;
  lo?: KeyPart;
  hi?: KeyPart;
}

export type Plan =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'scan'; ordered: boolean; reverse: boolean }
  | {
      kind: 'index';
      index: IndexSpec & { name: string };
      start: unknown[];
      end: unknown[];
      reverse: boolean;
      ordered: boolean;
      /** The key range expresses the whole filter: counting keys counts documents. */
      exact: boolean;
    };

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** Top-level conditions an index can serve; `residual` is true when anything else remains. */
function extract(filter: Filter, conds: Map<string, Cond>): boolean {
  let residual = false;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) residual = extract(sub as Filter, conds) || residual;
      continue;
    }
    if (key.startsWith('$')) {
      residual = true;
      continue;
    }
    const cond = conds.get(key) ?? {};
    if (isPrimitive(value) || value instanceof Date) {
      cond.eq = keyPart(value);
      if (keyPartClipped(value)) residual = true; // other texts share the clipped key
    } else if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp)) {
      for (const [op, arg] of Object.entries(value)) {
        if (!(isPrimitive(arg) || arg instanceof Date) || arg === null) {
          residual = true;
          continue;
        }
        const part = keyPart(arg);
        if (keyPartClipped(arg)) residual = true;
        if (op === '$eq') cond.eq = part;
        else if (op === '$gte' || op === '$gt') {
          cond.lo = part;
          residual = true; // type bracketing and strictness are left to the filter
        } else if (op === '$lte' || op === '$lt') {
          cond.hi = part;
          residual = true;
        } else residual = true;
      }
    } else {
      residual = true;
    }
    conds.set(key, cond);
  }
  return residual;
}

function sortDirection(sort: Sort, fields: string[]): 'forward' | 'reverse' | null {
  const entries = Object.entries(sort);
  if (entries.length === 0) return 'forward';
  const dirs = new Set(entries.map(([, d]) => d));
  if (dirs.size !== 1) return null;
  const names = entries.map(([k]) => k);
  for (let i = 0; i < names.length; i++) if (fields[i] !== names[i]) return null;
  return dirs.has(1) ? 'forward' : 'reverse';
}

export function plan(collection: string, filter: Filter, sort: Sort, indexes: Array<IndexSpec & { name: string }>): Plan {
  const id = filter._id;
  if (isPrimitive(id) && typeof id === 'string') return { kind: 'ids', ids: [id] };
  if (id && typeof id === 'object' && Array.isArray((id as { $in?: unknown }).$in) && Object.keys(id).length === 1) {
    const ids = (id as { $in: unknown[] }).$in.filter((v): v is string => typeof v === 'string');
    return { kind: 'ids', ids: [...new Set(ids)] };
  }
  const conds = new Map<string, Cond>();
  const residual = extract(filter, conds);

  let best: (Plan & { kind: 'index' }) | null = null;
  let bestScore = -1;
  for (const index of indexes) {
    const fields = Object.keys(index.keys);
    const eqVals: KeyPart[] = [];
    let k = 0;
    while (k < fields.length && conds.get(fields[k])?.eq !== undefined) {
      eqVals.push(conds.get(fields[k])!.eq!);
      k++;
    }
    const range = k < fields.length ? conds.get(fields[k]) : undefined;
    const hasRange = !!range && (range.lo !== undefined || range.hi !== undefined) && range.eq === undefined;
    // Index keys end with _id, so after the key fields the order is _id's.
    const dir = sortDirection(sort, [...fields.slice(k), '_id']);
    const ordered = dir !== null;
    const score = k * 4 + (hasRange ? 2 : 0) + (ordered && Object.keys(sort).length ? 1 : 0);
    if (score <= bestScore || score === 0) continue;
    const prefix = [collection, index.name, ...eqVals];
    const start = hasRange && range!.lo !== undefined ? [...prefix, range!.lo] : prefix;
    const end = hasRange && range!.hi !== undefined ? [...prefix, range!.hi, MAX_KEY] : [...prefix, MAX_KEY];
    const usedAll = [...conds.keys()].every((f) => fields.slice(0, k).includes(f));
    best = {
      kind: 'index',
      index,
      start,
      end,
      reverse: dir === 'reverse',
      ordered,
      exact: !residual && !hasRange && usedAll && !index.sparse,
    };
    bestScore = score;
  }
  if (best) return best;
  const dir = sortDirection(sort, ['_id']);
  return { kind: 'scan', ordered: dir !== null, reverse: dir === 'reverse' };
}
