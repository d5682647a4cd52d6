// The embedded store: LMDB (the `lmdb` package) holds documents, index key ranges and the
// collection catalogue; mingo gives MongoDB's query, update and aggregation semantics. This file
// holds the writes, transactions and lifecycle; reads.ts the reads and queries.
// Layout in one LMDB environment: `docs` [collection, _id] → document; `idx`
// [collection, index, ...values, _id] → ''; `meta` ['index', collection, name] → spec and
// ['coll', collection] → true. Write transactions run one at a time (in-process mutex) and are
// group-committed: a write resolves only once LMDB has committed it and synced it to disk.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { StoreError, type Collection, type Doc, type FileStore, type IndexSpec, type Store, type TxSession } from '../types';
import { checkIndexCount, checkName, indexName } from '../guard';
import { acquireLock } from './lock';
import { clipTuple, EMPTY, indexTuples, K, MAX_KEY, tupleKey } from './keys';
import { upgradeFormat } from './upgrade';
import { Mutex, Overlay, type Write } from './tx';
import { EmbeddedCollection } from './collection';
import { EmbeddedFiles } from './files';
import { EmbeddedReads, type NamedIndex, type View } from './reads';

export type { NamedIndex, View } from './reads';

/** A read outside any transaction: what LMDB holds. */
const OUTSIDE: View = Object.freeze({ tx: null, withPending: false });

export class EmbeddedStore extends EmbeddedReads implements Store {
  readonly kind = 'embedded' as const;
  readonly files: FileStore;
  private readonly env: RootDatabase;
  protected readonly docs: Database;
  protected readonly idx: Database;
  protected readonly meta: Database;
  private readonly releaseLock: () => void;
  private readonly mutex = new Mutex();
  private readonly pendingToken = new Map<string, object>();
  private readonly sessions = new Map<string, Overlay>();
  private readonly knownColls = new Set<string>();
  private readonly collections = new Map<string, EmbeddedCollection>();
  private inflight = new Set<Promise<unknown>>();
  private sessionSeq = 0;
  private closed = false;

  constructor(readonly dataDir: string) {
    super();
    mkdirSync(dataDir, { recursive: true });
    this.releaseLock = acquireLock(dataDir);
    try {
      this.env = open({ path: join(dataDir, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
      // Shared structures: each document shape's keys are stored once, not in every document —
      // smaller documents and faster (de)serialisation. Documents written without them still read.
      this.docs = this.env.openDB('docs', { sharedStructuresKey: Symbol.for('structures') });
      // Stryker disable next-line ObjectLiteral: index entries' values are never read (the key says it all): any encoding of the empty value does
      this.idx = this.env.openDB('idx', { encoding: 'binary' });
      this.meta = this.env.openDB('meta', {});
    } catch (e) {
      this.releaseLock();
      throw e;
    }
    this.files = new EmbeddedFiles(join(dataDir, 'files'), this);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    this.assertOpen();
    let c = this.collections.get(name);
    if (!c) {
      checkName('collection', name); // names already in the map were checked when they were added
      this.collections.set(name, (c = new EmbeddedCollection(this, name)));
    }
    return c as unknown as Collection<T>;
  }

  async listCollections(): Promise<string[]> {
    const names = new Set<string>();
    // (Nothing in meta sorts before 'coll' — 'format', 'index' come after — so the start only saves a seek.)
    for (const key of this.meta.getKeys({ start: ['coll'], end: ['coll', MAX_KEY] })) names.add((key as string[])[1]);
    for (const [coll, m] of this.pending.byColl) if (m.size) names.add(coll);
    return [...names].sort();
  }

  async dropCollection(name: string): Promise<void> {
    await this.exclusive(async () => {
      await this.env.transaction(() => {
        for (const key of this.docs.getKeys({ start: [name], end: [name, MAX_KEY] })) this.docs.remove(key);
        for (const key of this.idx.getKeys({ start: [name], end: [name, MAX_KEY] })) this.idx.remove(key);
        for (const key of this.meta.getKeys({ start: ['index', name], end: ['index', name, MAX_KEY] })) this.meta.remove(key);
        this.meta.remove(['coll', name]);
      });
      this.indexCache.delete(name);
      this.knownColls.delete(name);
    });
  }

  /** Runs fn alone: no transaction runs beside it and every group commit is on disk first. */
  private async exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const release = await this.mutex.acquire();
    try {
      await this.drain();
      return await fn();
    } finally {
      release();
    }
  }

  async withTransaction<R>(fn: (session: TxSession) => Promise<R>): Promise<R> {
    this.assertOpen();
    const release = await this.mutex.acquire();
    const overlay = new Overlay();
    // Sessions only need to be told apart within this store.
    // Stryker disable next-line UpdateOperator: counting down gives distinct ids too; they only need to differ
    const session: TxSession = { id: `s${++this.sessionSeq}` };
    this.sessions.set(session.id, overlay);
    let committed: Promise<void> | null = null;
    try {
      const result = await fn(session);
      committed = this.commit(overlay);
      release();
      await committed;
      return result;
    } catch (err) {
      // The document a write collided with may still be on its way to disk, where reads outside
      // a transaction do not see it yet: the refusal waits for it, so the writer's next read finds it.
      if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') await this.drain();
      throw err;
    } finally {
      this.sessions.delete(session.id);
      if (!committed) release();
    }
  }

  /** Runs one write outside a caller's transaction as a transaction of its own. */
  async write<R>(session: TxSession | undefined, fn: (view: View, overlay: Overlay) => R): Promise<R> {
    if (session) {
      const overlay = this.overlayOf(session);
      return fn(overlay.view, overlay);
    }
    return this.withTransaction(async (s) => {
      const overlay = this.overlayOf(s);
      return fn(overlay.view, overlay);
    });
  }

  viewOf(session: TxSession | undefined): View {
    return session ? this.overlayOf(session).view : OUTSIDE;
  }

  private overlayOf(session: TxSession): Overlay {
    const o = this.sessions.get(session.id);
    if (!o) throw new StoreError('TX_CONFLICT', 'The transaction session has already ended');
    return o;
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Throws DUPLICATE_KEY when `doc` would break a unique index of `coll`. */
  checkUnique(view: View, coll: string, doc: Doc): void {
    for (const spec of this.indexes(coll)) {
      if (!spec.unique) continue;
      // Keys may hold clipped texts: they find the candidates, the whole values decide.
      const values = indexTuples(doc, spec, true);
      for (let i = 0; i < values.length; i++) {
        const want = tupleKey(values[i]);
        const clash = (id: string) => {
          if (id === doc._id) return false;
          const other = this.get(view, coll, id);
          return !!other && indexTuples(other, spec, true).some((t) => tupleKey(t) === want);
        };
        // Stryker disable next-line ArrayDeclaration: an empty prefix reads every key of the index database: more candidates, the whole values still decide
        const prefix = [coll, spec.name, ...clipTuple(values[i])];
        // Stryker disable next-line ObjectLiteral, ArrayDeclaration: reading every key (no end, or an empty one) gives more candidates; the whole values still decide
        for (const key of this.idx.getKeys({ start: K(prefix), end: K([...prefix, MAX_KEY]) })) {
          const k = key as unknown[];
          if (clash(k[k.length - 1] as string)) this.duplicate(coll, spec, values[i]);
        }
        for (const o of this.overlaysFor(view, coll)) for (const id of o.ids(coll)) if (clash(id)) this.duplicate(coll, spec, values[i]);
      }
    }
  }

  private duplicate(coll: string, spec: NamedIndex, tuple: unknown[]): never {
    const keyValue = Object.fromEntries(Object.keys(spec.keys).map((f, i) => [f, tuple[i]]));
    throw new StoreError('DUPLICATE_KEY', `Duplicate key in ${coll} for index ${spec.name}: ${JSON.stringify(keyValue)}`, {
      collection: coll,
      index: spec.name,
      key: keyValue,
    });
  }

  /**
   * Queues the transaction's writes into LMDB's next batch and resolves once that batch is on
   * disk. LMDB (overlappingSync) reports a batch committed before its pages are synced, so the
   * write waits for the batch's flush too: an acknowledged write survives power loss, not only
   * a killed process. Until then its documents stay readable from `pending`.
   */
  private commit(overlay: Overlay): Promise<void> {
    const writes = overlay.list();
    if (writes.length === 0) return Promise.resolve();
    const token = {};
    let newColls: string[] | null = null;
    for (const w of writes) {
      this.pending.set(w.coll, w.id, w.doc);
      this.pendingToken.set(w.key, token);
      if (!this.knownColls.has(w.coll) && !newColls?.includes(w.coll)) (newColls ??= []).push(w.coll);
    }
    // A child transaction of LMDB's batch: if anything in it throws, none of its writes stay
    // (a plain batch callback keeps the puts made before the throw).
    const applied = this.env.childTransaction(() => {
      try {
        // Stryker disable next-line BooleanLiteral: only the key of a catalogue entry is read, never its value
        if (newColls) for (const c of newColls) this.meta.put(['coll', c], true);
        for (const w of writes) this.applyWrite(w.coll, w.id, w.doc, w.fresh);
      } catch (e) {
        this.forgetUnsavedStructures();
        throw e;
      }
    });
    // Taken right after queueing, `flushed` is the flush of the batch this transaction joined.
    const synced = new Promise<unknown>((resolve, reject) => this.env.flushed.then(resolve, reject));
    const tracked = Promise.all([applied, synced]).then(
      () => {
        if (newColls) for (const c of newColls) this.knownColls.add(c);
        this.clearPending(writes, token);
      },
      (e) => {
        this.clearPending(writes, token);
        // Stryker disable next-line OptionalChaining: LMDB rejects a batch with an Error, never with null or undefined
        throw /maximum key size/i.test(String((e as Error)?.message))
          ? new StoreError('INVALID_UPDATE', 'A value is too long for an index of this collection (an index key holds at most four long texts)', { cause: String((e as Error).message) })
          : e;
      },
    );
    this.inflight.add(tracked);
    const untrack = () => this.inflight.delete(tracked);
    tracked.then(untrack, untrack);
    return tracked;
  }

  /**
   * A document shape first seen in an aborted transaction was saved to the shared structures
   * inside it, so it is gone from disk but still in the encoder's memory; later documents would
   * refer to it. msgpackr's own remedy (as when a structure save is declined): mark the
   * structures uninitialized, and the next encode reloads them from the database.
   */
  private forgetUnsavedStructures(): void {
    // Stryker disable next-line OptionalChaining: LMDB's msgpack databases always have an encoder
    const structures = (this.docs as unknown as { encoder?: { structures?: { uninitialized?: boolean } } }).encoder?.structures;
    if (structures) structures.uninitialized = true;
  }

  private clearPending(writes: Write[], token: object): void {
    for (const w of writes) {
      if (this.pendingToken.get(w.key) === token) {
        this.pendingToken.delete(w.key);
        this.pending.delete(w.coll, w.id);
      }
    }
  }

  /** Inside an LMDB write transaction: store the document and move its index keys. */
  private applyWrite(coll: string, id: string, doc: Doc | null, fresh: boolean): void {
    // The old document is read only to move its index keys: not for a collection without
    // indexes, nor for a document this transaction inserted (transactions apply in commit
    // order, so it is not on disk yet).
    const specs = this.indexes(coll);
    // Stryker disable next-line LogicalOperator: a document this transaction inserted is not on disk, so reading it gives undefined all the same
    const before = fresh || specs.length === 0 ? undefined : (this.docs.get([coll, id]) as Doc | undefined);
    for (const spec of specs) {
      if (!before) {
        if (doc) for (const t of indexTuples(doc, spec)) this.idx.put(K([coll, spec.name, ...t, id]), EMPTY);
        continue;
      }
      const oldT = indexTuples(before, spec);
      const newT = doc ? indexTuples(doc, spec) : [];
      const newKeys = new Set(newT.map(tupleKey));
      const oldKeys = new Set(oldT.map(tupleKey));
      // Only the keys that change are written (putting one already there again would change nothing).
      for (const t of oldT) if (!newKeys.has(tupleKey(t))) this.idx.remove(K([coll, spec.name, ...t, id]));
      // Stryker disable next-line ConditionalExpression: see above
      for (const t of newT) if (!oldKeys.has(tupleKey(t))) this.idx.put(K([coll, spec.name, ...t, id]), EMPTY);
    }
    if (doc) this.docs.put([coll, id], doc);
    else this.docs.remove([coll, id]);
  }

  async ensureIndexes(coll: string, specs: IndexSpec[]): Promise<void> {
    await this.exclusive(async () => {
      const existing = new Map(this.indexes(coll).map((s) => [s.name, s]));
      const added: NamedIndex[] = [];
      for (const spec of specs) {
        const name = indexName(spec);
        checkName('index', name);
        const prev = existing.get(name);
        // Stryker disable next-line ObjectLiteral: an unchanged spec is then rebuilt to the same keys
        if (prev && JSON.stringify(prev) === JSON.stringify({ ...spec, name })) continue;
        added.push({ ...spec, name });
      }
      if (added.length === 0) return;
      checkIndexCount(coll, new Set([...existing.keys(), ...added.map((x) => x.name)]));
      for (const spec of added) {
        if (!spec.unique) continue;
        const seen = new Map<string, string>();
        for (const { key, value } of this.docs.getRange({ start: [coll], end: [coll, MAX_KEY] })) {
          for (const t of indexTuples(value as Doc, spec, true)) {
            const k = tupleKey(t);
            if (seen.has(k)) this.duplicate(coll, spec, t);
            seen.set(k, (key as string[])[1]);
          }
        }
      }
      await this.env.transaction(() => {
        for (const spec of added) {
          const prev = existing.get(spec.name);
          if (prev) for (const key of this.idx.getKeys({ start: [coll, spec.name], end: [coll, spec.name, MAX_KEY] })) this.idx.remove(key);
          this.meta.put(['index', coll, spec.name], spec);
          for (const { key, value } of this.docs.getRange({ start: [coll], end: [coll, MAX_KEY] })) {
            const id = (key as string[])[1];
            for (const t of indexTuples(value as Doc, spec)) this.idx.put(K([coll, spec.name, ...t, id]), EMPTY);
          }
        }
        // Stryker disable next-line BooleanLiteral: only the key of a catalogue entry is read, never its value
        this.meta.put(['coll', coll], true);
      });
      this.indexCache.delete(coll);
      this.knownColls.add(coll);
    });
  }

  async dropIndex(coll: string, name: string): Promise<boolean> {
    return this.exclusive(async () => {
      if (!this.indexes(coll).some((s) => s.name === name)) return false;
      await this.env.transaction(() => {
        for (const key of this.idx.getKeys({ start: [coll, name], end: [coll, name, MAX_KEY] })) this.idx.remove(key);
        this.meta.remove(['index', coll, name]);
      });
      this.indexCache.delete(coll);
      return true;
    });
  }

  /** Waits until every group commit in flight is on disk. */
  private async drain(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Brings a data directory written by an earlier version up to today's format (upgrade.ts). */
  upgradeFormat(): Promise<void> {
    return upgradeFormat(this.env, this.idx, this.meta);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const release = await this.mutex.acquire();
    try {
      await this.drain();
      this.closed = true;
      await this.env.close();
    } finally {
      this.releaseLock();
      release();
    }
  }

  assertOpen(): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'The store is closed');
  }
}

export async function createEmbeddedStore(opts: { dataDir: string }): Promise<EmbeddedStore> {
  const store = new EmbeddedStore(opts.dataDir);
  try {
    await store.upgradeFormat();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
