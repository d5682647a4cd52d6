// Files belong to records: each write records which files a record holds (in the write's
// transaction), and a download is allowed through a record the caller can see, in a field shown
// to them (the one permission check decides).
import { dataFields, type Field, type FormEngine, type FormSchema } from '@tessera/form-engine';
import type { Doc, Store, TxSession } from '../storage';
import type { FormAccess } from './permissions';
import { recordsCollection } from './form-plan';
import type { RecordDoc } from './records';

/** Which record holds a stored file (one link per file, form and record): a file is read through a record the caller can see. */
export interface FileLinkDoc extends Doc {
  fileId: string;
  appId: string;
  formId: string;
  recordId: string;
  /** The field holding it (a subform's, for a file in one of its rows). */
  fieldId: string;
}
export const FILE_LINKS = 'file_links';

export class FileLinks {
  constructor(
    private readonly store: Store,
    private readonly engine: Pick<FormEngine, 'fieldType'>,
  ) {}

  private links() {
    return this.store.collection<FileLinkDoc>(FILE_LINKS);
  }

  /**
   * Whether the caller may read a stored file: it is held by a record they can see (a deleted one:
   * that they may restore), in a field not hidden from them there. `accessTo` is their access to
   * the form of a link (the one permission check); a link to a form that is gone lets nothing through.
   */
  async readable(fileId: string, accessTo: (appId: string, formId: string) => Promise<FormAccess>): Promise<boolean> {
    // A file held by more records than this is readable through the first 50 links only: a bound
    // on the work one download does (a file is uploaded into one record; copies are rare). Which 50
    // is the store's order, so no test pins the bound (its mutant, no limit, survives: read).
    const links = await this.links().find({ fileId }, { limit: 50 });
    for (const link of links) {
      const access = await accessTo(link.appId, link.formId);
      // Only spares reading the record: reaches() below refuses it too.
      if (!access.allows('view')) continue;
      const doc = await this.store.collection<RecordDoc>(recordsCollection(link.formId)).findOne({ _id: link.recordId });
      if (!doc || !access.reaches(doc._deleted ? 'restore' : 'view', doc)) continue;
      // The link says where the file was put; the record must still hold it there.
      if (!JSON.stringify(doc[link.fieldId] ?? null).includes(`"${fileId}"`)) continue;
      // Stryker disable next-line ArrayDeclaration: hiddenOn is null only when no grant shows the record, and a grant reaching it (view or restore) shows it (each grant views): the fallback never runs
      if (!(access.hiddenOn(doc) ?? new Set([link.fieldId])).has(link.fieldId)) return true;
    }
    return false;
  }

  /** Records which files the record holds now (replacing what it held before), in the write's transaction. */
  async link(appId: string, schema: FormSchema, doc: Record<string, unknown> & { _id: string }, session: TxSession): Promise<void> {
    // Most forms hold no files: no read, no write. (A link left from an older version of the form
    // lets nothing through: a download checks that the record still holds the file.)
    if (!this.holdsFiles(schema)) return;
    const links = this.links();
    const held = filesHeld(schema, doc, (type) => this.engine.fieldType(type as Field['type'])?.files === true);
    // (Read in the write's transaction, though nothing before this step writes links: a read outside it finds the same.)
    const before = await links.find({ formId: schema.id, recordId: doc._id }, { session });
    const key = (fileId: string, fieldId: string) => `${fileId}:${schema.id}:${doc._id}:${fieldId}`;
    const now = new Set(held.map((h) => key(h.fileId, h.fieldId)));
    for (const b of before) if (!now.has(b._id)) await links.deleteOne({ _id: b._id }, { session });
    const had = new Set(before.map((b) => b._id));
    const added = held.filter((h) => !had.has(key(h.fileId, h.fieldId)));
    // (insertMany of nothing writes nothing: the check only spares the call.)
    if (added.length) await links.insertMany(added.map((h) => ({ _id: key(h.fileId, h.fieldId), fileId: h.fileId, appId, formId: schema.id, recordId: doc._id, fieldId: h.fieldId })), { session });
  }

  /** Forgets which files a record held (it is purged), in the purge's transaction. */
  async unlink(formId: string, recordId: string, session: TxSession): Promise<void> {
    await this.links().deleteMany({ formId, recordId }, { session });
  }

  /** Whether the form has a file field (a subform's included); found once per schema object. */
  private holdsFiles(schema: FormSchema): boolean {
    let has = this.fileForms.get(schema);
    if (has === undefined) {
      const files = (f: Field): boolean => this.engine.fieldType(f.type)?.files === true || (f.type === 'subform' && dataFields(f.fields).some(files));
      has = dataFields(schema.fields).some(files);
      this.fileForms.set(schema, has);
    }
    return has;
  }

  private readonly fileForms = new WeakMap<FormSchema, boolean>();
}

/** The files a record holds: per file field (a subform's rows included, under the subform's id), each ref's id. */
function filesHeld(schema: FormSchema, doc: Record<string, unknown>, holdsFiles: (type: string) => boolean): Array<{ fileId: string; fieldId: string }> {
  const out: Array<{ fileId: string; fieldId: string }> = [];
  // Each ref's id; anything else (no value, a text, a ref without an id, which validation lets
  // no write store) gives none. Mutants widening either check survive: what they let in is dropped.
  const refs = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []).map((r) => (r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string');
  for (const f of dataFields(schema.fields)) {
    if (f.type === 'subform') {
      const columns = dataFields(f.fields).filter((c) => holdsFiles(c.type));
      const rows = Array.isArray(doc[f.id]) ? (doc[f.id] as Array<Record<string, unknown>>) : [];
      // Stryker disable next-line OptionalChaining: a stored row is an object (the form's schema says so); this only spares a malformed one
      for (const row of rows) for (const c of columns) for (const fileId of refs(row?.[c.id])) out.push({ fileId, fieldId: f.id });
    } else if (holdsFiles(f.type)) for (const fileId of refs(doc[f.id])) out.push({ fileId, fieldId: f.id });
  }
  return [...new Map(out.map((o) => [`${o.fileId}:${o.fieldId}`, o])).values()];
}
