// Publishing: every draft form re-checked among its siblings, what the change does to stored
// records, then indexes, then the version and the app's pointer in one transaction (a failure
// leaves the previous version running, without a unique index it does not declare). Versions
// can be listed, read and restored as the draft.
import type { FormSchema, Locale } from '@tessera/form-engine';
import { actorOf, appendAudit, formIndexes, indexName, keptViewIndexes, nowIso, recordsCollection, StoreError, uniqueFields, type Principal, type TxSession } from '@tessera/runtime';
import { draftForms, findApp, siblingsOf, type AppsContext } from './context';
import { recordChanges, type Change } from './changes';
import { CONFIRMATION_REQUIRED, PUBLISH_BLOCKED, PUBLISH_PROBLEMS, PUBLISHED_MEANWHILE, VERSION_NOT_FOUND } from './errors';
import { actorOut, metaOf, versionId, type Actor, type AppDoc, type AppVersionDoc, type FormDoc, type NavNode } from './model';
import { checkNavigation, formTargets, normalizeNavigation } from './navigation';
import { restoreVersion } from './restore';
import type { DraftFormOut } from './forms-service';

export interface Problem {
  /** The form the problem is in; null for the app's navigation. */
  formId: string | null;
  path: string;
  fieldId: string;
  code: string;
  message: string;
  params: Record<string, unknown>;
}

export interface Published {
  version: number;
  publishedAt: string;
}

export interface Preview {
  problems: Problem[];
  changes: Change[];
  canPublish: boolean;
  /** The tenant's time zone, in which the samples' datetimes read. */
  timeZone: string;
}

export interface VersionSummary {
  version: number;
  note: string;
  publishedAt: string;
  publishedBy: Actor | null;
  formCount: number;
}

export interface VersionOut extends Omit<VersionSummary, 'formCount'> {
  app: ReturnType<typeof metaOf> & { navigation: NavNode[] };
  forms: FormSchema[];
}

interface Analysis {
  app: AppDoc;
  forms: FormDoc[];
  navigation: NavNode[];
  published: ReadonlyMap<string, FormSchema> | null;
  problems: Problem[];
  changes: Change[];
}

export class PublishService {
  constructor(private readonly x: AppsContext) {}

  private async analyse(p: Principal, appId: string, locale: Locale): Promise<Analysis> {
    const app = await findApp(this.x, p, appId);
    const forms = await draftForms(this.x, appId);
    const schemas = forms.map((f) => f.schema);
    const siblings = siblingsOf(schemas);
    const problems: Problem[] = [];
    for (const schema of schemas) {
      const r = this.x.engine.checkSchema(schema, { forms: siblings, locale });
      if (!r.ok) for (const i of r.issues) problems.push({ formId: schema.id, path: i.path, fieldId: i.fieldId, code: i.code, message: i.message, params: i.params ?? {} });
    }
    const targets = formTargets(schemas.map((f) => f.id));
    if (app.navigation !== undefined) {
      for (const i of checkNavigation(app.navigation, targets, locale)) problems.push({ formId: null, path: i.path, fieldId: '', code: i.code, message: i.message, params: {} });
    }
    const current = typeof app.publishedVersion === 'number' ? await this.x.published.version(appId, app.publishedVersion) : null;
    const published = current?.forms ?? null;
    const changes = await recordChanges(this.x, schemas, published);
    return { app, forms, navigation: normalizeNavigation(app.navigation, targets), published, problems, changes };
  }

  async preview(p: Principal, appId: string, locale: Locale): Promise<Preview> {
    const { problems, changes } = await this.analyse(p, appId, locale);
    return { problems, changes, canPublish: problems.length === 0 && !changes.some((c) => c.blocking), timeZone: this.x.timeZone };
  }

  /**
   * Publishes the draft: refused with its problems (422 INVALID_SCHEMA), with the changes the
   * records cannot take (422 PUBLISH_BLOCKED), or until risky changes are confirmed (409).
   */
  async publish(p: Principal, appId: string, opts: { note?: string; confirm?: boolean }, locale: Locale): Promise<Published> {
    const a = await this.analyse(p, appId, locale);
    if (a.problems.length) throw PUBLISH_PROBLEMS({ count: a.problems.length }, a.problems);
    const blocking = a.changes.filter((c) => c.blocking);
    if (blocking.length) throw PUBLISH_BLOCKED({ count: blocking.length }, blocking);
    if (a.changes.length && opts.confirm !== true) throw CONFIRMATION_REQUIRED({ count: a.changes.length }, a.changes);
    return this.commit(p, a.app, a.forms.map((f) => f.schema), a.navigation, a.published, opts.note ?? '');
  }

  /** Indexes, then the version and the pointer in one transaction; unique indexes the running version does not declare go last, whether it is the new one or, after a failure, the previous one. */
  async commit(
    p: Principal,
    app: AppDoc,
    forms: FormSchema[],
    navigation: NavNode[],
    published: ReadonlyMap<string, FormSchema> | null,
    note: string,
  ): Promise<Published> {
    let done: Published;
    try {
      await this.prepare(forms, published);
      done = await this.x.store.withTransaction((session) => this.writeVersion(p, app, forms, navigation, note, session));
    } catch (e) {
      await this.settleAfterFailure(app._id, forms.map((f) => f.id));
      throw e;
    }
    await this.settle(app._id, forms.map((f) => f.id));
    return done;
  }

  /**
   * Before a version is written: every form's indexes (a unique rule the records break is
   * PUBLISH_BLOCKED). A caller that fails after this settles with settleAfterFailure.
   */
  async prepare(forms: FormSchema[], published: ReadonlyMap<string, FormSchema> | null): Promise<void> {
    for (const schema of forms) await this.prepareIndexes(schema, published?.get(schema.id));
  }

  /** The version document and the app's pointer, inside the caller's transaction; `app` as read before its draft was. */
  async writeVersion(p: Principal, app: AppDoc, forms: FormSchema[], navigation: NavNode[], note: string, session: TxSession): Promise<Published> {
    const appId = app._id;
    const version = (app.publishedVersion ?? 0) + 1;
    const publishedAt = nowIso(this.x.clock);
    const doc: AppVersionDoc = {
      _id: versionId(appId, version),
      tenantId: app.tenantId,
      appId,
      version,
      note,
      publishedAt,
      publishedBy: actorOf(p),
      snapshot: { app: { ...metaOf(app), navigation }, forms },
    };
    try {
      await this.x.c.versions.insertOne(doc, { session });
    } catch (e) {
      if (e instanceof StoreError && e.code === 'DUPLICATE_KEY') throw PUBLISHED_MEANWHILE({ appId });
      throw e;
    }
    const moved = await this.x.c.apps.updateOne(
      { _id: appId, publishedVersion: app.publishedVersion ?? { $exists: false } },
      { $set: { publishedVersion: version } },
      { session },
    );
    if (moved.matched === 0) throw PUBLISHED_MEANWHILE({ appId });
    // The draft is what this version took, unless it changed since `app` was read.
    if (app.draftChangedAt !== undefined) await this.x.c.apps.updateOne({ _id: appId, draftChangedAt: app.draftChangedAt }, { $unset: { draftChangedAt: '' } }, { session });
    await appendAudit(this.x.store, session, {
      actor: actorOf(p),
      action: 'app.publish',
      collection: 'apps',
      recordId: appId,
      before: { publishedVersion: app.publishedVersion ?? null },
      after: { publishedVersion: version, note, forms: forms.map((f) => ({ id: f.id, version: f.version ?? null })) },
      at: publishedAt,
    });
    return { version, publishedAt };
  }

  /**
   * After a version is committed, or a publish failed past prepare(): this process reads the
   * running version at once, and the forms' unique indexes it does not declare go (unique rules
   * switched off, or switched on by a publish that never happened), so no end user is refused as
   * a duplicate by a rule they do not run. The version is read again rather than assumed: after
   * PUBLISHED_MEANWHILE it is the other publisher's, and its indexes stay.
   */
  async settle(appId: string, formIds: string[]): Promise<void> {
    this.x.published.forget(appId);
    const running = (await this.x.published.current(appId))?.forms;
    for (const id of formIds) await this.settleIndexes(id, running?.get(id));
  }

  /** settle() where the failure being reported must win: a stale index that survives here goes at the next publish. */
  async settleAfterFailure(appId: string, formIds: string[]): Promise<void> {
    await this.settle(appId, formIds).catch(() => undefined);
  }

  /**
   * The indexes a form declares. A unique rule newly switched on first clears the empty values
   * stored before it (null and "" mean "not filled", and must not collide in the index).
   */
  private async prepareIndexes(schema: FormSchema, before: FormSchema | undefined): Promise<void> {
    const coll = this.x.store.collection(recordsCollection(schema.id));
    const was = new Set(before ? uniqueFields(before).map((f) => f.id) : []);
    for (const f of uniqueFields(schema)) {
      if (!was.has(f.id)) await coll.updateMany({ [f.id]: { $in: [null, ''] } }, { $unset: { [f.id]: '' } });
    }
    // Indexes only for searching that the new version does not declare go first (the running
    // version searches a little slower until the publish settles), so a form whose searchable
    // fields all changed still fits the store's 64. Unique ones stay: they keep the running
    // version's rules until the new version is committed.
    // Saved views' indexes stay while their field does (and is not now indexed for search).
    const existing = await coll.listIndexes();
    const declared = new Set([...formIndexes(schema).map(indexName), ...keptViewIndexes(schema, existing)]);
    for (const spec of existing) if (!spec.unique && !declared.has(spec.name!)) await coll.dropIndex(spec.name!);
    try {
      await this.x.records.ensureIndexes(schema);
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e;
      const index = String((e.details as { index?: string } | undefined)?.index ?? '');
      const fieldId = index.startsWith('u_') ? index.slice(2) : '';
      throw PUBLISH_BLOCKED({ count: 1 }, [{ kind: 'unique_duplicates', formId: schema.id, formTitle: schema.title, fieldId, count: 0, samples: [], blocking: true }]);
    }
  }

  /**
   * Makes a form's indexes those of `running` (the form as end users run it, if at all): its
   * indexes are there (a failed publish may have dropped some for searching), and no other is.
   */
  private async settleIndexes(formId: string, running: FormSchema | undefined): Promise<void> {
    const coll = this.x.store.collection(recordsCollection(formId));
    const existing = await coll.listIndexes();
    const declared = new Set(running ? [...formIndexes(running).map(indexName), ...keptViewIndexes(running, existing)] : []);
    for (const spec of existing) if (!declared.has(spec.name!)) await coll.dropIndex(spec.name!);
    if (running) await this.x.records.ensureIndexes(running);
  }

  async versions(p: Principal, appId: string): Promise<VersionSummary[]> {
    await findApp(this.x, p, appId);
    const docs = await this.x.c.versions.find({ appId }, { sort: { version: -1 } });
    return docs.map((d) => ({ version: d.version, note: d.note ?? '', publishedAt: d.publishedAt, publishedBy: actorOut(d.publishedBy), formCount: d.snapshot.forms.length }));
  }

  async version(p: Principal, appId: string, version: number): Promise<VersionOut> {
    await findApp(this.x, p, appId);
    const v = await this.x.published.version(appId, version);
    if (!v) throw VERSION_NOT_FOUND({ appId, version }, [{ path: 'version', code: 'unknown_version' }]);
    const d = v.doc;
    return {
      version: d.version,
      note: d.note ?? '',
      publishedAt: d.publishedAt,
      publishedBy: actorOut(d.publishedBy),
      app: { ...metaOf(d.snapshot.app), navigation: v.navigation },
      forms: d.snapshot.forms,
    };
  }

  /** Makes a version the draft (forms and navigation); records are never touched. */
  async restore(p: Principal, appId: string, version: number): Promise<{ forms: DraftFormOut[] }> {
    await findApp(this.x, p, appId);
    const v = await this.x.published.version(appId, version);
    if (!v) throw VERSION_NOT_FOUND({ appId, version }, [{ path: 'version', code: 'unknown_version' }]);
    return restoreVersion(this.x, p, appId, v);
  }
}
