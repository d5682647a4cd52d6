// A transaction's private writes, and the async mutex that runs write transactions one at a
// time. Writes of a committed transaction stay visible to later transactions ("pending") until
// LMDB has made them durable, so transactions can be group-committed without waiting on disk
// one by one, yet each sees every write before it.
import type { Doc } from '../types';

export interface Write {
  coll: string;
  id: string;
  doc: Doc | null;
  /** Inserted by this transaction: nothing of it is on disk, so there is nothing to replace. */
  fresh: boolean;
}

export function docKey(coll: string, id: string): string {
  return `${coll}\u0000${id}`;
}

/** Writes keyed by collection then id; `null` is a delete. */
export class Overlay {
  readonly byColl = new Map<string, Map<string, Doc | null>>();
  private readonly fresh = new Set<string>();

  get(coll: string, id: string): Doc | null | undefined {
    return this.byColl.get(coll)?.get(id);
  }

  set(coll: string, id: string, doc: Doc | null, inserted = false): void {
    if (inserted) this.fresh.add(docKey(coll, id));
    let m = this.byColl.get(coll);
    if (!m) this.byColl.set(coll, (m = new Map()));
    m.set(id, doc);
  }

  delete(coll: string, id: string): void {
    this.byColl.get(coll)?.delete(id);
  }

  ids(coll: string): Iterable<string> {
    return this.byColl.get(coll)?.keys() ?? [];
  }

  *writes(): Iterable<Write> {
    for (const [coll, m] of this.byColl) for (const [id, doc] of m) yield { coll, id, doc, fresh: this.fresh.size > 0 && this.fresh.has(docKey(coll, id)) };
  }
}

export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}
