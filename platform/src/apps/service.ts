// Apps and their forms: definitions, published versions and packages (export / import).
// A form's schema is checked by the form engine at every save; its version goes up each time,
// and the records service keeps the indexes the schema declares.
import { createFormEngine, type FormEngine, type FormSchema, type I18nText } from '@tessera/form-engine';
import { AppError, appendAudit, actorOf, newId, RecordsService, type Doc, type Principal, type Store } from '@tessera/runtime';

export interface AppDoc extends Doc {
  tenantId: string;
  name: I18nText;
  description?: I18nText;
  color?: string;
  icon?: string;
  /** Groups of forms in the app's navigation, in order. */
  navigation?: Array<{ id: string; label: I18nText; formIds: string[] }>;
  publishedVersion?: number;
  createdAt: string;
  updatedAt: string;
}

export interface FormDoc extends Doc {
  tenantId: string;
  appId: string;
  schema: FormSchema;
  createdAt: string;
  updatedAt: string;
}

export interface AppPackage {
  format: 'tessera-app@1';
  app: Omit<AppDoc, 'tenantId' | 'createdAt' | 'updatedAt' | 'publishedVersion'>;
  forms: FormSchema[];
}

const CACHE_TTL_MS = 5_000;

export class AppsService {
  readonly engine: FormEngine;
  readonly records: RecordsService;
  private readonly formCache = new Map<string, { doc: FormDoc; at: number }>();

  constructor(
    private readonly store: Store,
    readonly timeZone: string,
  ) {
    this.engine = createFormEngine();
    this.records = new RecordsService({ store, engine: this.engine, timeZone, resolveForm: (appId, formId) => this.resolveForm(appId, formId) });
  }

  private get apps() {
    return this.store.collection<AppDoc>('apps');
  }
  private get forms() {
    return this.store.collection<FormDoc>('forms');
  }

  async ensureIndexes(): Promise<void> {
    await this.forms.ensureIndexes([{ keys: { appId: 1 } }]);
    await this.store.collection('app_versions').ensureIndexes([{ keys: { appId: 1 } }]);
    await this.store.collection('comments').ensureIndexes([{ keys: { formId: 1, recordId: 1 } }]);
    await this.store.collection('audit').ensureIndexes([{ keys: { collection: 1, recordId: 1 } }]);
  }

  async listApps(p: Principal): Promise<AppDoc[]> {
    return this.apps.find({ tenantId: p.tenantId }, { sort: { createdAt: 1 } });
  }

  async getApp(p: Principal, appId: string): Promise<AppDoc> {
    const app = await this.apps.findOne({ _id: appId, tenantId: p.tenantId });
    if (!app) throw new AppError('NOT_FOUND', `App ${appId} not found / 应用不存在`, [{ path: 'appId', message: 'unknown app' }]);
    return app;
  }

  async createApp(p: Principal, input: Partial<AppDoc> & { id?: string }): Promise<AppDoc> {
    const at = new Date().toISOString();
    const { id, ...rest } = input;
    const doc = { ...rest, _id: id ?? `app_${newId().slice(-10)}`, tenantId: p.tenantId, createdAt: at, updatedAt: at } as AppDoc;
    if (await this.apps.findOne({ _id: doc._id })) throw new AppError('CONFLICT', `App id ${doc._id} is taken / 应用 ID 已存在`, [{ path: 'id', message: 'taken' }]);
    return this.store.withTransaction(async (session) => {
      const saved = await this.apps.insertOne(doc, { session });
      await appendAudit(this.store, session, { actor: actorOf(p), action: 'app.create', collection: 'apps', recordId: saved._id, before: null, after: saved });
      return saved;
    });
  }

  async updateApp(p: Principal, appId: string, patch: Partial<AppDoc>): Promise<AppDoc> {
    const before = await this.getApp(p, appId);
    const after = { ...before, ...patch, _id: appId, tenantId: before.tenantId, updatedAt: new Date().toISOString() } as AppDoc;
    await this.store.withTransaction(async (session) => {
      await this.apps.replaceOne({ _id: appId }, after, { session });
      await appendAudit(this.store, session, { actor: actorOf(p), action: 'app.update', collection: 'apps', recordId: appId, before, after });
    });
    return after;
  }

  async deleteApp(p: Principal, appId: string): Promise<void> {
    const before = await this.getApp(p, appId);
    const forms = await this.forms.find({ appId });
    await this.store.withTransaction(async (session) => {
      await this.forms.deleteMany({ appId }, { session });
      await this.apps.deleteOne({ _id: appId }, { session });
      await appendAudit(this.store, session, { actor: actorOf(p), action: 'app.delete', collection: 'apps', recordId: appId, before, after: null });
    });
    forms.forEach((f) => this.formCache.delete(f._id));
  }

  async listForms(p: Principal, appId: string): Promise<FormDoc[]> {
    await this.getApp(p, appId);
    return this.forms.find({ appId }, { sort: { createdAt: 1 } });
  }

  async getForm(p: Principal, appId: string, formId: string): Promise<FormDoc> {
    const f = await this.forms.findOne({ _id: formId, appId, tenantId: p.tenantId });
    if (!f) throw new AppError('NOT_FOUND', `Form ${formId} not found / 表单不存在`, [{ path: 'formId', message: 'unknown form' }]);
    return f;
  }

  /** The form's schema for records routes; cached briefly (other nodes see a change within seconds). */
  async resolveForm(appId: string, formId: string): Promise<FormSchema | null> {
    const hit = this.formCache.get(formId);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.doc.appId === appId ? hit.doc.schema : null;
    const doc = await this.forms.findOne({ _id: formId });
    if (!doc) return null;
    this.formCache.set(formId, { doc, at: Date.now() });
    return doc.appId === appId ? doc.schema : null;
  }

  /** Checks and saves a form (create when `existing` is absent). */
  async saveForm(p: Principal, appId: string, input: unknown, existingId?: string): Promise<FormDoc> {
    await this.getApp(p, appId);
    const siblings = new Map((await this.forms.find({ appId })).map((f) => [f._id, f.schema]));
    const raw = { ...(input as Record<string, unknown>) };
    if (existingId) raw.id = existingId;
    else if (raw.id === undefined) raw.id = `f_${newId().slice(-10)}`;
    const before = existingId ? await this.getForm(p, appId, existingId) : null;
    raw.version = (before?.schema.version ?? 0) + 1;
    const checked = this.engine.checkSchema(raw, { forms: (id) => siblings.get(id) });
    if (!checked.ok) throw new AppError('INVALID_SCHEMA', `The form has ${checked.issues.length} problem(s) / 表单有 ${checked.issues.length} 处问题`, checked.issues);
    const schema = checked.schema;
    if (!existingId && (await this.forms.findOne({ _id: schema.id }))) throw new AppError('CONFLICT', `Form id ${schema.id} is taken / 表单 ID 已存在`, [{ path: 'id', message: 'taken' }]);
    await this.records.ensureIndexes(schema);
    const at = new Date().toISOString();
    const doc: FormDoc = { _id: schema.id, tenantId: p.tenantId, appId, schema, createdAt: before?.createdAt ?? at, updatedAt: at };
    await this.store.withTransaction(async (session) => {
      if (before) await this.forms.replaceOne({ _id: schema.id }, doc, { session });
      else await this.forms.insertOne(doc, { session });
      await appendAudit(this.store, session, { actor: actorOf(p), action: before ? 'form.update' : 'form.create', collection: 'forms', recordId: schema.id, before: before ? { schema: before.schema } : null, after: { schema } });
    });
    this.formCache.delete(schema.id);
    return doc;
  }

  async deleteForm(p: Principal, appId: string, formId: string): Promise<void> {
    const before = await this.getForm(p, appId, formId);
    await this.store.withTransaction(async (session) => {
      await this.forms.deleteOne({ _id: formId }, { session });
      await appendAudit(this.store, session, { actor: actorOf(p), action: 'form.delete', collection: 'forms', recordId: formId, before: { schema: before.schema }, after: null });
    });
    this.formCache.delete(formId);
  }

  async publish(p: Principal, appId: string, note: string): Promise<{ version: number; publishedAt: string }> {
    const app = await this.getApp(p, appId);
    const forms = await this.forms.find({ appId });
    const version = (app.publishedVersion ?? 0) + 1;
    const publishedAt = new Date().toISOString();
    await this.store.withTransaction(async (session) => {
      await this.store.collection('app_versions').insertOne({ _id: `${appId}@${version}`, appId, version, note, publishedAt, publishedBy: p.userId, snapshot: { app, forms: forms.map((f) => f.schema) } }, { session });
      await this.apps.updateOne({ _id: appId }, { $set: { publishedVersion: version, updatedAt: publishedAt } }, { session });
    });
    return { version, publishedAt };
  }

  async exportApp(p: Principal, appId: string): Promise<AppPackage> {
    const app = await this.getApp(p, appId);
    const forms = await this.forms.find({ appId }, { sort: { createdAt: 1 } });
    const { tenantId: _t, createdAt: _c, updatedAt: _u, publishedVersion: _v, ...rest } = app;
    return { format: 'tessera-app@1', app: rest, forms: forms.map((f) => f.schema) };
  }

  /** Installs a package: the app and its forms, all checked first so nothing half-installs. */
  async importApp(p: Principal, pkg: AppPackage): Promise<AppDoc> {
    const all = new Map(pkg.forms.map((f) => [f.id, f]));
    const issues = pkg.forms.flatMap((f, i) => {
      const r = this.engine.checkSchema(f, { forms: (id) => all.get(id) });
      return r.ok ? [] : r.issues.map((x) => ({ ...x, path: `forms[${i}].${x.path}` }));
    });
    if (issues.length) throw new AppError('INVALID_SCHEMA', 'The package has invalid forms / 应用包中的表单有问题', issues);
    for (const f of pkg.forms) if (await this.forms.findOne({ _id: f.id })) throw new AppError('CONFLICT', `Form id ${f.id} already exists / 表单 ID 已存在`, [{ path: 'forms', message: f.id }]);
    const app = await this.createApp(p, { ...(pkg.app as Partial<AppDoc>), id: String(pkg.app._id) });
    for (const f of pkg.forms) await this.saveForm(p, app._id, { ...f, version: undefined });
    return app;
  }
}
