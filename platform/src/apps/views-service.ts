// Saved views of a form: who sees which (the owner their personal ones, everyone who can see the
// form the shared ones), who may change them (the owner; shared views and the default only those
// who manage the form), and a config checked against the published form. Every change is audited,
// in the same transaction as the write. The fields shared views arrange records by (a kanban's
// column, a calendar's date, a Gantt's start, a sort) get an index each, up to the nine a form
// keeps for views, so a board or a month over 100,000 records reads an index, not every record.
import type { FormSchema } from '@tessera/form-engine';
import { actorOf, appendAudit, FORM_NOT_PUBLISHED, newId, nowIso, recordsCollection, VIEW_INDEX_PREFIX, viewIndexes, type FormAccess, type Principal, type TxSession } from '@tessera/runtime';
import type { AppsContext } from './context';
import { INVALID_VIEW, MAX_VIEWS, STALE_VIEW, TOO_MANY_VIEWS, VIEW_FORBIDDEN, VIEW_NOT_FOUND, viewIssues, type ViewDoc, type ViewInput } from './views-model';

export type FormAccessOf = (p: Principal, appId: string, formId: string) => Promise<FormAccess>;

export interface ViewOut {
  id: string;
  name: string;
  type: ViewDoc['type'];
  shared: boolean;
  isDefault: boolean;
  owner: { id: string; name: string | null };
  /** May the caller change or delete it. */
  editable: boolean;
  config: ViewDoc['config'];
  _v: number;
  updatedAt: string;
}

export class ViewsService {
  constructor(
    private readonly x: AppsContext,
    private readonly accessOf: FormAccessOf,
  ) {}

  private get views() {
    return this.x.store.collection<ViewDoc>('views');
  }

  /** The published form and the caller's access to it: a form they may not see is 404, as one that does not exist. */
  private async form(p: Principal, appId: string, formId: string): Promise<{ schema: FormSchema; manages: boolean }> {
    const schema = await this.x.published.form(appId, formId);
    const access = schema ? await this.accessOf(p, appId, formId) : null;
    if (!schema || !access || !access.allows('view')) throw FORM_NOT_PUBLISHED({ formId }, [{ path: 'formId', message: 'unknown form' }]);
    return { schema, manages: access.allows('manage') };
  }

  private visibleTo(p: Principal, v: ViewDoc): boolean {
    return v.tenantId === p.tenantId && (v.shared || v.ownerId === p.userId);
  }

  private editable(p: Principal, v: ViewDoc, manages: boolean): boolean {
    return v.shared ? manages : v.ownerId === p.userId;
  }

  private async out(p: Principal, docs: ViewDoc[], manages: boolean): Promise<ViewOut[]> {
    const ownerIds = [...new Set(docs.map((d) => d.ownerId))];
    const users = ownerIds.length ? await this.x.store.collection<{ _id: string; displayName?: string; username?: string }>('users').find({ _id: { $in: ownerIds } }, { projection: { displayName: 1, username: 1 } }) : [];
    const names = new Map(users.map((u) => [u._id, u.displayName || u.username || null]));
    return docs.map((d) => ({
      id: d._id, name: d.name, type: d.type, shared: d.shared, isDefault: d.isDefault,
      owner: { id: d.ownerId, name: names.get(d.ownerId) ?? null },
      editable: this.editable(p, d, manages), config: d.config, _v: d._v, updatedAt: d.updatedAt,
    }));
  }

  /** The caller's views of the form: shared ones first (the default first of all), then their own, each oldest first. */
  async list(p: Principal, appId: string, formId: string): Promise<ViewOut[]> {
    const { manages } = await this.form(p, appId, formId);
    // Only the shared views and the caller's own are read (everyone's personal views may be many).
    const mine = { appId, formId, tenantId: p.tenantId, $or: [{ shared: true }, { ownerId: p.userId }] };
    const docs = (await this.views.find(mine, { sort: { createdAt: 1, _id: 1 }, limit: MAX_VIEWS * 2 })).filter((v) => this.visibleTo(p, v));
    const rank = (v: ViewDoc) => (v.isDefault ? 0 : v.shared ? 1 : 2);
    docs.sort((a, b) => rank(a) - rank(b));
    return this.out(p, docs, manages);
  }

  private check(schema: FormSchema, input: Pick<ViewInput, 'type' | 'config'>) {
    const issues = viewIssues(schema, input.type, input.config);
    if (issues.length) throw INVALID_VIEW({ count: issues.length }, issues);
  }

  /** A shared view may be the default; making one the default unmarks the form's other one. */
  private async clearDefault(appId: string, formId: string, tenantId: string, except: string, session: TxSession) {
    const others = await this.views.find({ appId, formId, tenantId, isDefault: true }, { session });
    for (const o of others) if (o._id !== except) await this.views.updateOne({ _id: o._id }, { $set: { isDefault: false } }, { session });
  }

  async create(p: Principal, appId: string, formId: string, input: ViewInput): Promise<ViewOut> {
    const { schema, manages } = await this.form(p, appId, formId);
    const shared = input.shared === true;
    const isDefault = input.isDefault === true;
    if ((shared || isDefault) && !manages) throw VIEW_FORBIDDEN({ what: 'shared' });
    if (isDefault && !shared) throw INVALID_VIEW({ count: 1 }, [{ path: 'isDefault', code: 'personal_default', message: 'only a shared view can be the form’s default' }]);
    this.check(schema, input);
    const at = nowIso(this.x.clock);
    const doc: ViewDoc = {
      _id: `vw_${newId().slice(-12)}`, tenantId: p.tenantId, appId, formId, name: input.name.trim(), type: input.type,
      ownerId: p.userId, shared, isDefault, config: input.config, _v: 1, createdAt: at, updatedAt: at,
    };
    await this.x.store.withTransaction(async (session) => {
      const same = await this.views.count(shared ? { appId, formId, tenantId: p.tenantId, shared: true } : { appId, formId, tenantId: p.tenantId, shared: false, ownerId: p.userId }, { session });
      if (same >= MAX_VIEWS) throw TOO_MANY_VIEWS({ limit: MAX_VIEWS }, [{ path: 'shared', message: `at most ${MAX_VIEWS}` }]);
      if (isDefault) await this.clearDefault(appId, formId, p.tenantId, doc._id, session);
      await this.views.insertOne(doc, { session });
      await this.audit(p, session, 'view.create', doc._id, null, doc, at);
    });
    await this.syncIndexes(schema, appId, formId, p.tenantId);
    return (await this.out(p, [doc], manages))[0];
  }

  private async editableDoc(p: Principal, appId: string, formId: string, viewId: string, manages: boolean, session?: TxSession): Promise<ViewDoc> {
    const v = await this.views.findOne({ _id: viewId, appId, formId, tenantId: p.tenantId }, { session });
    if (!v || !this.visibleTo(p, v)) throw VIEW_NOT_FOUND({ viewId }, [{ path: 'viewId', message: 'unknown view' }]);
    if (!this.editable(p, v, manages)) throw VIEW_FORBIDDEN({ what: v.shared ? 'shared' : 'owner' });
    return v;
  }

  async update(p: Principal, appId: string, formId: string, viewId: string, patch: Partial<ViewInput> & { _v: number }): Promise<ViewOut> {
    const { schema, manages } = await this.form(p, appId, formId);
    const at = nowIso(this.x.clock);
    const after = await this.x.store.withTransaction(async (session) => {
      const before = await this.editableDoc(p, appId, formId, viewId, manages, session);
      if (patch._v !== before._v) throw STALE_VIEW({ current: before._v }, [{ path: '_v', message: 'stale revision', current: before._v }]);
      const shared = patch.shared ?? before.shared;
      const isDefault = shared && (patch.isDefault ?? before.isDefault);
      // Sharing, unsharing and the default are for those who manage the form.
      if ((shared !== before.shared || isDefault !== before.isDefault) && !manages) throw VIEW_FORBIDDEN({ what: 'shared' });
      if (patch.isDefault && !shared) throw INVALID_VIEW({ count: 1 }, [{ path: 'isDefault', code: 'personal_default', message: 'only a shared view can be the form’s default' }]);
      const config = patch.config ?? before.config;
      if (patch.config) this.check(schema, { type: before.type, config });
      const next: ViewDoc = { ...before, name: patch.name?.trim() ?? before.name, shared, isDefault, config, _v: before._v + 1, updatedAt: at };
      if (isDefault && !before.isDefault) await this.clearDefault(appId, formId, p.tenantId, viewId, session);
      const { _id, ...body } = next;
      await this.views.replaceOne({ _id }, body, { session });
      await this.audit(p, session, 'view.update', viewId, before, next, at);
      return next;
    });
    await this.syncIndexes(schema, appId, formId, p.tenantId);
    return (await this.out(p, [after], manages))[0];
  }

  async remove(p: Principal, appId: string, formId: string, viewId: string): Promise<void> {
    const { schema, manages } = await this.form(p, appId, formId);
    const at = nowIso(this.x.clock);
    await this.x.store.withTransaction(async (session) => {
      const before = await this.editableDoc(p, appId, formId, viewId, manages, session);
      await this.views.deleteOne({ _id: viewId }, { session });
      await this.audit(p, session, 'view.delete', viewId, before, null, at);
    });
    await this.syncIndexes(schema, appId, formId, p.tenantId);
  }

  /**
   * The records' view indexes made those the form's shared views ask for (newest first; the
   * kanban's, calendar's and Gantt's fields before sorts). Personal views ask for none: any member
   * may keep them, and building an index over a large form is a write no member should be able to
   * repeat at will or use to evict the indexes shared views rely on. Indexes no shared view asks
   * for any more go. Run after the view's write is committed: a failure here leaves the view saved
   * and the index for the next change of a shared view.
   */
  private async syncIndexes(schema: FormSchema, appId: string, formId: string, tenantId: string): Promise<void> {
    const docs = await this.views.find({ appId, formId, tenantId, shared: true }, { sort: { updatedAt: -1, _id: 1 } });
    const laid = docs.flatMap((v) => [v.config.kanban?.by, v.config.calendar?.date, v.config.gantt?.start]);
    const sorted = docs.map((v) => v.config.sort?.split(',')[0]?.replace(/^-/, ''));
    const wanted = viewIndexes(schema, [...laid, ...sorted].filter((f): f is string => !!f && !f.startsWith('_')));
    const coll = this.x.store.collection(recordsCollection(formId));
    const names = new Set(wanted.map((s) => s.name));
    for (const spec of await coll.listIndexes()) if (spec.name?.startsWith(VIEW_INDEX_PREFIX) && !names.has(spec.name)) await coll.dropIndex(spec.name);
    if (wanted.length) await coll.ensureIndexes(wanted);
  }

  private audit(p: Principal, session: TxSession, action: string, recordId: string, before: ViewDoc | null, after: ViewDoc | null, at: string) {
    return appendAudit(this.x.store, session, { actor: actorOf(p), action, collection: 'views', recordId, before: before as Record<string, unknown> | null, after: after as Record<string, unknown> | null, at });
  }
}
