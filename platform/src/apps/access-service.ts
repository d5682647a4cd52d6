// Managing an app's permission sets and admins: tenant administrators and the app's own admins.
// A set is checked against the app before it is stored: the forms and fields it names exist,
// "named in" fields are member or department fields, a condition is a filter the form accepts,
// and the users, departments and roles it names exist. Every change is audited.
import { dataFields, type FormSchema } from '@tessera/form-engine';
import { actorOf, AppError, appendAudit, compileFilter, filterableFields, newId, nowIso, type Principal, type TxSession } from '@tessera/runtime';
import { findApp, type AppsContext } from './context';
import { APP_ADMINS_ONLY, INVALID_SET, LAST_APP_ADMIN, SET_NOT_FOUND, grantsOf, setOut, storedGrants, type PermissionSetDoc, type PermissionSetInput } from './access-model';
import type { AppDoc } from './model';

interface Issue {
  path: string;
  code: string;
  message: string;
}

/** A condition with each `{ "$user": … }` replaced by a value of the right type, so the filter can be checked as the form reads it. */
function sampleOfUserValues(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sampleOfUserValues);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$user') return null;
  return Object.fromEntries(keys.map((k) => [k, sampleOfUserValues(o[k])]));
}

export class AccessService {
  constructor(private readonly x: AppsContext) {}

  private get sets() {
    return this.x.store.collection<PermissionSetDoc>('permission_sets');
  }

  /** The app, when the caller administers it; 404 when they cannot see it, 403 when they see it but do not administer it. */
  async managed(p: Principal, appId: string): Promise<AppDoc> {
    const app = await findApp(this.x, p, appId);
    if (!this.x.access.isAppAdmin(p, app)) throw APP_ADMINS_ONLY();
    return app;
  }

  async overview(p: Principal, appId: string) {
    const app = await this.managed(p, appId);
    const sets = await this.sets.find({ appId, tenantId: p.tenantId }, { sort: { createdAt: 1, _id: 1 } });
    const admins = app.admins ?? [];
    const users = await this.x.store.collection<{ _id: string; displayName: string }>('users').find({ _id: { $in: admins } }, { projection: { displayName: 1 } });
    const names = new Map(users.map((u) => [u._id, u.displayName]));
    return { admins: admins.map((id) => ({ id, displayName: names.get(id) ?? null })), sets: sets.map(setOut) };
  }

  async create(p: Principal, appId: string, input: PermissionSetInput) {
    await this.managed(p, appId);
    await this.check(p, appId, input);
    const at = nowIso(this.x.clock);
    const doc: PermissionSetDoc = {
      _id: `ps_${newId().slice(-12)}`, tenantId: p.tenantId, appId, name: input.name, description: input.description ?? '',
      members: input.members, forms: storedGrants(input.forms), _v: 1, createdAt: at, updatedAt: at, updatedBy: actorOf(p),
    };
    await this.x.store.withTransaction(async (session) => {
      await this.sets.insertOne(doc, { session });
      await this.audit(p, session, 'permission_set.create', doc._id, null, doc, at);
    });
    return setOut(doc);
  }

  async update(p: Principal, appId: string, setId: string, input: PermissionSetInput & { _v?: number }) {
    await this.managed(p, appId);
    await this.check(p, appId, input);
    const at = nowIso(this.x.clock);
    return this.x.store.withTransaction(async (session) => {
      const before = await this.sets.findOne({ _id: setId, appId, tenantId: p.tenantId }, { session });
      if (!before) throw SET_NOT_FOUND({ setId }, [{ path: 'setId', code: 'unknown_set' }]);
      if (input._v !== undefined && input._v !== before._v) {
        throw new AppError('STALE_VERSION', { 'zh-CN': '权限组已被他人修改，请刷新后再试', 'en-US': 'Someone else changed this permission set; reload it' }, [{ path: '_v', message: 'stale revision', current: before._v }]);
      }
      const after: PermissionSetDoc = { ...before, name: input.name, description: input.description ?? '', members: input.members, forms: storedGrants(input.forms), _v: before._v + 1, updatedAt: at, updatedBy: actorOf(p) };
      await this.sets.replaceOne({ _id: setId }, after, { session });
      await this.audit(p, session, 'permission_set.update', setId, before, after, at);
      return setOut(after);
    });
  }

  async remove(p: Principal, appId: string, setId: string): Promise<void> {
    await this.managed(p, appId);
    const at = nowIso(this.x.clock);
    await this.x.store.withTransaction(async (session) => {
      const before = await this.sets.findOne({ _id: setId, appId, tenantId: p.tenantId }, { session });
      if (!before) throw SET_NOT_FOUND({ setId }, [{ path: 'setId', code: 'unknown_set' }]);
      await this.sets.deleteOne({ _id: setId }, { session });
      await this.audit(p, session, 'permission_set.delete', setId, before, null, at);
    });
  }

  /**
   * The app's admins (user ids). An app admin who is not a tenant administrator cannot leave the
   * app without one: the check reads the app in the same transaction as the change.
   */
  async setAdmins(p: Principal, appId: string, admins: string[]) {
    await this.managed(p, appId);
    const unknown = await this.unknownIds('users', admins, p.tenantId);
    if (unknown.length) throw INVALID_SET({ count: unknown.length }, unknown.map((id) => ({ path: `admins.${id}`, code: 'unknown_user', message: `No user ${id}` })));
    const at = nowIso(this.x.clock);
    await this.x.store.withTransaction(async (session) => {
      const before = await this.x.c.apps.findOne({ _id: appId }, { session });
      if (!before) throw new AppError('NOT_FOUND', { 'zh-CN': '应用不存在', 'en-US': 'App not found' });
      if (admins.length === 0 && !p.isAdmin && (before.admins ?? []).length > 0) throw LAST_APP_ADMIN(undefined, [{ path: 'admins', code: 'last_admin' }]);
      await this.x.c.apps.updateOne({ _id: appId }, { $set: { admins } }, { session });
      await this.audit(p, session, 'app.admins', appId, { admins: before.admins ?? [] }, { admins }, at);
    });
    return this.overview(p, appId);
  }

  private audit(p: Principal, session: TxSession, action: string, recordId: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null, at: string) {
    // A set saved before conditions were kept as text has `$` keys, which the store refuses in
    // the entry: it goes in as it is stored now.
    if (before && 'forms' in before) before = { ...before, forms: storedGrants(grantsOf((before as PermissionSetDoc).forms)) };
    return appendAudit(this.x.store, session, { actor: actorOf(p), action, collection: 'permission_sets', recordId, before, after, at });
  }

  private async unknownIds(collection: string, ids: readonly string[], tenantId: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await this.x.store.collection<{ _id: string }>(collection).find({ _id: { $in: [...ids] }, tenantId }, { projection: { _id: 1 } });
    const known = new Set(found.map((d) => d._id));
    return ids.filter((id) => !known.has(id));
  }

  /** 422 INVALID_PERMISSION_SET naming every setting the app does not have. */
  private async check(p: Principal, appId: string, input: PermissionSetInput): Promise<void> {
    const issues: Issue[] = [];
    const forms = await this.formsOf(appId);
    for (const [formId, grant] of Object.entries(input.forms)) {
      const at = `forms.${formId}`;
      const schema = forms.get(formId);
      if (!schema) {
        issues.push({ path: at, code: 'unknown_form', message: `The app has no form ${formId}` });
        continue;
      }
      const fields = new Map(dataFields(schema.fields).map((f) => [f.id, f]));
      for (const id of Object.keys(grant.fields ?? {})) if (!fields.has(id)) issues.push({ path: `${at}.fields.${id}`, code: 'unknown_field', message: `The form has no field ${id}` });
      const scope = grant.scope;
      if (scope.kind === 'namedIn') {
        for (const id of scope.fields) {
          const f = fields.get(id);
          if (!f || (f.type !== 'member' && f.type !== 'department')) issues.push({ path: `${at}.scope.fields.${id}`, code: 'not_member_field', message: `${id} is not a member or department field of the form` });
        }
      }
      if (scope.kind === 'condition') {
        try {
          compileFilter(sampleOfUserValues(scope.filter), filterableFields(schema, this.x.engine), {});
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          for (const d of e.details as Array<{ path: string; message: string }>) issues.push({ path: `${at}.scope.filter.${d.path}`, code: 'invalid_condition', message: d.message });
        }
      }
    }
    const m = input.members;
    for (const id of await this.unknownIds('users', m.users, p.tenantId)) issues.push({ path: `members.users.${id}`, code: 'unknown_user', message: `No user ${id}` });
    for (const id of await this.unknownIds('departments', m.departments.map((d) => d.id), p.tenantId)) issues.push({ path: `members.departments.${id}`, code: 'unknown_department', message: `No department ${id}` });
    for (const id of await this.unknownIds('roles', m.roles, p.tenantId)) issues.push({ path: `members.roles.${id}`, code: 'unknown_role', message: `No role ${id}` });
    if (issues.length) throw INVALID_SET({ count: issues.length }, issues);
  }

  /** The app's forms a set may name: its drafts and its published forms. */
  private async formsOf(appId: string): Promise<Map<string, FormSchema>> {
    const out = new Map<string, FormSchema>();
    const current = await this.x.published.current(appId);
    for (const f of current?.doc.snapshot.forms ?? []) out.set(f.id, f);
    for (const d of await this.x.c.forms.find({ appId })) out.set(d._id, d.schema);
    return out;
  }
}
