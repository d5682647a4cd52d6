// Forms: end users read the published schemas; admins edit drafts. A draft save is checked by
// the form engine and, when it names the version it was edited from, refused as stale when
// someone saved since. Indexes wait for the publish.
import { textOf, type FormSchema, type I18nText, type Locale } from '@tessera/form-engine';
import { actorOf, appendAudit, FORM_NOT_PUBLISHED, nowIso, recordsCollection, type Principal, type TxSession } from '@tessera/runtime';
import { draftForms, draftIn, findApp, findDraft, formIdOwner, newFormId, raiseVersionFloor, siblingsOf, touchApp, versionFloor, type AppsContext } from './context';
import { FORM_ID_TAKEN, INVALID_SCHEMA, STALE_VERSION } from './errors';
import { actorOut, type Actor, type FormDoc } from './model';
import { withoutForm } from './navigation';
import { copyRecords } from './form-copy';
import { formsAsSeen } from './access';

export type PublishedFormOut = FormSchema & { appId: string };
export type DraftFormOut = FormSchema & {
  appId: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor | null;
  /** The form's version inside the published app, or null when it has never been published. */
  publishedVersion: number | null;
};

export interface CopyOptions {
  title?: I18nText;
  withRecords?: boolean;
}

const COPY_SUFFIX: Record<Locale, string> = { 'zh-CN': ' (副本)', 'en-US': ' (copy)' };

/** "<title> (副本)" for a reader of Chinese, "<title> (copy)" for English; each language of a translated title its own. */
export function copyTitle(title: I18nText, locale: Locale): I18nText {
  if (typeof title === 'string') return `${title}${COPY_SUFFIX[locale]}`;
  const out: { 'zh-CN'?: string; 'en-US'?: string } = {};
  if (title['zh-CN'] !== undefined) out['zh-CN'] = `${title['zh-CN']}${COPY_SUFFIX['zh-CN']}`;
  if (title['en-US'] !== undefined) out['en-US'] = `${title['en-US']}${COPY_SUFFIX['en-US']}`;
  return out;
}

/** A form schema with another id; references to itself (relations, cross-form checks) follow it. */
export function renameForm(schema: FormSchema, id: string, formIds: (old: string) => string = (old) => (old === schema.id ? id : old)): FormSchema {
  const copy = structuredClone(schema);
  copy.id = id;
  const walk = (fields: FormSchema['fields']) => {
    for (const f of fields) {
      if (f.type === 'relation') f.formId = formIds(f.formId);
      if (f.type === 'section' || f.type === 'subform') walk(f.fields);
      if (f.type === 'tabs') f.tabs.forEach((t) => walk(t.fields));
      if (f.type === 'columns') f.columns.forEach((c) => walk(c.fields));
    }
  };
  walk(copy.fields);
  copy.crossChecks?.forEach((c) => (c.source.formId = formIds(c.source.formId)));
  return copy;
}

/** A draft as admins read it; `published` is the app's published forms (null: never published). */
export function draftOut(f: FormDoc, published: ReadonlyMap<string, FormSchema> | null): DraftFormOut {
  return {
    ...f.schema,
    appId: f.appId,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    updatedBy: actorOut(f.updatedBy),
    publishedVersion: published?.get(f._id)?.version ?? null,
  };
}

export class FormsService {
  constructor(private readonly x: AppsContext) {}

  private async publishedForms(appId: string): Promise<ReadonlyMap<string, FormSchema> | null> {
    return (await this.x.published.current(appId))?.forms ?? null;
  }

  /** The published forms the caller may use, as they see them (formsAsSeen). */
  async listPublished(p: Principal, appId: string): Promise<PublishedFormOut[]> {
    const app = await findApp(this.x, p, appId);
    if (typeof app.publishedVersion !== 'number') return [];
    const current = await this.x.published.version(appId, app.publishedVersion);
    return (await formsAsSeen(this.x, p, app, current?.doc.snapshot.forms ?? [])).map((s) => ({ ...s.form, appId }));
  }

  async getPublished(p: Principal, appId: string, formId: string): Promise<PublishedFormOut> {
    const app = await findApp(this.x, p, appId);
    const current = typeof app.publishedVersion === 'number' ? await this.x.published.version(appId, app.publishedVersion) : null;
    const form = current?.forms.get(formId);
    const [seen] = form ? await formsAsSeen(this.x, p, app, [form]) : [];
    if (!seen) throw FORM_NOT_PUBLISHED({ formId }, [{ path: 'formId', code: 'unknown_form' }]);
    return { ...seen.form, appId };
  }

  async listDrafts(p: Principal, appId: string): Promise<DraftFormOut[]> {
    await findApp(this.x, p, appId);
    const published = await this.publishedForms(appId);
    return (await draftForms(this.x, appId)).map((f) => draftOut(f, published));
  }

  async getDraft(p: Principal, appId: string, formId: string): Promise<DraftFormOut> {
    await findApp(this.x, p, appId);
    return draftOut(await findDraft(this.x, p, appId, formId), await this.publishedForms(appId));
  }

  /** The engine's check of a draft among the app's drafts (422 INVALID_SCHEMA with one issue per problem). */
  private check(drafts: FormDoc[], raw: Record<string, unknown>, locale: Locale): FormSchema {
    const siblings = siblingsOf(drafts.map((f) => f.schema));
    const checked = this.x.engine.checkSchema(raw, { forms: siblings, locale });
    if (!checked.ok) throw INVALID_SCHEMA({ count: checked.issues.length }, checked.issues);
    return checked.schema;
  }

  async create(p: Principal, appId: string, input: Record<string, unknown>, locale: Locale): Promise<DraftFormOut> {
    await findApp(this.x, p, appId);
    const raw = { ...input };
    if (raw.id === undefined) raw.id = newFormId();
    if (typeof raw.id === 'string' && (await formIdOwner(this.x, raw.id))) throw FORM_ID_TAKEN({ formId: raw.id }, [{ path: 'id', code: 'taken' }]);
    raw.version = (typeof raw.id === 'string' ? await versionFloor(this.x, raw.id) : 0) + 1;
    const schema = this.check(await draftForms(this.x, appId), raw, locale);
    const doc = await this.insertDraft(p, appId, schema, 'form.create');
    return draftOut(doc, await this.publishedForms(appId));
  }

  private async insertDraft(p: Principal, appId: string, schema: FormSchema, action: string, more?: (session: TxSession, at: string) => Promise<void>): Promise<FormDoc> {
    const at = nowIso(this.x.clock);
    const doc: FormDoc = { _id: schema.id, tenantId: p.tenantId, appId, schema, createdAt: at, updatedAt: at, updatedBy: actorOf(p) };
    await this.x.store.withTransaction(async (session) => {
      await this.x.c.forms.insertOne(doc, { session });
      await touchApp(this.x, p, appId, session);
      if (more) await more(session, at);
      await appendAudit(this.x.store, session, { actor: actorOf(p), action, collection: 'forms', recordId: schema.id, before: null, after: { schema }, at });
    });
    return doc;
  }

  /** Saves a draft. With `version` in the body, someone else's save since then is 409 STALE_VERSION and nothing is written. */
  async save(p: Principal, appId: string, formId: string, input: Record<string, unknown>, locale: Locale): Promise<DraftFormOut> {
    await findApp(this.x, p, appId);
    const drafts = await draftForms(this.x, appId);
    const before = draftIn(drafts, formId);
    const current = before.schema.version ?? 0;
    if (input.version !== undefined && input.version !== current) throw this.stale(before);
    const schema = this.check(drafts, { ...input, id: formId, version: current + 1 }, locale);
    const at = nowIso(this.x.clock);
    const doc: FormDoc = { ...before, schema, updatedAt: at, updatedBy: actorOf(p) };
    await this.x.store.withTransaction(async (session) => {
      // Conditional on the version read: a save that raced ours makes this one stale.
      const r = await this.x.c.forms.replaceOne({ _id: formId, 'schema.version': before.schema.version }, doc, { session });
      if (r.matched === 0) throw this.stale((await this.x.c.forms.findOne({ _id: formId })) ?? before);
      await touchApp(this.x, p, appId, session);
      await appendAudit(this.x.store, session, { actor: actorOf(p), action: 'form.update', collection: 'forms', recordId: formId, before: { schema: before.schema }, after: { schema }, at });
    });
    return draftOut(doc, await this.publishedForms(appId));
  }

  private stale(current: FormDoc) {
    const version = current.schema.version ?? 0;
    return STALE_VERSION({ formId: current._id, current: version }, [
      { path: 'version', current: version, updatedBy: actorOut(current.updatedBy), updatedAt: current.updatedAt },
    ]);
  }

  /** Deletes the draft (and its navigation entries); the published form runs until the next publish; records stay. */
  async remove(p: Principal, appId: string, formId: string): Promise<void> {
    const app = await findApp(this.x, p, appId);
    const before = await findDraft(this.x, p, appId, formId);
    await this.x.store.withTransaction(async (session) => {
      await this.x.c.forms.deleteOne({ _id: formId }, { session });
      await raiseVersionFloor(this.x, formId, before.schema.version ?? 0, session);
      const navigation = withoutForm(app.navigation, formId);
      await touchApp(this.x, p, appId, session, navigation ? { navigation } : {});
      await appendAudit(this.x.store, session, { actor: actorOf(p), action: 'form.delete', collection: 'forms', recordId: formId, before: { schema: before.schema }, after: null, at: nowIso(this.x.clock) });
    });
  }

  /**
   * A new draft form like this one: a new id, the same field ids, a title marked as a copy;
   * with `withRecords`, the source's live records (values unchanged) in the new form's collection.
   * A failure leaves neither the form nor its collection behind.
   */
  async copy(p: Principal, appId: string, formId: string, opts: CopyOptions, locale: Locale): Promise<DraftFormOut> {
    await findApp(this.x, p, appId);
    const source = await findDraft(this.x, p, appId, formId);
    const id = newFormId();
    const renamed = renameForm(source.schema, id);
    renamed.title = opts.title ?? copyTitle(source.schema.title, locale);
    const schema = this.check(await draftForms(this.x, appId), { ...renamed, version: 1 }, locale);
    const copied = opts.withRecords ? await copyRecords(this.x, p, appId, formId, schema) : 0;
    try {
      const doc = await this.insertDraft(p, appId, schema, 'form.copy', async (session, at) => {
        await appendAudit(this.x.store, session, {
          actor: actorOf(p),
          action: 'records.copy',
          collection: recordsCollection(id),
          recordId: id,
          before: null,
          after: { from: formId, fromTitle: textOf(source.schema.title, locale), records: copied },
          at,
        });
      });
      return draftOut(doc, await this.publishedForms(appId));
    } catch (e) {
      if (opts.withRecords) await this.x.store.dropCollection(recordsCollection(id));
      throw e;
    }
  }
}
