// The embedded store's reads (store.ts holds its writes, transactions and lifecycle): a document
// by id through a view (a transaction's own writes, then pending commits, then LMDB), the index
// catalogue of a collection, and queries planned over index key ranges (planner.ts), walked in
// key order when the page can be read that way and sorted in memory when not.
import type { Database } from 'lmdb';
import { find as mingoFind } from 'mingo';
import type { Doc, Filter, IndexSpec, Sort } from '../types';
import { cloneDoc } from '../clone';
import { getPath, K, keyPartClipped, MAX_KEY } from './keys';
import { plan, type IndexPlan, type Plan } from './planner';
import { distinctIds, mergedIds, rangeIds } from './ranges';
import { Overlay } from './tx';
import { matcher } from './match';

export type NamedIndex = IndexSpec & { name: string };

/** What a read sees: the transaction's own writes, then pending commits, then LMDB. */
export interface View {
  tx: Overlay | null;
  withPending: boolean;
}

export abstract class EmbeddedReads {
  protected abstract readonly docs: Database;
  protected abstract readonly idx: Database;
  protected abstract readonly meta: Database;
  /** Committed transactions' documents until their batch is on disk (store.ts). */
  protected readonly pending = new Overlay();
  protected readonly indexCache = new Map<string, NamedIndex[]>();

  get(view: View, coll: string, id: string): Doc | null {
    if (view.tx) {
      const own = view.tx.get(coll, id);
      if (own !== undefined) return own;
    }
    if (view.withPending) {
      const p = this.pending.get(coll, id);
      if (p !== undefined) return p;
    }
    return (this.docs.get([coll, id]) as Doc | undefined) ?? null;
  }

  indexes(coll: string): NamedIndex[] {
    let list = this.indexCache.get(coll);
    if (!list) {
      list = [];
      for (const { value } of this.meta.getRange({ start: ['index', coll], end: ['index', coll, MAX_KEY] })) list.push(value as NamedIndex);
      this.indexCache.set(coll, list);
    }
    return list;
  }

  planFor(coll: string, filter: Filter, sort: Sort): Plan {
    return plan(coll, filter, sort, this.indexes(coll));
  }

  /** Ids the plan's key range (or scan) yields from LMDB, in key order (a union: each once, merged into `_id` order when it is ordered). */
  *candidateIds(coll: string, p: Plan): Iterable<string> {
    if (p.kind === 'ids') {
      yield* p.ids;
    } else if (p.kind === 'union') {
      yield* p.ordered ? mergedIds(this.idx, p.parts, p.reverse) : distinctIds(this.idx, p.parts);
    } else if (p.kind === 'scan') {
      // A bounded `_id` starts (and, forwards, stops) where the bounds are; the filter trims the ends.
      const high = p.hi !== undefined ? K([coll, p.hi, MAX_KEY]) : K([coll, MAX_KEY]);
      const range = p.reverse ? { start: high, end: K([coll]), reverse: true } : { start: K(p.lo !== undefined ? [coll, p.lo] : [coll]), end: high };
      for (const key of this.docs.getKeys(range)) yield (key as string[])[1];
    } else {
      yield* rangeIds(this.idx, p);
    }
  }

  countKeys(p: IndexPlan): number {
    return this.idx.getKeysCount({ start: K(p.start), end: K(p.end) });
  }

  /** Matching documents for a read; `limit` 0 means all. */
  query(view: View, coll: string, filter: Filter, sort: Sort, skip: number, limit: number): Doc[] {
    const q = matcher(filter);
    const p = this.planFor(coll, filter, sort);
    const hasSort = Object.keys(sort).length > 0;
    const overlays = this.overlaysFor(view, coll);
    // Stryker disable next-line MethodExpression, StringLiteral, ConditionalExpression: a long _id in the list (as a filter kept true also leaves it) only sends the read to the in-memory sort, which gives the same page
    const sortFields = Object.keys(sort).filter((k) => k !== '_id');
    // Stryker disable next-line BooleanLiteral: starting false only sends every walked read on to the in-memory path, which gives the same page
    let inKeyOrder = true; // false once a clipped sort value shows the key order cannot be trusted
    // Listed ids come in the filter's order, not the sort's: a sorted read of them sorts them all first.
    if (overlays.length === 0 && (p.kind === 'ids' ? !hasSort : p.ordered || !hasSort)) {
      // Walk in order and stop as soon as the page is full.
      const out: Doc[] = [];
      const seen = new Set<string>();
      let toSkip = skip;
      for (const id of this.candidateIds(coll, p)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const doc = this.get(view, coll, id);
        if (!doc || !q.test(doc)) continue;
        // A long text's key is clipped, so the index order is not its order: sort in memory.
        if (p.kind === 'index' && hasSort && sortFields.some((k) => keyPartClipped(getPath(doc, k)))) {
          inKeyOrder = false;
          break;
        }
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        out.push(doc);
        if (limit && out.length >= limit) break;
      }
      if (inKeyOrder) return out;
    }
    const ids = new Set<string>(this.candidateIds(coll, p));
    // A read by _id needs no other pending document (they would be candidates the filter drops); anything else may match one.
    // Stryker disable next-line ConditionalExpression: see above
    if (p.kind !== 'ids') for (const o of overlays) for (const id of o.ids(coll)) ids.add(id);
    let docs: Doc[] = [];
    for (const id of ids) {
      const doc = this.get(view, coll, id);
      if (doc && q.test(doc)) docs.push(doc);
    }
    if (hasSort) docs = this.sortDocs(docs, sort);
    return docs.slice(skip, limit ? skip + limit : undefined).map((d) => (overlays.length ? cloneDoc(d) : d));
  }

  count(view: View, coll: string, filter: Filter): number {
    const p = this.planFor(coll, filter, {});
    // Stryker disable next-line StringLiteral: the kind never matches then, and the count goes through the query, which counts the same
    if (p.kind === 'index' && p.exact && this.overlaysFor(view, coll).length === 0) return this.countKeys(p);
    // Stryker disable next-line StringLiteral, BlockStatement: without it the count goes through the query, which counts the same
    if (p.kind === 'union' && p.exact && this.overlaysFor(view, coll).length === 0) {
      let n = 0;
      for (const _ of distinctIds(this.idx, p.parts)) n++;
      return n;
    }
    return this.query(view, coll, filter, {}, 0, 0).length;
  }

  sortDocs(docs: Doc[], sort: Sort): Doc[] {
    return mingoFind(docs, {}).sort(sort).all() as Doc[];
  }

  protected overlaysFor(view: View, coll: string): Overlay[] {
    const list: Overlay[] = [];
    if (view.tx?.byColl.get(coll)?.size) list.push(view.tx);
    // Stryker disable next-line LogicalOperator: pending writes added to a read outside a transaction are read from LMDB there, so they add nothing
    if (view.withPending && this.pending.byColl.get(coll)?.size) list.push(this.pending);
    return list;
  }
}
