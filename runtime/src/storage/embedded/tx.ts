// A transaction's private writes, and the async mutex that runs write transactions one at a
// time. Writes of a committed transaction stay visible to later transactions ("pending") until
// LMDB has made them durable, so transactions can be group-committed without waiting on disk
// one by one, yet each sees every write before it.
import type { Doc } from '../types';
import type { View } from './store';

export interface Write {
  coll: string;
  id: string;
  /** docKey(coll, id) */
  key: string;
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
  /** How a transaction reads: its own writes, then pending commits, then LMDB. */
  readonly view: View = { tx: this, withPending: true };

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
    // Stryker disable next-line OptionalChaining: delete is only called for a write this overlay holds (clearPending), so its collection's map is there
    this.byColl.get(coll)?.delete(id);
  }

  ids(coll: string): Iterable<string> {
    // Stryker disable next-line ArrayDeclaration, OptionalChaining: ids are only asked of overlays that hold the collection (reads.ts overlaysFor), so the fallback is never reached
    return this.byColl.get(coll)?.keys() ?? [];
  }

  list(): Write[] {
    const out: Write[] = [];
    for (const [coll, m] of this.byColl) {
      for (const [id, doc] of m) {
        const key = docKey(coll, id);
        // Stryker disable next-line EqualityOperator: `>= 0` changes nothing (an empty set holds no key); `<= 0` makes no write fresh, which only costs a read of an old document that is not there
        out.push({ coll, id, key, doc, fresh: this.fresh.size > 0 && this.fresh.has(key) });
      }
    }
    return out;
  }
}

/** Runs holders one at a time, in the order they asked. */
export class Mutex {
  private locked = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<() => void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  /** A release that counts once, however often it is called. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.locked = false;
    };
  }
}
