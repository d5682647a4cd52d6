// Three-way merge of property values (a field's or the form's), for replaying my edits on
// another analyst's draft: what I changed goes onto what they have, key by key inside plain
// objects (validation settings, translated texts) and item by item inside lists of items with
// ids (options by value, custom checks and cross-form checks by id). Where we both changed the
// same key or item differently, mine wins, as for any property we both changed. Logic is never
// merged piecewise: an expression half mine and half theirs would mean neither.

type Json = Record<string, unknown>;

const isPlain = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys whose values are taken whole: they hold logic, or logic with its text. */
const WHOLE: ReadonlySet<string> = new Set(['visibleIf', 'requiredIf', 'logic', 'rule', 'formula', 'default', 'source']);

/** Equal as JSON, whatever the order of keys (an editor may rebuild an object in another order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => b[k] !== undefined && sameJson(a[k], b[k]));
}

/** The key that names items of these lists ('id', or 'value' for options), when every item has a distinct one. */
function itemKey(lists: unknown[][]): 'id' | 'value' | undefined {
  const items = lists.flat();
  if (!items.length) return undefined;
  return (['id', 'value'] as const).find(
    (k) => items.every((x) => isPlain(x) && typeof x[k] === 'string') && lists.every((l) => new Set(l.map((x) => (x as Json)[k])).size === l.length),
  );
}

/**
 * Merges my change of a value (base → mine) onto theirs. `lost` is told when an edit of mine
 * cannot be kept (I changed an item of a list that they deleted).
 */
export function mergeValue(base: unknown, mine: unknown, theirs: unknown, lost: () => void = () => undefined, key?: string): unknown {
  if (sameJson(base, mine)) return theirs;
  if (sameJson(base, theirs) || sameJson(mine, theirs) || (key !== undefined && WHOLE.has(key))) return mine;
  if (isPlain(mine) && isPlain(theirs) && (base === undefined || isPlain(base))) {
    const b = base ?? {};
    const out: Json = {};
    for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const v = mergeValue(b[k], mine[k], theirs[k], lost, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(mine) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const b = base ?? [];
    const by = itemKey([b, mine, theirs]);
    if (by) return mergeItems(b as Json[], mine as Json[], theirs as Json[], by, lost);
  }
  return mine;
}

/** Lists of items with ids: each item merged, deletions on either side kept, new items after their neighbour. */
function mergeItems(base: Json[], mine: Json[], theirs: Json[], by: 'id' | 'value', lost: () => void): Json[] {
  const id = (x: Json) => x[by] as string;
  const inBase = new Map(base.map((x) => [id(x), x]));
  const inMine = new Map(mine.map((x) => [id(x), x]));
  const inTheirs = new Map(theirs.map((x) => [id(x), x]));
  // My order when I reordered the items we both kept, else theirs.
  const kept = (l: Json[], other: Map<string, Json>) => l.map(id).filter((k) => other.has(k));
  const reordered = !sameJson(kept(base, inMine), kept(mine, inBase));
  const [first, second] = reordered ? [mine, theirs] : [theirs, mine];
  for (const [k, m] of inMine) if (inBase.has(k) && !inTheirs.has(k) && !sameJson(inBase.get(k), m)) lost();
  const out: Json[] = [];
  for (const x of first) {
    const k = id(x);
    const m = inMine.get(k);
    const t = inTheirs.get(k);
    if (inBase.has(k) && (!m || !t)) continue;
    out.push(m && t ? (mergeValue(inBase.get(k), m, t, lost) as Json) : x);
  }
  second.forEach((x, i) => {
    if (inBase.has(id(x)) || out.some((y) => id(y) === id(x))) return;
    let at = 0;
    for (let j = i - 1; j >= 0 && !at; j--) at = out.findIndex((y) => id(y) === id(second[j])) + 1;
    out.splice(at, 0, x);
  });
  return out;
}
