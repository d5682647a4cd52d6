// Records of a form: every write runs the form engine authoritatively inside one transaction
// with its serial numbers, relation autofill and lookups, cross-form checks and audit entry,
// so a refused write leaves nothing behind (not even a consumed serial number).
import { dataFields, datetimesToUtc, formatSerial, serialPeriodKey, textOf, type CompiledForm, type FormEngine, type FormSchema, type Locale } from '@tessera/form-engine';
import { nowIso, type Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Principal } from '../http/principal';
import { StoreError, type Doc, type Filter, type Store, type TxSession } from '../storage';
import { appendAudit, diffRecords, type AuditEntry } from './audit';
import { fieldPlan, formIndexes, recordsCollection } from './form-plan';
import { FileLinks } from './file-links';
import { notFound, ruleFailed, stale, withoutLocked } from './record-helpers';
import { listPage, type ListQuery } from './record-page';
import { boardRecords, type BoardQuery } from './record-board';
import { NOTIFICATIONS } from './notifications';
import { groupRecords, type GroupQuery } from './record-groups';
import { forbidden, FormAccess, RECORD_DEPARTMENTS, type Action, type Caller } from './permissions';

export type RecordDoc = Doc & { _v: number; _deleted: boolean };

export { fullCaller, type Caller } from './permissions';

export type { ListQuery };

export interface RecordsServiceOptions {
  store: Store;
  engine: FormEngine;
  timeZone: string;
  /** The time of every write: system times, serial periods, TODAY() and NOW() in formulas and checks. */
  clock: Clock;
  /** Another form of the same app (relations, cross-form checks). */
  resolveForm(appId: string, formId: string): Promise<FormSchema | null>;
}

export { recordsCollection };

/** A record as it was stored elsewhere (a package, the form a copy comes from): its id and values; other `_` keys are ignored. */
export type StoredRecord = { _id: string } & Record<string, unknown>;

/** What writeStored did to one record: enough for undoStored to take it back. */
export interface StoredWrite {
  id: string;
  /** The record it replaced; null when it created it. */
  before: RecordDoc | null;
  /** The revision it wrote. */
  v: number;
}

/** Most records one writeStored call (one transaction) should carry. */
export const STORED_BATCH = 500;

/** What `relate` gives for a form without relation fields. */
const NOTHING_RELATED = Object.freeze({ display: {}, autofill: {}, records: {} });

export class RecordsService {
  /** Which records hold which files (a download asks the same check as the record). */
  readonly files: FileLinks;

  constructor(private readonly o: RecordsServiceOptions) {
    this.files = new FileLinks(o.store, o.engine);
  }

  private coll(formId: string) {
    return this.o.store.collection<RecordDoc>(recordsCollection(formId));
  }

  async ensureIndexes(schema: FormSchema): Promise<void> {
    await this.coll(schema.id).ensureIndexes(formIndexes(schema));
  }

  /** The stored record, whoever asks (the services' own reads); callers' reads go through `read`. */
  async get(schema: FormSchema, id: string, opts: { includeDeleted?: boolean; session?: TxSession } = {}): Promise<RecordDoc> {
    const doc = await this.coll(schema.id).findOne({ _id: id }, { session: opts.session });
    if (!doc || (doc._deleted && !opts.includeDeleted)) throw notFound(id);
    return doc;
  }

  /**
   * The record as the caller may see it: 404 when it does not exist or the caller cannot see it
   * (a refused record is one that does not exist); a deleted one only for whom may restore it.
   * Hidden fields are left out; `_access` says what the caller may do with it (absent for full access).
   */
  async read(caller: Caller, schema: FormSchema, id: string): Promise<RecordDoc> {
    return this.shown(caller.access, await this.visible(caller.access, schema, id));
  }

  /** The stored record if the caller can see it (a deleted one: if they may restore it), else 404 (comments ask it too). */
  async visible(access: FormAccess, schema: FormSchema, id: string, session?: TxSession): Promise<RecordDoc> {
    const doc = await this.get(schema, id, { includeDeleted: true, session });
    if (!access.reaches(doc._deleted ? 'restore' : 'view', doc)) throw notFound(id);
    return doc;
  }

  /** What leaves the server of a record: without the fields hidden on it, with what the caller may do (when restricted). */
  shown(access: FormAccess, doc: RecordDoc): RecordDoc {
    if (access.isFull) return doc;
    return Object.assign(access.redact(doc), { _access: access.describe(doc) });
  }

  /**
   * A page of the records the action reaches for the caller (view: a list; export; restore: the
   * trash, `deleted: 'only'`). A filter, a search or a sort may name only fields the caller sees:
   * a field hidden on some of their records is filtered and searched on the records where it is
   * visible only, and cannot be sorted by; a field hidden on all of them is unknown.
   */
  async list(caller: Caller, schema: FormSchema, query: ListQuery, action: Action = 'view'): Promise<{ items: RecordDoc[]; nextCursor: string | null; total?: number }> {
    return listPage(this.coll(schema.id), caller, schema, query, action, this.o, (d) => this.shown(caller.access, d));
  }

  /** A kanban's columns by a select or a member field, each read as `list` reads (record-board.ts). */
  board(caller: Caller, schema: FormSchema, query: BoardQuery) {
    return boardRecords(this.coll(schema.id), caller, schema, query, this.o, (d) => this.shown(caller.access, d));
  }

  /** Records counted and summarized by one or two fields, over what the caller's list would show (record-groups.ts). */
  groups(caller: Caller, schema: FormSchema, query: GroupQuery) {
    return groupRecords(this.coll(schema.id), caller, schema, query, this.o.engine, this.o.timeZone);
  }

  /**
   * Creates a record for the caller: they need create on the form, may give no value to a field
   * hidden or read-only for them (a blank one is ignored), and the record must be one their
   * create grant reaches (a set for "my supplier's records" creates only those).
   */
  async create(caller: Caller, appId: string, schema: FormSchema, body: Record<string, unknown>, locale: Locale): Promise<RecordDoc> {
    const { principal, access } = caller;
    if (!access.allows('create')) throw forbidden('create');
    const input = withoutLocked(body, access.lockedOn('create', body), {});
    const compiled = this.o.engine.compile(schema);
    const now = this.o.clock.now();
    return this.o.store.withTransaction(async (session) => {
      const related = fieldPlan(schema).relations.length ? await this.relate(caller, appId, schema, compiled, input, session) : NOTHING_RELATED;
      // The server's values come first, so formulas and rules compute from them, never from what
      // the body claims. A serial drawn for a write that is then refused goes back with the
      // transaction (the counter is written in it).
      const server = this.serverValues(compiled, related);
      for (const f of fieldPlan(schema).serials) {
        const period = serialPeriodKey(f.pattern, now, this.o.timeZone);
        const counter = await this.o.store
          .collection<{ _id: string; seq: number }>('counters')
          .findOneAndUpdate({ _id: `${schema.id}:${f.id}:${period}` }, { $inc: { seq: 1 } }, { upsert: true, session });
        server[f.id] = formatSerial(f.pattern, now, this.o.timeZone, counter!.seq);
      }
      const result = compiled.process({ ...input, ...related.autofill, ...server }, { mode: 'create', now, timeZone: this.o.timeZone, locale });
      if (!result.ok) throw ruleFailed(result.issues, access.hiddenEverywhere());
      // Stored exactly as the server set them, whatever the engine's intake made of them.
      const data: Record<string, unknown> = Object.assign(result.data, server);
      const checking = this.crossCheck(compiled, data, now, locale, session);
      if (checking) await checking;
      const at = now.toISOString();
      // System fields first, then the values spread in: a literal built this way is a fast V8
      // object in about 0.6 µs. Object.assign of the system fields onto the values made a slow
      // dictionary object, and properties written after a spread cost about 0.5 µs each. (Field
      // ids start with a letter, so no value can stand in for a system field.)
      const doc = {
        _v: 1, _createdAt: at, _createdBy: principal.userId, _updatedAt: at, _updatedBy: principal.userId,
        _deleted: false, _deletedAt: null, _formVersion: schema.version ?? 0, [RECORD_DEPARTMENTS]: principal.departmentIds,
        ...this.dropEmptyUnique(schema, data),
      };
      if (!access.reaches('create', doc)) throw forbidden('create');
      const saved = await this.insert(schema, doc, session);
      await this.files.link(appId, schema, saved, session);
      await appendAudit(this.o.store, session, { actor: actorOf(principal), action: 'record.create', collection: recordsCollection(schema.id), recordId: saved._id, before: null, after: saved, at });
      return this.shown(access, saved);
    });
  }

  /**
   * Changes a record the caller can see (else 404) and may edit (else 403), in fields they may
   * change on it (a hidden or read-only field sent unchanged is ignored, changed is 403 naming it);
   * the record must still be one their edit grant reaches afterwards. `_v` is the revision edited
   * (the route's schema requires a whole number: 400 naming `_v` otherwise).
   */
  async patch(caller: Caller, appId: string, schema: FormSchema, id: string, body: { _v: number } & Record<string, unknown>, locale: Locale): Promise<RecordDoc> {
    const { principal, access } = caller;
    const { _v, _access: _ignored, ...given } = body;
    const compiled = this.o.engine.compile(schema);
    const now = this.o.clock.now();
    return this.o.store.withTransaction(async (session) => {
      const current = await this.get(schema, id, { session });
      if (!access.reaches('view', current)) throw notFound(id);
      if (!access.reaches('edit', current)) throw forbidden('edit');
      const changes = withoutLocked(given, access.lockedOn('edit', current), current);
      if (current._v !== _v) throw stale(current._v);
      // The stored values of fields this version still has: a field removed since the record
      // was saved is dropped (publishing said so), rather than failing every later edit.
      const values = Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('_') && compiled.fields.has(k)));
      const merged = { ...values, ...changes };
      const related = fieldPlan(schema).relations.length ? await this.relate(caller, appId, schema, compiled, merged, session, changes) : NOTHING_RELATED;
      // As in create: the server's values (the serial keeps the stored one) before formulas and rules.
      const server = this.serverValues(compiled, related);
      for (const f of fieldPlan(schema).serials) server[f.id] = current[f.id] ?? null;
      const result = compiled.process({ ...merged, ...related.autofill, ...server }, { mode: 'update', now, timeZone: this.o.timeZone, locale });
      if (!result.ok) throw ruleFailed(result.issues, access.hiddenOn(current) ?? new Set());
      // Stored exactly as the server set them, whatever the engine's intake made of them.
      const data: Record<string, unknown> = Object.assign(result.data, server);
      const checking = this.crossCheck(compiled, data, now, locale, session);
      if (checking) await checking;
      const at = now.toISOString();
      const next = {
        _v: current._v + 1, _createdAt: current._createdAt, _createdBy: current._createdBy, _updatedAt: at, _updatedBy: principal.userId,
        _deleted: false, _deletedAt: null, _formVersion: schema.version ?? 0, [RECORD_DEPARTMENTS]: current[RECORD_DEPARTMENTS] ?? [],
        ...this.dropEmptyUnique(schema, data),
      };
      if (!access.reaches('edit', { _id: id, ...next })) throw forbidden('edit');
      const r = await this.guardUnique(schema, () => this.coll(schema.id).replaceOne({ _id: id, _v: current._v }, next, { session }));
      // Never true on our stores (a transaction runs alone on the embedded store; on MongoDB a write
      // between the read and this one is a write conflict, and the transaction is run again): kept
      // so a store without that isolation cannot lose an edit. A mutant that drops it survives.
      if (r.matched === 0) throw stale(current._v);
      const saved = { _id: id, ...next } as RecordDoc;
      await this.files.link(appId, schema, saved, session);
      await appendAudit(this.o.store, session, { actor: actorOf(principal), action: 'record.update', collection: recordsCollection(schema.id), recordId: id, before: current, after: saved, at });
      return this.shown(access, saved);
    });
  }

  /**
   * Writes records that were stored before (an app package, a copied form) under their own ids,
   * in the caller's transaction. Their values are kept as given: they were valid when first
   * written, and are not checked again against today's form; only datetimes (subform cells too)
   * are stored as their UTC instants, as every write stores them, so filters and sorts find them. Empty unique values are dropped
   * (as create does). A new record starts at revision 1; one already stored under the id is
   * replaced, its revision going on and its creation kept. A unique clash is 409 DUPLICATE naming
   * the field. With `audit`, one entry per record under that action. Callers pass at most
   * STORED_BATCH records a transaction.
   */
  async writeStored(principal: Principal, schema: FormSchema, records: readonly StoredRecord[], opts: { session: TxSession; appId: string; at?: string; audit?: string }): Promise<StoredWrite[]> {
    const { session } = opts;
    const at = opts.at ?? nowIso(this.o.clock);
    const coll = this.coll(schema.id);
    const stored = new Map((await coll.find({ _id: { $in: records.map((r) => r._id) } }, { session })).map((d) => [d._id, d]));
    const created: RecordDoc[] = [];
    const written: Array<{ before: RecordDoc | null; after: RecordDoc }> = [];
    for (const r of records) {
      const given: Record<string, unknown> = {};
      for (const k of Object.keys(r)) if (k.charCodeAt(0) !== 95 /* _ */) given[k] = r[k];
      const values = datetimesToUtc(schema.fields, given);
      const before = stored.get(r._id) ?? null;
      const doc = {
        _v: before ? before._v + 1 : 1,
        _createdAt: before ? before._createdAt : at,
        _createdBy: before ? before._createdBy : principal.userId,
        _updatedAt: at,
        _updatedBy: principal.userId,
        _deleted: false,
        _deletedAt: null,
        _formVersion: schema.version ?? 0,
        ...this.dropEmptyUnique(schema, values),
      };
      const after = { _id: r._id, ...doc } as RecordDoc;
      if (before) await this.guardUnique(schema, () => coll.replaceOne({ _id: r._id }, doc, { session }));
      else created.push(after);
      written.push({ before, after });
    }
    await this.guardUnique(schema, () => coll.insertMany(created, { session })); // none is a no-op on both stores
    for (const { after } of written) await this.files.link(opts.appId, schema, after, session);
    if (opts.audit) {
      for (const { before, after } of written) {
        await appendAudit(this.o.store, session, { actor: actorOf(principal), action: opts.audit, collection: recordsCollection(schema.id), recordId: after._id, before, after, at });
      }
    }
    return written.map(({ before, after }) => ({ id: after._id, before, v: after._v }));
  }

  /**
   * Takes back what writeStored wrote (a larger write that failed after some of its transactions
   * were committed), in the caller's transaction: records it created are removed, records it
   * replaced get their earlier state back. A record someone changed since is left as it is.
   * With `audit`, one entry per record taken back.
   */
  async undoStored(principal: Principal, schema: FormSchema, writes: readonly StoredWrite[], opts: { session: TxSession; audit?: string }): Promise<void> {
    const { session } = opts;
    const at = nowIso(this.o.clock);
    const coll = this.coll(schema.id);
    // Only the written ids are read (reading the whole collection would find the same ones: a mutant
    // that drops the filter survives, slower).
    const current = new Map((await coll.find({ _id: { $in: writes.map((w) => w.id) } }, { session })).map((d) => [d._id, d]));
    for (const w of writes) {
      const now = current.get(w.id);
      if (!now || now._v !== w.v) continue;
      if (w.before) {
        const { _id, ...back } = w.before;
        await coll.replaceOne({ _id, _v: w.v }, back, { session });
      } else await coll.deleteOne({ _id: w.id, _v: w.v }, { session });
      if (opts.audit) await appendAudit(this.o.store, session, { actor: actorOf(principal), action: opts.audit, collection: recordsCollection(schema.id), recordId: w.id, before: now, after: w.before, at });
    }
  }

  /**
   * Soft delete (deleted=true) or restore (deleted=false); both audited. All or nothing: a record
   * the caller cannot see is 404, one they may not delete or restore is 403, and nothing is changed.
   */
  async setDeleted(caller: Caller, schema: FormSchema, ids: string[], deleted: boolean): Promise<number> {
    const { principal, access } = caller;
    const at = nowIso(this.o.clock);
    return this.o.store.withTransaction(async (session) => {
      let n = 0;
      for (const id of ids) {
        const current = await this.visible(access, schema, id, session);
        if (!access.reaches(deleted ? 'delete' : 'restore', current)) throw forbidden(deleted ? 'delete' : 'restore');
        if (current._deleted === deleted) continue;
        const set = { _deleted: deleted, _deletedAt: deleted ? at : null, _updatedAt: at, _updatedBy: principal.userId };
        await this.guardUnique(schema, () => this.coll(schema.id).updateOne({ _id: id }, { $set: set, $inc: { _v: 1 } }, { session }));
        await appendAudit(this.o.store, session, { actor: actorOf(principal), action: deleted ? 'record.delete' : 'record.restore', collection: recordsCollection(schema.id), recordId: id, before: current, after: { ...current, ...set, _v: current._v + 1 }, at });
        n++;
      }
      return n;
    });
  }

  /**
   * Deletes a record in the trash for good (who may manage the form: its app's admins): the record,
   * its comments, the notifications about it and which files it held go, in one transaction; the
   * audit trail keeps an entry with what it was. A record not in the trash is 409 NOT_IN_TRASH
   * (delete it first).
   */
  async purge(caller: Caller, schema: FormSchema, id: string): Promise<void> {
    const { principal, access } = caller;
    const at = nowIso(this.o.clock);
    await this.o.store.withTransaction(async (session) => {
      const current = await this.visible(access, schema, id, session);
      // A key without the admin scope manages nothing, whatever its user may do.
      if (!access.reaches('manage', current) || (principal.keyScope && principal.keyScope.access !== 'admin')) throw forbidden('manage');
      if (!current._deleted) {
        throw new AppError('NOT_IN_TRASH', { 'zh-CN': '只能彻底删除回收站里的记录：请先删除它', 'en-US': 'Only a record in the trash can be deleted for good: delete it first' }, [{ path: 'id', message: 'not deleted' }], 409);
      }
      await this.coll(schema.id).deleteOne({ _id: id, _v: current._v }, { session });
      await this.o.store.collection('comments').deleteMany({ formId: schema.id, recordId: id }, { session });
      await this.o.store.collection(NOTIFICATIONS).deleteMany({ 'link.formId': schema.id, 'link.recordId': id }, { session });
      await this.files.unlink(schema.id, id, session);
      await appendAudit(this.o.store, session, { actor: actorOf(principal), action: 'record.purge', collection: recordsCollection(schema.id), recordId: id, before: current, after: null, at });
    });
  }

  /** The record's history for a caller who can see it (else 404), newest first: changes of fields hidden on it are left out. */
  async history(caller: Caller, schema: FormSchema, id: string): Promise<AuditEntry[]> {
    const current = await this.visible(caller.access, schema, id);
    const entries = await this.o.store.collection<AuditEntry>('audit').find({ collection: recordsCollection(schema.id), recordId: id }, { sort: { _id: -1 }, limit: 200 });
    const hidden = caller.access.hiddenOn(current);
    if (hidden === null) return entries;
    return entries.map((e) => ({ ...e, diff: e.diff.filter((c) => !hidden.has(c.field)) }));
  }

  /** The values without empty unique fields (so they do not collide in the unique index); callers copy the result. */
  private dropEmptyUnique(schema: FormSchema, data: Record<string, unknown>): Record<string, unknown> {
    const empty = fieldPlan(schema).uniques.filter((f) => data[f.id] === null || data[f.id] === ''); // an undefined value is no value to either store's index
    if (empty.length === 0) return data;
    const out = Object.assign({}, data);
    for (const f of empty) delete out[f.id];
    return out;
  }

  private async insert(schema: FormSchema, doc: Record<string, unknown>, session: TxSession): Promise<RecordDoc> {
    return this.guardUnique(schema, () => this.coll(schema.id).insertOne(doc as Omit<RecordDoc, '_id'>, { session }));
  }

  /**
   * A unique-index violation becomes 409 DUPLICATE naming the field, in both languages (the error
   * handler answers in the reader's); a clash of record ids (two writers of one id at once) names the id.
   */
  private async guardUnique<R>(schema: FormSchema, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof StoreError && e.code === 'DUPLICATE_KEY') {
        // Stryker disable next-line StringLiteral,OptionalChaining: index is only asked whether it starts with "u_" (any other fallback text names no field either); every DUPLICATE_KEY the stores throw carries details
        const index = String((e.details as { index?: string })?.index ?? '');
        const field = index.startsWith('u_') ? dataFields(schema.fields).find((f) => f.id === index.slice(2)) : undefined;
        if (!field) {
          const message = { 'zh-CN': '已有相同 ID 的记录', 'en-US': 'A record with this id already exists' };
          throw new AppError('DUPLICATE', message, [{ path: '_id', fieldId: '', code: 'unique', message }]);
        }
        const label = { 'zh-CN': textOf(field.label, 'zh-CN') || field.id, 'en-US': textOf(field.label, 'en-US') || field.id };
        const message = { 'zh-CN': `${label['zh-CN']}已存在，不能重复`, 'en-US': `${label['en-US']} must be unique: another record has the same value` };
        throw new AppError('DUPLICATE', message, [{ path: field.id, fieldId: field.id, code: 'unique', message }]);
      }
      throw e;
    }
  }

  /** The values only the server sets besides serials: relation display text and lookups. */
  private serverValues(compiled: CompiledForm, related: { display: Record<string, unknown>; records: Record<string, Record<string, unknown> | null> }): Record<string, unknown> {
    return Object.assign({}, related.display, compiled.lookupValues(related.records));
  }

  /**
   * Loads related records: their display text, autofill values (for changed relations) and
   * lookups. A related record must be one the caller can see in its form (else it "does not
   * exist"), and only the fields they see of it are copied.
   */
  private async relate(caller: Caller, appId: string, schema: FormSchema, compiled: CompiledForm, data: Record<string, unknown>, session: TxSession, changed?: Record<string, unknown>) {
    const display: Record<string, unknown> = {};
    const autofill: Record<string, unknown> = {};
    const records: Record<string, Record<string, unknown> | null> = {};
    for (const f of fieldPlan(schema).relations) {
      const value = data[f.id];
      const refs = (Array.isArray(value) ? value : value ? [value] : []) as Array<{ id?: unknown }>;
      if (refs.length === 0 || refs.some((r) => !r || typeof r !== 'object' || typeof r.id !== 'string')) continue; // the engine reports the shape
      const target = await this.o.resolveForm(appId, f.formId);
      if (!target) {
        // A form the server cannot find gives no display text: keep the ids only, never a display
        // the body made up (a stored value a PATCH leaves alone stays as it is).
        if (!changed || f.id in changed) {
          const ids = refs.map((r) => ({ id: r.id as string }));
          display[f.id] = f.multiple ? ids : ids[0];
        }
        continue;
      }
      const targetAccess = await caller.accessTo(f.formId);
      // In the write's transaction, though nothing in it has written the related form yet (a mutant
      // reading outside it survives).
      const found = await this.coll(f.formId).find({ _id: { $in: refs.map((r) => r.id as string) }, _deleted: false }, { session });
      const byId = new Map(found.filter((d) => targetAccess.reaches('view', d)).map((d) => [d._id, targetAccess.redact(d)]));
      const missing = refs.find((r) => !byId.has(r.id as string));
      if (missing) throw new AppError('RULE_FAILED', { 'zh-CN': '关联的记录不存在', 'en-US': 'A related record does not exist' }, [{ path: f.id, fieldId: f.id, code: 'relation_missing', message: `关联的记录 ${missing.id} 不存在` }]);
      const resolved = refs.map((r) => ({ id: r.id as string, display: String(byId.get(r.id as string)![f.displayField] ?? '') }));
      display[f.id] = f.multiple ? resolved : resolved[0];
      const first = byId.get(refs[0].id as string)!;
      records[f.id] = first;
      if (!changed || f.id in changed) Object.assign(autofill, compiled.autofill(f.id, first));
    }
    return { display, autofill, records };
  }

  /**
   * Cross-form checks (sums, counts, lookups in other forms); most forms have none, and skip the
   * await (awaiting the undefined would give the same: a mutant awaiting it always survives). `now` is the write's: a check by TODAY() asks about the day the record is saved on.
   */
  private crossCheck(compiled: CompiledForm, data: Record<string, unknown>, now: Date, locale: Locale, session: TxSession): Promise<void> | undefined {
    const queries = compiled.planCrossChecks(data, { now, timeZone: this.o.timeZone });
    if (queries.length === 0) return undefined;
    return this.runCrossChecks(compiled, data, queries, now, locale, session);
  }

  private async runCrossChecks(compiled: CompiledForm, data: Record<string, unknown>, queries: ReturnType<CompiledForm['planCrossChecks']>, now: Date, locale: Locale, session: TxSession): Promise<void> {
    const results: Record<string, unknown> = {};
    for (const q of queries) {
      const match: Filter = { _deleted: false };
      // json-logic gives null for a missing value; an undefined one (no rule gives it today) is
      // asked as null, as the stores refuse undefined in a filter. Read in the write's transaction,
      // which has written no record yet (a mutant reading outside it survives).
      for (const [k, v] of Object.entries(q.match)) match[k] = v === undefined ? null : v;
      const rows = await this.coll(q.formId).find(match, { session });
      const values = rows.map((r) => r[q.field ?? '_id']).filter((v) => v !== null && v !== undefined);
      const nums = values.filter((v): v is number => typeof v === 'number');
      results[q.checkId] =
        q.aggregate === 'count' ? rows.length
        : q.aggregate === 'sum' ? nums.reduce((a, b) => a + b, 0)
        : q.aggregate === 'min' ? (nums.length ? Math.min(...nums) : null)
        : q.aggregate === 'max' ? (nums.length ? Math.max(...nums) : null)
        : values[0] ?? null;
    }
    const issues = compiled.evaluateCrossChecks(data, results, { now, locale, timeZone: this.o.timeZone });
    if (issues.length) throw new AppError('RULE_FAILED', issues[0].message, issues);
  }
}

export function actorOf(p: Principal) {
  return { id: p.userId, name: p.displayName || p.username };
}

export { diffRecords };
