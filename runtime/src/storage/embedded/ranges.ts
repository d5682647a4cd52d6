// Reading the ids an index plan yields: one key range, or a union of ranges (planner.ts, kind
// 'union'), each id once. Index keys end with the document's _id, so a range whose fields are all
// fixed by equality yields _id order, and ranges in _id order merge into one: a page sorted by
// _id stops after its rows instead of reading every candidate.
import type { Database } from 'lmdb';
import { K } from './keys';
import type { IndexPlan } from './planner';

/** The ids of one key range, in key order (reversed when the plan is). */
export function* rangeIds(idx: Database, p: IndexPlan): Iterable<string> {
  const range = p.reverse ? { start: K(p.end), end: K(p.start), reverse: true } : { start: K(p.start), end: K(p.end) };
  for (const key of idx.getKeys(range)) {
    const k = key as unknown[];
    yield k[k.length - 1] as string;
  }
}

/** The ids of several ranges, each once, range after range. */
export function* distinctIds(idx: Database, parts: IndexPlan[]): Iterable<string> {
  const seen = new Set<string>();
  for (const part of parts) {
    for (const id of rangeIds(idx, part)) {
      if (seen.has(id)) continue;
      seen.add(id);
      yield id;
    }
  }
}

/** The ids of several ranges, each in _id order, merged into one _id order, each once. */
export function* mergedIds(idx: Database, parts: IndexPlan[], reverse: boolean): Iterable<string> {
  const its = parts.map((part) => rangeIds(idx, part)[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  let last: string | undefined;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i].done) continue;
      // (Of two equal heads either may go first: the second is skipped as a repeat below.)
      if (pick < 0 || (reverse ? heads[i].value > heads[pick].value : heads[i].value < heads[pick].value)) pick = i;
    }
    if (pick < 0) return;
    const id = heads[pick].value as string;
    heads[pick] = its[pick].next();
    // The same id from two ranges comes out twice in a row.
    if (id === last) continue;
    last = id;
    yield id;
  }
}
