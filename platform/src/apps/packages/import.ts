// Import: a checked package installed and published in one go, so the app runs at once. A
// clash with an existing app or form is 409 APP_EXISTS unless the caller chose to replace the
// app's definition (records upserted by id, others kept) or to install a copy under new ids.
// Indexes and files come first; then the records, a batch a transaction (a package may carry
// 50 MiB of them, more than one transaction should); then the definition and the new version in
// one transaction. A failure takes back the record batches already written (records the import
// created go, records it replaced get their earlier state back), then removes the files and
// collections this import made, and the unique indexes it made on collections that were there
// before. Until the last transaction, records replaced in a form that runs already show their
// imported values.
import { say, type FormSchema, type Locale } from '@tessera/form-engine';
import { actorOf, appendAudit, nowIso, recordsCollection, STORED_BATCH, uniqueFields, type Principal, type RecordDoc, type StoredWrite } from '@tessera/runtime';
import { draftForms, formIdOwner, raiseVersionFloor, versionFloor, type AppsContext } from '../context';
import { appOut, type AppOut } from '../apps-service';
import { recordChanges } from '../changes';
import { APP_EXISTS, APP_ID_TAKEN, FORM_OF_OTHER_APP, INVALID_PACKAGE, PUBLISH_BLOCKED } from '../errors';
import { META_KEYS, metaOf, type AppDoc, type FormDoc } from '../model';
import { formTargets, normalizeNavigation } from '../navigation';
import type { PublishService } from '../publish-service';
import type { AppPackage } from './format';
import { SAYS } from './messages';
import { remapPackage } from './remap';
import { validatePackage } from './validate';

export type ImportMode = 'copy' | 'replace';

const NOTE = '导入 / Imported';

interface Clash {
  app: AppDoc | null;
  details: Array<Record<string, unknown>>;
  /** Forms that belong to another app than the package's. */
  foreign: Array<{ formId: string; appId: string }>;
}

async function findClash(x: AppsContext, p: Principal, pkg: AppPackage): Promise<Clash> {
  const app = await x.c.apps.findOne({ _id: pkg.app.id });
  const details: Clash['details'] = [];
  const foreign: Clash['foreign'] = [];
  if (app) details.push({ path: 'app.id', appId: app._id, ...(app.tenantId === p.tenantId ? { name: app.name } : {}) });
  for (const [i, f] of pkg.forms.entries()) {
    const owner = await formIdOwner(x, f.id);
    if (!owner || owner === pkg.app.id) continue;
    foreign.push({ formId: f.id, appId: owner });
    const other = await x.c.apps.findOne({ _id: owner, tenantId: p.tenantId });
    details.push({ path: `forms[${i}].id`, formId: f.id, appId: owner, ...(other ? { name: other.name } : {}) });
  }
  return { app, details, foreign };
}

/** Stored live records (not replaced by the package) that hold a unique value the package's records also hold. */
async function uniqueClashes(x: AppsContext, pkg: AppPackage, locale: Locale): Promise<void> {
  const issues: Array<{ path: string; code: string; message: string }> = [];
  for (const schema of pkg.forms) {
    const list = pkg.records?.[schema.id] ?? [];
    const coll = x.store.collection<RecordDoc>(recordsCollection(schema.id));
    for (const f of uniqueFields(schema)) {
      const values = list.map((r) => r[f.id]).filter((v) => v !== null && v !== undefined && v !== '');
      if (values.length === 0) continue;
      const stored = await coll.find({ _deleted: false, [f.id]: { $in: values }, _id: { $nin: list.map((r) => r._id) } }, { projection: { [f.id]: 1 }, limit: 100 });
      const taken = new Set(stored.map((r) => JSON.stringify(r[f.id])));
      list.forEach((r, i) => {
        if (!taken.has(JSON.stringify(r[f.id]))) return;
        const message = say(locale, ...SAYS.uniqueStored(String(r[f.id])));
        issues.push({ path: `records.${schema.id}[${i}].${f.id}`, code: 'unique', message });
      });
    }
  }
  if (issues.length) throw INVALID_PACKAGE({ count: issues.length }, issues);
}

/** A batch of records written, for taking it back if the import fails later. */
interface Written {
  schema: FormSchema;
  writes: StoredWrite[];
}

/** The package's records by `_id`, a batch a transaction: new ones created, stored ones replaced (their history goes on). */
async function writeRecords(x: AppsContext, p: Principal, appId: string, forms: FormSchema[], pkg: AppPackage, at: string, written: Written[]): Promise<void> {
  for (const schema of forms) {
    const list = pkg.records?.[schema.id] ?? [];
    for (let i = 0; i < list.length; i += STORED_BATCH) {
      const batch = list.slice(i, i + STORED_BATCH);
      const writes = await x.store.withTransaction((session) => x.records.writeStored(p, schema, batch, { session, appId, at, audit: 'record.import' }));
      written.push({ schema, writes });
    }
  }
}

/** Takes back the batches written, newest first. */
async function undoRecords(x: AppsContext, p: Principal, written: Written[]): Promise<void> {
  for (const { schema, writes } of [...written].reverse()) {
    await x.store.withTransaction((session) => x.records.undoStored(p, schema, writes, { session, audit: 'record.import.undo' }));
  }
}

export async function importPackage(x: AppsContext, publisher: PublishService, p: Principal, body: unknown, mode: ImportMode | undefined, locale: Locale): Promise<AppOut> {
  let pkg = validatePackage(x, body, locale);
  let existing: AppDoc | null = null;
  // A copy takes new ids: what its old ids clash with does not matter.
  if (mode === 'copy') pkg = remapPackage(x.engine, pkg, locale);
  else {
    const clash = await findClash(x, p, pkg);
    if (clash.details.length && mode !== 'replace') throw APP_EXISTS({ appId: pkg.app.id }, clash.details);
    if (mode === 'replace') {
      if (clash.app && clash.app.tenantId !== p.tenantId) throw APP_ID_TAKEN({ appId: pkg.app.id }, [{ path: 'app.id', code: 'taken' }]);
      const f = clash.foreign[0];
      if (f) throw FORM_OF_OTHER_APP({ formId: f.formId, appId: f.appId }, clash.details.filter((d) => d.path !== 'app.id'));
      existing = clash.app;
    }
  }
  const appId = pkg.app.id;
  const drafts = new Map((existing ? await draftForms(x, appId) : []).map((f) => [f._id, f]));
  const published = existing ? ((await x.published.current(appId))?.forms ?? null) : null;
  const forms: FormSchema[] = [];
  for (const f of pkg.forms) forms.push({ ...f, version: Math.max(drafts.get(f.id)?.schema.version ?? 0, await versionFloor(x, f.id)) + 1 });
  if (existing) {
    await uniqueClashes(x, pkg, locale);
    const blocking = (await recordChanges(x, forms, published)).filter((c) => c.blocking);
    if (blocking.length) throw PUBLISH_BLOCKED({ count: blocking.length }, blocking);
  }

  const at = nowIso(x.clock);
  const navigation = normalizeNavigation(pkg.app.navigation, formTargets(forms.map((f) => f.id)));
  // The package's meta and navigation replace the app's: none of the app's own is kept, and
  // the draft it installs is the version it publishes.
  const kept: Partial<AppDoc> = { ...existing };
  for (const k of [...META_KEYS, 'navigation', 'draftChangedAt'] as const) delete kept[k];
  const app: AppDoc = {
    ...kept,
    _id: appId,
    tenantId: p.tenantId,
    ...metaOf(pkg.app),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    updatedBy: actorOf(p),
  };
  if (pkg.app.navigation !== undefined) app.navigation = navigation;

  const collectionsBefore = new Set(await x.store.listCollections());
  const filesWritten: string[] = [];
  const written: Written[] = [];
  let done: { version: number; publishedAt: string };
  try {
    await publisher.prepare(forms, published);
    for (const f of pkg.files ?? []) {
      if (await x.store.files.stat(f.id)) continue; // the same file from an earlier import
      await x.store.files.put({ id: f.id, filename: f.name, contentType: f.contentType, data: Buffer.from(f.data, 'base64'), metadata: { uploadedBy: p.userId, importedInto: appId } });
      filesWritten.push(f.id);
    }
    await writeRecords(x, p, appId, forms, pkg, at, written);
    done = await x.store.withTransaction(async (session) => {
      if (existing) await x.c.apps.replaceOne({ _id: appId }, app, { session });
      else await x.c.apps.insertOne(app, { session });
      for (const [i, schema] of forms.entries()) {
        const before = drafts.get(schema.id);
        // Forms keep the package's order (drafts are listed by creation time).
        const createdAt = before?.createdAt ?? new Date(Date.parse(at) + i).toISOString();
        const doc: FormDoc = { _id: schema.id, tenantId: p.tenantId, appId, schema, createdAt, updatedAt: at, updatedBy: actorOf(p) };
        if (before) await x.c.forms.replaceOne({ _id: schema.id }, doc, { session });
        else await x.c.forms.insertOne(doc, { session });
      }
      for (const [id, f] of drafts) {
        if (forms.some((s) => s.id === id)) continue;
        await x.c.forms.deleteOne({ _id: id }, { session });
        await raiseVersionFloor(x, id, f.schema.version ?? 0, session);
      }
      await appendAudit(x.store, session, { actor: actorOf(p), action: existing ? 'app.replace' : 'app.import', collection: 'apps', recordId: appId, before: existing, after: app, at });
      return publisher.writeVersion(p, existing ? app : { ...app, publishedVersion: undefined }, forms, navigation, NOTE, session);
    });
  } catch (e) {
    await undoRecords(x, p, written);
    for (const id of filesWritten) await x.store.files.delete(id);
    for (const f of forms) if (!collectionsBefore.has(recordsCollection(f.id))) await x.store.dropCollection(recordsCollection(f.id));
    await publisher.settleAfterFailure(appId, forms.map((f) => f.id).filter((id) => collectionsBefore.has(recordsCollection(id))));
    throw e;
  }
  await publisher.settle(appId, forms.map((f) => f.id));
  return appOut({ ...app, publishedVersion: done.version }, navigation);
}
