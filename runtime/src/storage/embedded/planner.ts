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

export type IndexPlan = {
  kind: 'index';
  index: IndexSpec & { name: string };
  start: unknown[];
  end: unknown[];
  reverse: boolean;
  ordered: boolean;
  /** The key range expresses the whole filter: counting keys counts documents. */
  exact: boolean;
  /** How many leading index fields the range fixes by equality. */
  depth: number;
};

export type Plan =
  | { kind: 'ids'; ids: string[] }
  /** Every document in `_id` order, from `lo` to `hi` (both taken in; the filter decides the ends) when the filter bounds `_id`. */
  | { kind: 'scan'; ordered: boolean; reverse: boolean; lo?: string; hi?: string }
  | IndexPlan
  /**
   * One key range per alternative of a `$or` or value of a `$in` (row scopes: "my department
   * and below" OR a condition): the ids they yield, each once. `ordered` when every range yields
   * `_id` order (merged then); `exact` when every range is.
   */
  | { kind: 'union'; parts: IndexPlan[]; reverse: boolean; ordered: boolean; exact: boolean };

/** Most key ranges a union may read (alternatives × `$in` values). */
const MAX_UNION = 64;

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Whether bound `a` is tighter than `b` of the same type: larger for a lower bound (1), smaller
 * for an upper one (-1). (Of two equal bounds either serves: `>=` for `>` changes nothing.)
 */
const tighter = (a: KeyPart, b: KeyPart, way: 1 | -1) => a !== null && b !== null && typeof a === typeof b && (way === 1 ? a > b : a < b);

/** Top-level conditions an index can serve; `residual` is true when anything else remains. */
function extract(filter: Filter, conds: Map<string, Cond>): boolean {
  let residual = false;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) residual = extract(sub as Filter, conds) || residual;
      continue;
    }
    // Stryker disable next-line BlockStatement,ConditionalExpression,MethodExpression: an operator's value is a list ($or, $nor), which is residual below all the same, and the condition kept for its key names no field an index holds
    if (key.startsWith('$')) {
      residual = true;
      continue;
    }
    const cond = conds.get(key) ?? {};
    if (isPrimitive(value) || value instanceof Date) {
      cond.eq = keyPart(value);
      if (keyPartClipped(value)) residual = true; // other texts share the clipped key
      // null is also the key of a missing field, an empty array and a number that is not finite.
      if (value === null) residual = true;
    } else if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp)) {
      for (const [op, arg] of Object.entries(value)) {
        if (!(isPrimitive(arg) || arg instanceof Date) || arg === null) {
          residual = true;
          continue;
        }
        const part = keyPart(arg);
        if (keyPartClipped(arg)) residual = true;
        if (op === '$eq') cond.eq = part;
        // Bounds of one field from several conditions (a range and a page's cursor) all hold: the
        // tighter one of a kind starts (or ends) the scan; either would be right, the filter still
        // decides type bracketing and strictness.
        else if (op === '$gte' || op === '$gt') {
          cond.lo = cond.lo === undefined || tighter(part, cond.lo, 1) ? part : cond.lo;
          residual = true;
        } else if (op === '$lte' || op === '$lt') {
          cond.hi = cond.hi === undefined || tighter(part, cond.hi, -1) ? part : cond.hi;
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

/** The filter's top-level conditions, `$and`s flattened. */
function conjuncts(filter: Filter, out: Filter[] = []): Filter[] {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) for (const sub of value) conjuncts(sub as Filter, out);
    else out.push({ [key]: value });
  }
  return out;
}

const expandableIn = (v: unknown): v is { $in: Array<string | number | boolean> } => {
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1) return false;
  const list = (v as { $in?: unknown }).$in;
  return Array.isArray(list) && list.length > 0 && list.every((x) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') && !keyPartClipped(x));
};

/**
 * The filter as alternatives whose union is what it matches: its first `$or` split into its
 * branches (each ANDed with the rest), or else its first `$in` of plain values into one equality
 * each; then each alternative the same way, up to MAX_UNION. Null when it has neither.
 */
function alternatives(filter: Filter, depth = 0): Filter[] | null {
  const parts = conjuncts(filter);
  const i = parts.findIndex((c) => Array.isArray(c.$or));
  // Stryker disable next-line UnaryOperator: j is read only when i < 0, never when it is this -1
  const j = i >= 0 ? -1 : parts.findIndex((c) => Object.keys(c).length === 1 && !Object.keys(c)[0].startsWith('$') && expandableIn(Object.values(c)[0]));
  if (i < 0 && j < 0) return null;
  const at = i >= 0 ? i : j;
  const rest = parts.filter((_, k) => k !== at);
  const field = Object.keys(parts[at])[0];
  const options: Filter[] = i >= 0 ? (parts[at].$or as Filter[]) : (Object.values(parts[at])[0] as { $in: unknown[] }).$in.map((v) => ({ [field]: v }));
  // (The loop below would stop at the limit too, but only after planning that many options: a
  // list of hundreds of values is refused here at once.)
  if (options.length === 0 || options.length > MAX_UNION) return null;
  const out: Filter[] = [];
  for (const option of options) {
    const alt: Filter = { $and: [...rest, option] };
    const more = depth < 2 ? alternatives(alt, depth + 1) : null;
    out.push(...(more ?? [alt]));
    if (out.length > MAX_UNION) return null;
  }
  return out;
}

export function plan(collection: string, filter: Filter, sort: Sort, indexes: Array<IndexSpec & { name: string }>): Plan {
  const single = planOne(collection, filter, sort, indexes);
  if (single.kind === 'ids') return single;
  const alts = alternatives(filter);
  if (!alts) return single;
  // Worth it only when every alternative narrows more than the filter as a whole can.
  const floor = single.kind === 'index' ? single.depth : 0;
  const parts: IndexPlan[] = [];
  for (const alt of alts) {
    const p = planOne(collection, alt, sort, indexes);
    if (p.kind !== 'index' || p.depth <= floor) return single;
    parts.push(p);
  }
  // The parts are merged in _id order: that serves a sort on _id alone, when every part yields
  // _id order (its plan says so when its range fixes every index field, or leaves open only an
  // `_id` key field, as `{ userId: 1, _id: -1 }` does). With no sort asked, any order serves:
  // sortDirection answers 'forward' and every part is ordered.
  const ordered = sortDirection(sort, ['_id']) !== null && parts.every((p) => p.ordered);
  // Stryker disable next-line ArrowFunction: a union never exact is counted by the query instead, which counts the same
  return { kind: 'union', parts, reverse: sortDirection(sort, ['_id']) === 'reverse', ordered, exact: parts.every((p) => p.exact) };
}

/** The ends of a range of string `_id`s (`{ $gt: 'a:', $lt: 'a;' }`), for a scan to start and stop at. */
function idBounds(id: unknown): { lo?: string; hi?: string } {
  // A number or a boolean has no entries: no bounds either.
  if (!id || Array.isArray(id)) return {};
  const ops = id as Record<string, unknown>;
  const out: { lo?: string; hi?: string } = {};
  for (const [op, v] of Object.entries(ops)) {
    if (typeof v !== 'string') return {};
    // Of two equal bounds either serves (`>=` for `>` and `<=` for `<` change nothing).
    if (op === '$gt' || op === '$gte') out.lo = out.lo === undefined || v > out.lo ? v : out.lo;
    else if (op === '$lt' || op === '$lte') out.hi = out.hi === undefined || v < out.hi ? v : out.hi;
    else return {};
  }
  return out;
}

function planOne(collection: string, filter: Filter, sort: Sort, indexes: Array<IndexSpec & { name: string }>): Plan {
  const id = filter._id;
  if (isPrimitive(id) && typeof id === 'string') return { kind: 'ids', ids: [id] };
  // (A number or boolean _id has no `$in`; null and undefined are stopped by `id &&`.)
  if (id && Array.isArray((id as { $in?: unknown }).$in) && Object.keys(id).length === 1) {
    const ids = (id as { $in: unknown[] }).$in.filter((v): v is string => typeof v === 'string');
    return { kind: 'ids', ids: [...new Set(ids)] };
  }
  const conds = new Map<string, Cond>();
  const residual = extract(filter, conds);

  let best: IndexPlan | null = null;
  let bestScore = -1;
  for (const index of indexes) {
    const fields = Object.keys(index.keys);
    const eqVals: KeyPart[] = [];
    let k = 0;
    // (`<=` would look one past the last field: undefined has no condition, so the loop stops the same.)
    while (k < fields.length && conds.get(fields[k])?.eq !== undefined) {
      eqVals.push(conds.get(fields[k])!.eq!);
      k++;
    }
    // After the last field, fields[k] is undefined and has no condition; a field with an equality
    // was taken by the loop above, so this one has none.
    const range = conds.get(fields[k]);
    const hasRange = !!range && (range.lo !== undefined || range.hi !== undefined);
    // Index keys end with _id, so after the key fields the order is _id's.
    const dir = sortDirection(sort, [...fields.slice(k), '_id']);
    const ordered = dir !== null;
    const score = k * 4 + (hasRange ? 2 : 0) + (ordered && Object.keys(sort).length ? 1 : 0);
    if (score <= bestScore || score === 0) continue;
    const prefix = [collection, index.name, ...eqVals];
    // (Without a lower bound, a start of [...prefix, undefined] begins where the prefix does.)
    const start = hasRange && range!.lo !== undefined ? [...prefix, range!.lo] : prefix;
    const end = hasRange && range!.hi !== undefined ? [...prefix, range!.hi, MAX_KEY] : [...prefix, MAX_KEY];
    best = {
      kind: 'index',
      index,
      start,
      end,
      reverse: dir === 'reverse',
      ordered,
      // Counting keys counts documents only when every index field is fixed by equality: with a
      // field left open, a document holding an array there owns one key per element.
      exact: !residual && k === fields.length && conds.size === k && !index.sparse,
      depth: k,
    };
    bestScore = score;
  }
  if (best) return best;
  const dir = sortDirection(sort, ['_id']);
  return { kind: 'scan', ordered: dir !== null, reverse: dir === 'reverse', ...idBounds(id) };
}
