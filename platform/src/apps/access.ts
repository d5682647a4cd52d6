// Who may use an app, and how: the app's permission sets (权限组) and its admins. This file
// answers the one permission check's question for the platform: which sets name a caller (as a
// user, through a department, with or without the departments below it, or through a role),
// and what that makes of a form (runtime/src/services/permissions.ts, FormAccess).
//
// Denied by default: a member whom no set of an app names does not see the app. Tenant
// administrators and the app's admins have full access to it.
import type { FormSchema } from '@tessera/form-engine';
import { compileFilter, filterableFields, FormAccess, keyReaches, type AccessSubject, type Action, type Doc, type FormGrant, type Principal } from '@tessera/runtime';
import type { AppsContext } from './context';
import type { AppDoc, NavNode } from './model';
import { grantsOf, type PermissionSetDoc } from './access-model';

/** What a caller is in an app: its admin (full access), or a member with the grants of the sets naming them (none: no access). */
export interface AppAccess {
  full: boolean;
  /** Grants per form id, from the sets that name the caller. */
  grants: Map<string, FormGrant[]>;
  subject: AccessSubject;
}

interface DepartmentPathDoc extends Doc {
  path: string[];
}

/** Whether a set names the caller: as a user, by a role, by a department (or one above theirs, when it includes the departments below). */
export function namesCaller(set: Pick<PermissionSetDoc, 'members'>, p: Principal, ancestors: ReadonlySet<string>): boolean {
  const m = set.members;
  if (m.users.includes(p.userId)) return true;
  if (m.roles.some((r) => p.roles.includes(r))) return true;
  return m.departments.some((d) => (d.withChildren ? ancestors.has(d.id) : p.departmentIds.includes(d.id)));
}

export class AccessResolver {
  /** Per request (a principal object lives as long as its request): the app access already worked out. */
  private readonly memo = new WeakMap<Principal, Map<string, Promise<AppAccess>>>();

  constructor(private readonly x: AppsContext, private readonly timeZone: string) {}

  /** The caller's departments with every department above them, and with every department below them. */
  private async departments(p: Principal): Promise<{ ancestors: Set<string>; tree: string[] }> {
    if (p.departmentIds.length === 0) return { ancestors: new Set(), tree: [] };
    const depts = this.x.store.collection<DepartmentPathDoc>('departments');
    const [own, below] = await Promise.all([
      depts.find({ _id: { $in: [...p.departmentIds] } }, { projection: { path: 1 } }),
      depts.find({ path: { $in: [...p.departmentIds] } }, { projection: { _id: 1 } }),
    ]);
    return { ancestors: new Set(own.flatMap((d) => d.path ?? [d._id])), tree: [...new Set([...p.departmentIds, ...below.map((d) => d._id)])] };
  }

  /** Whether the caller administers the app (tenant administrators administer every app); a key needs the admin scope, and to reach the app. */
  isAppAdmin(p: Principal, app: Pick<AppDoc, '_id' | 'admins'>): boolean {
    if (!keyReaches(p, app._id) || (p.keyScope && p.keyScope.access !== 'admin')) return false;
    return p.isAdmin || (app.admins ?? []).includes(p.userId);
  }

  /** Whether the caller sees all of the app's records: its administrators, and their keys of any scope that reach the app. */
  private seesAll(p: Principal, app: Pick<AppDoc, '_id' | 'admins'>): boolean {
    return keyReaches(p, app._id) && (p.isAdmin || p.seesAllData === true || (app.admins ?? []).includes(p.userId));
  }

  /** What the caller is in the app (worked out once a request). */
  app(p: Principal, app: Pick<AppDoc, '_id' | 'admins'>): Promise<AppAccess> {
    let byApp = this.memo.get(p);
    if (!byApp) this.memo.set(p, (byApp = new Map()));
    let found = byApp.get(app._id);
    if (!found) byApp.set(app._id, (found = this.load(p, app)));
    return found;
  }

  private async load(p: Principal, app: Pick<AppDoc, '_id' | 'admins'>): Promise<AppAccess> {
    const subjectBase = { userId: p.userId, departmentIds: p.departmentIds };
    if (!keyReaches(p, app._id)) return { full: false, grants: new Map(), subject: { ...subjectBase, departmentTree: [], attributes: {} } };
    if (this.seesAll(p, app)) return { full: true, grants: new Map(), subject: { ...subjectBase, departmentTree: [], attributes: {} } };
    const [sets, depts] = await Promise.all([
      this.x.store.collection<PermissionSetDoc>('permission_sets').find({ appId: app._id, tenantId: p.tenantId }),
      this.departments(p),
    ]);
    const grants = new Map<string, FormGrant[]>();
    for (const set of sets) {
      if (!namesCaller(set, p, depts.ancestors)) continue;
      for (const [formId, g] of Object.entries(grantsOf(set.forms))) {
        if (g.actions.length === 0) continue;
        const list = grants.get(formId) ?? [];
        list.push(g);
        grants.set(formId, list);
      }
    }
    return { full: false, grants, subject: { ...subjectBase, departmentTree: depts.tree, attributes: p.attributes ?? {} } };
  }

  /** The caller's access to one form of the app. */
  form(access: AppAccess, schema: FormSchema): FormAccess {
    if (access.full) return FormAccess.full(schema.id);
    const fields = filterableFields(schema, this.x.engine);
    return FormAccess.of(schema.id, schema, access.grants.get(schema.id) ?? [], access.subject, (filter) => compileFilter(filter, fields, { timeZone: this.timeZone }));
  }

  /** Whether the caller may see the app at all: its admins, and members some set grants a form. */
  sees(access: AppAccess): boolean {
    return access.full || access.grants.size > 0;
  }
}

/** A form as a restricted caller gets it: without the fields hidden on every record they see. */
export function formAsSeen(schema: FormSchema, hidden: ReadonlySet<string>): FormSchema {
  if (hidden.size === 0) return schema;
  type F = FormSchema['fields'][number];
  const keep = (fields: readonly F[]): F[] =>
    fields
      .filter((f) => !hidden.has(f.id))
      .map((f) => {
        if (f.type === 'section') return { ...f, fields: keep(f.fields) };
        if (f.type === 'tabs') return { ...f, tabs: f.tabs.map((t) => ({ ...t, fields: keep(t.fields) })) };
        if (f.type === 'columns') return { ...f, columns: f.columns.map((c) => ({ ...c, fields: keep(c.fields) })) };
        return f;
      });
  return { ...schema, fields: keep(schema.fields) };
}

/** The navigation without the forms the caller may do nothing with (and groups left empty). */
export function navigationAsSeen(nav: readonly NavNode[], formIds: ReadonlySet<string>): NavNode[] {
  const out: NavNode[] = [];
  for (const n of nav) {
    if (n.type === 'group') {
      const children = n.children.filter((c) => c.type !== 'form' || formIds.has(c.id));
      if (children.length) out.push({ ...n, children });
    } else if (n.type !== 'form' || formIds.has(n.id)) out.push(n);
  }
  return out;
}

/** What a caller may do with a form, for the app shell: actions and field modes. */
export interface FormAccessOut {
  actions: Action[];
  hidden: string[];
  readonly: string[];
}

export function accessOut(access: FormAccess): FormAccessOut {
  return { actions: access.actions(), ...access.fieldModes() };
}

/** The published forms as the caller sees them: the forms a set grants them, without the fields hidden on all their records, with their access (null: full). */
export async function formsAsSeen(x: AppsContext, p: Principal, app: AppDoc, forms: readonly FormSchema[]): Promise<Array<{ form: FormSchema; access: FormAccessOut | null }>> {
  const access = await x.access.app(p, app);
  const out: Array<{ form: FormSchema; access: FormAccessOut | null }> = [];
  for (const form of forms) {
    const fa = x.access.form(access, form);
    if (fa.isFull) out.push({ form, access: null });
    else if (fa.actions().length) out.push({ form: formAsSeen(form, fa.hiddenEverywhere()), access: accessOut(fa) });
  }
  return out;
}
