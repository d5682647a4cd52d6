// One collection of the embedded store: the Store port's operations over EmbeddedStore's
// reads (planned, index-backed) and writes (inside a transaction, unique keys checked at the
// call like MongoDB does). Updates use mingo's implementation of MongoDB's update operators.
import { find as mingoFind, Aggregator, update as mingoUpdate } from 'mingo';
import {
  StoreError,
  type Collection,
  type DeleteResult,
  type Doc,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type Pipeline,
  type ReadOptions,
  type Update,
  type UpdateOptions,
  type UpdateResult,
  type WriteOptions,
} from '../types';
import { checkDocument, checkFilter, checkPipeline, checkUpdate, requireIdToUpsert } from '../guard';
import { newId } from '../ids';
import { groupPlan, runGroup } from './group';
import { cloneDoc } from '../clone';
import type { EmbeddedStore, View } from './store';
import type { Overlay } from './tx';

type NewDoc<T> = Omit<T, '_id'> & { _id?: string };

/**
 * A find's projection. The common one, top-level fields included (`{ title: 1, due: 1 }`, which
 * is what lists ask), is a plain pick, with `_id` as MongoDB keeps it; anything else (dotted
 * paths, exclusions, operators) goes through mingo, which cost most of a 200-record page.
 */
function project(docs: Doc[], projection: FindOptions['projection']): Doc[] {
  if (!projection) return docs;
  const keys = Object.keys(projection);
  if (keys.length === 0) return docs;
  // (Without the `_id` case, `{ _id: 0, a: 1 }` goes to mingo, which projects it the same, slower.)
  const plain = keys.every((k) => !k.includes('.') && !k.startsWith('$') && (k === '_id' || projection[k] === 1));
  // `{ _id: 0 }` alone is an exclusion (MongoDB returns all but the _id), which mingo does.
  if (!plain || (keys.length === 1 && projection._id === 0)) return mingoFind(docs, {}, projection).all() as Doc[];
  const withId = projection._id !== 0;
  const picked = keys.filter((k) => k !== '_id');
  return docs.map((d) => {
    const out: Doc = (withId ? { _id: d._id } : {}) as Doc;
    for (const k of picked) if (Object.prototype.hasOwnProperty.call(d, k) && d[k] !== undefined) (out as Record<string, unknown>)[k] = d[k];
    return out;
  });
}

/**
 * Whether two documents hold the same values (undefined values left out; key order ignored, as
 * documents written before _id moved first keep it last), without writing either out: a
 * replace that changes nothing does not count as modified.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Each of the four conditions alone can go (the others or the tag check below answer false for
  // the same pairs); without all of them, Infinity and -Infinity would compare by their JSON.
  // Stryker disable next-line LogicalOperator: a pair let through here (one null or a primitive, the other not) differs in tag below: false all the same
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  // Stryker disable next-line LogicalOperator: an array and a non-array let through here differ in tag below: false all the same
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // (`<=` would compare one more pair, undefined and undefined: the same.)
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  // By tag, not prototype: documents decoded by the storage engine may come from another realm.
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;
  if (tag !== '[object Object]') return JSON.stringify(a) === JSON.stringify(b); // dates, bytes
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  if (ka.length !== Object.keys(rb).filter((k) => rb[k] !== undefined).length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameJson(ra[k], rb[k])) return false;
  return true;
}

/** The equality fields of a filter, as an upsert copies them into the new document. */
function equalityFields(filter: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      Object.assign(out, ...v.map((f) => equalityFields(f as Filter)));
      continue;
    }
    // Stryker disable next-line MethodExpression: mingo refuses every top-level operator but $and/$or/$nor before an upsert gets here, and no branch below copies their arrays
    if (k.startsWith('$') || k.includes('.')) continue;
    if (v === null || typeof v !== 'object' || v instanceof Date) out[k] = v;
    // (Taking any object here would copy `undefined` from other operators: no value, never stored.)
    else if (Object.keys(v).length === 1 && '$eq' in (v as object)) out[k] = (v as { $eq: unknown }).$eq;
  }
  return out;
}

/** $set / $inc / $unset on top-level fields, done directly: mingo's updater costs ~0.2 ms a call. */
function simpleUpdate(doc: Doc, update: Update): boolean | null {
  // Each `return null` only hands the update to mingo, which makes the same document (slower):
  // a condition here that sends more to mingo changes no answer.
  for (const op of Object.keys(update)) if (op !== '$set' && op !== '$inc' && op !== '$unset') return null;
  for (const body of Object.values(update)) for (const k of Object.keys(body as object)) if (k.includes('.')) return null;
  const inc = (update.$inc ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(inc)) if (typeof v !== 'number' || (doc[k] !== undefined && typeof doc[k] !== 'number')) return null;
  let changed = false;
  for (const [k, v] of Object.entries((update.$set ?? {}) as Record<string, unknown>)) {
    // JSON tells a new key order (a change to MongoDB too); sameJson a new type that JSON writes
    // alike (a date and its text, Infinity and -Infinity).
    if (JSON.stringify(doc[k]) !== JSON.stringify(v) || !sameJson(doc[k], v)) changed = true;
    doc[k] = cloneDoc(v);
  }
  for (const [k, v] of Object.entries(inc)) {
    // An $inc of 0 still creates a missing field: a change.
    if (v !== 0 || doc[k] === undefined) changed = true;
    doc[k] = ((doc[k] as number | undefined) ?? 0) + (v as number);
  }
  for (const k of Object.keys((update.$unset ?? {}) as object)) {
    if (k in doc) changed = true;
    delete doc[k];
  }
  return changed;
}

function applyUpdate(doc: Doc, update: Update, inserting: boolean): boolean {
  const { $setOnInsert, ...rest } = update as { $setOnInsert?: Record<string, unknown> } & Update;
  // (Skipping the fast path only hands every update to mingo below: the same document, slower.)
  if (!$setOnInsert || !inserting) {
    const fast = simpleUpdate(doc, rest);
    if (fast !== null) return fast;
  }
  // $setOnInsert applies to an insert only, and whether an insert changed anything is never asked.
  if (inserting && $setOnInsert) mingoUpdate(doc, { $set: $setOnInsert });
  // (An upsert of $setOnInsert alone leaves `rest` empty: mingo changes nothing then.)
  return mingoUpdate(doc, rest).length > 0;
}

export class EmbeddedCollection implements Collection<Doc> {
  constructor(
    private readonly store: EmbeddedStore,
    readonly name: string,
  ) {}

  private read(filter: Filter, opts: FindOptions = {}): Doc[] {
    this.store.assertOpen();
    checkFilter(filter);
    const view = this.store.viewOf(opts.session);
    const docs = this.store.query(view, this.name, filter, opts.sort ?? {}, opts.skip ?? 0, opts.limit ?? 0);
    return project(docs, opts.projection);
  }

  async find(filter: Filter, opts?: FindOptions): Promise<Doc[]> {
    return this.read(filter, opts);
  }

  async findOne(filter: Filter, opts?: FindOptions): Promise<Doc | null> {
    return this.read(filter, { ...opts, limit: 1 })[0] ?? null;
  }

  async count(filter: Filter, opts?: ReadOptions): Promise<number> {
    this.store.assertOpen();
    checkFilter(filter);
    return this.store.count(this.store.viewOf(opts?.session), this.name, filter);
  }

  /**
   * Which plan a read would use, how many keys it would visit, and whether a count of the filter
   * is made from the index keys alone (`exact`: no document read) (for tests and tuning).
   */
  explain(filter: Filter, opts: { sort?: Record<string, 1 | -1> } = {}): { plan: string; index?: string; ordered: boolean; exact: boolean; scanned: number } {
    const p = this.store.planFor(this.name, filter, opts.sort ?? {});
    let scanned = 0;
    for (const _ of this.store.candidateIds(this.name, p)) scanned++;
    const exact = (p.kind === 'index' || p.kind === 'union') && p.exact;
    return { plan: p.kind, index: p.kind === 'index' ? p.index.name : undefined, ordered: p.kind === 'ids' || p.ordered, exact, scanned };
  }

  private insertIn(view: View, overlay: Overlay, input: NewDoc<Doc>): Doc {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new StoreError('INVALID_UPDATE', 'A document must be an object');
    const id = input._id ?? newId();
    if (typeof id !== 'string' || id.length === 0) throw new StoreError('INVALID_UPDATE', '_id must be a non-empty string');
    // The caller gets its own input back with the _id (sharing only what it already owned), _id
    // first as MongoDB stores it; a spread, not Object.assign, so an own "__proto__" stays data.
    const own = { _id: id, ...input } as Doc;
    if (own._id !== id) own._id = id; // an own `_id: undefined` in the input was spread over it
    const doc = cloneDoc(own);
    // A generated id is new by construction (time, per-process random part, counter, like an
    // ObjectId): only a caller's own _id needs the lookup.
    if (input._id !== undefined && this.store.get(view, this.name, doc._id)) {
      throw new StoreError('DUPLICATE_KEY', `Duplicate key in ${this.name} for index _id: ${doc._id}`, { collection: this.name, index: '_id', key: { _id: doc._id } });
    }
    checkDocument(doc);
    this.store.checkUnique(view, this.name, doc);
    // New to disk unless this transaction deleted a document of that _id before re-inserting it.
    overlay.set(this.name, doc._id, doc, overlay.get(this.name, doc._id) === undefined);
    return own;
  }

  async insertOne(doc: NewDoc<Doc>, opts?: WriteOptions): Promise<Doc> {
    return this.store.write(opts?.session, (view, overlay) => this.insertIn(view, overlay, doc));
  }

  async insertMany(docs: NewDoc<Doc>[], opts?: WriteOptions): Promise<Doc[]> {
    return this.store.write(opts?.session, (view, overlay) => docs.map((d) => this.insertIn(view, overlay, d)));
  }

  /** Updates the first `max` matches; returns before/after of each. */
  private updateIn(view: View, overlay: Overlay, filter: Filter, update: Update, max: number, upsert: boolean) {
    checkFilter(filter);
    checkUpdate(update);
    const matches = this.store.query(view, this.name, filter, {}, 0, max);
    const changes: Array<{ before: Doc | null; after: Doc }> = [];
    let modified = 0;
    for (const found of matches) {
      const after = cloneDoc(found);
      // applyUpdate says whether anything changed (setting a field to its value is no change).
      if (applyUpdate(after, update, false)) {
        // Stryker disable next-line StringLiteral: unreachable: checkUpdate refuses `_id` fields and mingo paths under `_id`, so no update changes it
        if (after._id !== found._id) throw new StoreError('INVALID_UPDATE', 'The _id of a document cannot change');
        checkDocument(after);
        this.store.checkUnique(view, this.name, after);
        overlay.set(this.name, after._id, after);
        modified++;
      }
      changes.push({ before: found, after });
    }
    let upsertedId: string | undefined;
    if (matches.length === 0 && upsert) {
      const seed = cloneDoc(equalityFields(filter)) as Doc;
      applyUpdate(seed, update, true);
      const inserted = this.insertIn(view, overlay, seed);
      upsertedId = inserted._id;
      changes.push({ before: null, after: inserted });
    }
    return { matched: matches.length, modified, upsertedId, changes };
  }

  async updateOne(filter: Filter, update: Update, opts?: UpdateOptions): Promise<UpdateResult> {
    return this.store.write(opts?.session, (view, overlay) => {
      const { matched, modified, upsertedId } = this.updateIn(view, overlay, filter, update, 1, !!opts?.upsert);
      return upsertedId ? { matched, modified, upsertedId } : { matched, modified };
    });
  }

  async updateMany(filter: Filter, update: Update, opts?: WriteOptions): Promise<UpdateResult> {
    return this.store.write(opts?.session, (view, overlay) => {
      const { matched, modified } = this.updateIn(view, overlay, filter, update, 0, false);
      return { matched, modified };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, opts: FindOneAndUpdateOptions = {}): Promise<Doc | null> {
    const result = await this.store.write(opts.session, (view, overlay) => {
      const { changes } = this.updateIn(view, overlay, filter, update, 1, !!opts.upsert);
      const c = changes[0];
      if (!c) return null;
      return (opts.returnDocument ?? 'after') === 'after' ? c.after : c.before;
    });
    return result ? project([cloneDoc(result)], opts.projection)[0] : null;
  }

  async replaceOne(filter: Filter, doc: Omit<Doc, '_id'>, opts?: UpdateOptions): Promise<UpdateResult> {
    checkFilter(filter);
    requireIdToUpsert(filter, opts);
    return this.store.write(opts?.session, (view, overlay) => {
      const found = this.store.query(view, this.name, filter, {}, 0, 1)[0];
      if (!found) {
        if (!opts?.upsert) return { matched: 0, modified: 0 };
        const inserted = this.insertIn(view, overlay, { ...equalityFields(filter), ...doc } as NewDoc<Doc>);
        return { matched: 0, modified: 0, upsertedId: inserted._id };
      }
      const { _id: _ignored, ...body } = doc as Doc;
      const after = cloneDoc({ _id: found._id, ...body }) as Doc; // _id first, as MongoDB stores it
      checkDocument(after);
      this.store.checkUnique(view, this.name, after);
      overlay.set(this.name, found._id, after);
      return { matched: 1, modified: sameJson(found, after) ? 0 : 1 };
    });
  }

  private deleteIn(filter: Filter, max: number, opts?: WriteOptions): Promise<DeleteResult> {
    checkFilter(filter);
    return this.store.write(opts?.session, (view, overlay) => {
      const found = this.store.query(view, this.name, filter, {}, 0, max);
      for (const d of found) overlay.set(this.name, d._id, null);
      return { deleted: found.length };
    });
  }

  async deleteOne(filter: Filter, opts?: WriteOptions): Promise<DeleteResult> {
    return this.deleteIn(filter, 1, opts);
  }

  async deleteMany(filter: Filter, opts?: WriteOptions): Promise<DeleteResult> {
    return this.deleteIn(filter, 0, opts);
  }

  async aggregate<R = Doc>(pipeline: Pipeline, opts?: ReadOptions): Promise<R[]> {
    if (!Array.isArray(pipeline)) throw new StoreError('INVALID_QUERY', 'A pipeline must be an array of stages');
    checkPipeline(pipeline);
    const view = this.store.viewOf(opts?.session);
    // A leading $match (and $sort) is served by the planner, so reports use indexes too.
    let rest = pipeline;
    let filter: Filter = {};
    if (rest[0] && '$match' in rest[0]) {
      filter = rest[0].$match as Filter;
      // Stryker disable next-line MethodExpression: the $match left in the pipeline filters again what the planner filtered, keeping its order
      rest = rest.slice(1);
    }
    let input: Doc[] = this.store.query(view, this.name, filter, {}, 0, 0);
    // A $group of field paths and plain accumulators runs here, in one loop (group.ts).
    // Stryker disable next-line StringLiteral: without the fast $group, mingo's gives the same rows in the same order (embedded-group.test.ts); only speed differs
    const plan = rest[0] && '$group' in rest[0] ? groupPlan(rest[0].$group) : null;
    const grouped = plan ? runGroup(plan, input) : null;
    // Stryker disable next-line BlockStatement: left in the pipeline, the $group is run by mingo on the same input: the same rows in the same order, only slower
    if (grouped) {
      input = grouped;
      rest = rest.slice(1);
    }
    const collectionResolver = (name: string) => this.store.query(view, name, {}, {}, 0, 0);
    return new Aggregator(rest, { collectionResolver }).run(input) as R[];
  }

  async ensureIndexes(specs: IndexSpec[]): Promise<void> {
    await this.store.ensureIndexes(this.name, specs);
  }

  async listIndexes(): Promise<IndexSpec[]> {
    return this.store.indexes(this.name).map((s) => ({ ...s }));
  }

  async dropIndex(name: string): Promise<boolean> {
    return this.store.dropIndex(this.name, name);
  }
}
