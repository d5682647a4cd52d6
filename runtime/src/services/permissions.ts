// The one permission check (DESIGN: "One permission check"). A form's access for one caller is
// computed once a request from the permission sets that name the caller (platform resolves who
// is named) and then asked by every read and write path: which rows an action reaches (a store
// filter, ANDed into every query), whether an action reaches one record, and which fields of that
// record the caller sees and may change.
//
// A user with several sets gets exactly the union per record: for each record, the actions and
// fields that some set granting *that record* allows. A set's rows are never combined with
// another set's fields (merging rows and columns separately leaks: a field hidden on X's records
// in one set would show through another set that shows it only on Y's).
//
// Records are matched in memory with mingo, the same query engine the embedded store runs, so a
// record a store filter finds is the record `reaches` accepts.
import { Query } from 'mingo';
import { dataFields, type FormSchema } from '@tessera/form-engine';
import { AppError, defineError } from '../http/errors';
import type { Filter } from '../storage';
import { NOTHING } from './filter';
import type { Principal } from '../http/principal';

export const ACTIONS = ['view', 'create', 'edit', 'delete', 'restore', 'export', 'import', 'print', 'comment', 'manage'] as const;
export type Action = (typeof ACTIONS)[number];

/** Which records of a form a grant reaches. */
export type RowScope =
  | { kind: 'all' }
  /** Records I created. */
  | { kind: 'creator' }
  /** Records created by someone of my departments (`withChildren`: or of a department below them). */
  | { kind: 'department'; withChildren?: boolean }
  /** Records where one of these member or department fields names me or one of my departments. */
  | { kind: 'namedIn'; fields: string[] }
  /** Records the filter matches; `{ "$user": "id" | "departments" | "<attribute>" }` stands for the caller's value. */
  | { kind: 'condition'; filter: Record<string, unknown> };

export type FieldMode = 'hidden' | 'readonly';

/** What one permission set grants on one form. */
export interface FormGrant {
  actions: Action[];
  scope: RowScope;
  /** Fields hidden or read-only under this grant; the others are visible and (with edit) editable. */
  fields?: Record<string, FieldMode>;
}

/** The caller, as scopes and conditions read them. */
export interface AccessSubject {
  userId: string;
  /** The caller's own departments. */
  departmentIds: readonly string[];
  /** The caller's departments and every department below them. */
  departmentTree: readonly string[];
  /** Attributes of the account (e.g. `supplier`: the id of the supplier record it belongs to). */
  attributes: Readonly<Record<string, unknown>>;
}

/** A grant made ready for one caller and one form. */
interface Rule {
  actions: ReadonlySet<Action>;
  /** The store filter of the rows it reaches; `{}` is every row. */
  filter: Filter;
  test: (doc: Record<string, unknown>) => boolean;
  hidden: ReadonlySet<string>;
  /** Hidden or read-only: fields this grant never lets the caller change. */
  locked: ReadonlySet<string>;
}

const EMPTY: ReadonlySet<string> = new Set();

/** The departments a record belongs to: its creator's, when it was created. */
export const RECORD_DEPARTMENTS = '_depts';

/** Compiles a scope's condition (after `$user` values are put in) into a store filter; throws AppError on a bad one. */
export type CompileCondition = (filter: unknown) => Filter;

/** The caller's value a `$user` placeholder names; undefined when the caller has none. */
function userValue(subject: AccessSubject, name: string): unknown {
  if (name === 'id') return subject.userId;
  if (name === 'departments') return [...subject.departmentIds];
  const v = Object.hasOwn(subject.attributes, name) ? subject.attributes[name] : undefined;
  return v === null || v === '' ? undefined : v;
}

/** The condition with the caller's values put in; null when it names a value the caller does not have. */
function withUserValues(node: unknown, subject: AccessSubject): unknown {
  let missing = false;
  const put = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(put);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    // Stryker disable next-line ConditionalExpression: only a $user key can hold a text $user in a one-key object
    if (keys.length === 1 && keys[0] === '$user' && typeof o.$user === 'string') {
      const value = userValue(subject, o.$user);
      if (value === undefined) missing = true;
      // A list (my departments) compared for equality means "one of them".
      return Array.isArray(value) ? { $in: value } : value;
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = put(o[k]);
    // `{ field: { $eq: { $in: [...] } } }` from a list put in: the list is the condition.
    if (keys.length === 1 && keys[0] === '$eq' && isInList(out.$eq)) return out.$eq;
    return out;
  };
  const result = put(node);
  return missing ? null : result;
}

const isInList = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Array.isArray((v as { $in?: unknown }).$in);

/** The store filter of a scope for this caller. */
export function scopeToFilter(scope: RowScope, subject: AccessSubject, compile: CompileCondition): Filter {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'creator':
      return { _createdBy: subject.userId };
    case 'department': {
      const ids = scope.withChildren ? subject.departmentTree : subject.departmentIds;
      return ids.length ? { [RECORD_DEPARTMENTS]: { $in: [...ids] } } : NOTHING;
    }
    case 'namedIn': {
      // A member field holds user ids, a department field department ids; each field is asked for both.
      const mine = [subject.userId, ...subject.departmentIds];
      return scope.fields.length ? { $or: scope.fields.map((f) => ({ [f]: { $in: mine } })) } : NOTHING;
    }
    case 'condition': {
      const filled = withUserValues(scope.filter, subject);
      return filled === null ? NOTHING : compile(filled);
    }
  }
}

/** Whether a grant reaches every row. */
const isAll = (f: Filter) => Object.keys(f).length === 0;

/** A form's access for one caller: asked by every read and write of its records. */
export class FormAccess {
  /** Full access: administrators (no filter, no field modes). */
  static full(formId: string): FormAccess {
    return new FormAccess(formId, null);
  }

  /** No access at all. */
  static none(formId: string): FormAccess {
    return new FormAccess(formId, []);
  }

  /** Access from the grants of the sets that name the caller (none: no access at all). */
  static of(formId: string, schema: FormSchema, grants: readonly FormGrant[], subject: AccessSubject, compile: CompileCondition): FormAccess {
    const known = new Set(dataFields(schema.fields).map((f) => f.id));
    const rules: Rule[] = [];
    for (const g of grants) {
      const actions = new Set<Action>(g.actions);
      if (actions.size === 0) continue;
      // Every action shows the rows it acts on.
      actions.add('view');
      const filter = scopeToFilter(g.scope, subject, compile);
      const hidden = new Set<string>();
      const locked = new Set<string>();
      for (const [field, mode] of Object.entries(g.fields ?? {})) {
        if (!known.has(field)) continue;
        locked.add(field);
        if (mode === 'hidden') hidden.add(field);
      }
      const query = isAll(filter) ? null : new Query(filter);
      rules.push({ actions, filter, test: query ? (doc) => query.test(doc) : () => true, hidden: hidden.size ? hidden : EMPTY, locked: locked.size ? locked : EMPTY });
    }
    return new FormAccess(formId, rules);
  }

  private constructor(
    readonly formId: string,
    /** null: full access. */
    private readonly rules: readonly Rule[] | null,
  ) {}

  /** Whether nothing restricts the caller (no row filter, no field modes). */
  get isFull(): boolean {
    return this.rules === null;
  }

  /** Whether the action reaches some rows. */
  allows(action: Action): boolean {
    return this.rules === null || this.rules.some((r) => r.actions.has(action));
  }

  /** The actions that reach some rows, in ACTIONS order. */
  actions(): Action[] {
    return ACTIONS.filter((a) => this.allows(a));
  }

  /** The rows the action reaches, as a store filter to AND into a query; null when it reaches none. */
  rowFilter(action: Action): Filter | null {
    if (this.rules === null) return {};
    const parts = this.rules.filter((r) => r.actions.has(action)).map((r) => r.filter);
    if (parts.length === 0) return null;
    if (parts.some(isAll)) return {};
    return parts.length === 1 ? parts[0] : { $or: parts };
  }

  private matching(action: Action, doc: Record<string, unknown>): Rule[] {
    return (this.rules ?? []).filter((r) => r.actions.has(action) && r.test(doc));
  }

  /** Whether the action reaches this record. */
  reaches(action: Action, doc: Record<string, unknown>): boolean {
    return this.rules === null || this.matching(action, doc).length > 0;
  }

  /** Fields hidden on this record: hidden by every grant that shows it; null when none shows it (nothing of it is visible). */
  hiddenOn(doc: Record<string, unknown>): ReadonlySet<string> | null {
    if (this.rules === null) return EMPTY;
    const showing = this.matching('view', doc);
    return showing.length ? intersect(showing.map((r) => r.hidden)) : null;
  }

  /** Fields the caller may not change on this record (under `action`: edit, or create for a new one). */
  lockedOn(action: 'edit' | 'create', doc: Record<string, unknown>): ReadonlySet<string> {
    if (this.rules === null) return EMPTY;
    const rules = action === 'create' ? this.rules.filter((r) => r.actions.has('create')) : this.matching(action, doc);
    return intersect(rules.map((r) => r.locked));
  }

  /** Fields hidden on every record the caller sees: they are not in the form as the caller gets it. */
  hiddenEverywhere(): ReadonlySet<string> {
    if (this.rules === null) return EMPTY;
    // Stryker disable next-line MethodExpression: every rule shows its rows (of() adds 'view' to each grant)
    return intersect(this.rules.filter((r) => r.actions.has('view')).map((r) => r.hidden));
  }

  /** Fields some grant the caller has hides or makes read-only (for the form as the caller gets it). */
  fieldModes(): { hidden: string[]; readonly: string[] } {
    const hidden = [...this.hiddenEverywhere()];
    const readonly = this.rules === null ? [] : [...intersect(this.rules.filter((r) => r.actions.has('edit') || r.actions.has('create')).map((r) => r.locked))].filter((f) => !hidden.includes(f));
    return { hidden, readonly };
  }

  /**
   * The rows where a field is visible, for a filter, a search or a sort that names it: null when
   * no restriction is needed (visible wherever the caller sees rows); throws 400 INVALID_FILTER
   * as for an unknown field when it is hidden on every row.
   */
  visibleRows(field: string, path = field): Filter | null {
    if (this.rules === null) return null;
    // Stryker disable next-line MethodExpression: every rule shows its rows (of() adds 'view' to each grant)
    const showing = this.rules.filter((r) => r.actions.has('view'));
    const visible = showing.filter((r) => !r.hidden.has(field));
    if (visible.length === showing.length) return null;
    if (visible.length === 0) {
      const message = { 'zh-CN': `未知字段“${path}”`, 'en-US': `Unknown field "${path}"` };
      throw new AppError('INVALID_FILTER', message, [{ path, message }]);
    }
    if (visible.some((r) => isAll(r.filter))) return {};
    return visible.length === 1 ? visible[0].filter : { $or: visible.map((r) => r.filter) };
  }

  /** The record without the fields hidden on it (the same object when none is); only its system fields when the caller cannot see it. */
  redact<T extends Record<string, unknown>>(doc: T): T {
    const hidden = this.hiddenOn(doc);
    if (hidden !== null && hidden.size === 0) return doc;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(doc)) if (hidden === null ? k.charCodeAt(0) === 95 /* _ */ : !hidden.has(k)) out[k] = doc[k];
    return out as T;
  }

  /** What the caller may do with this record and which of its fields are read-only, for the UI (absent under full access). */
  describe(doc: Record<string, unknown>): { actions: Action[]; readonly: string[] } | undefined {
    if (this.rules === null) return undefined;
    const hidden = this.hiddenOn(doc) ?? EMPTY;
    return {
      actions: ACTIONS.filter((a) => this.reaches(a, doc)),
      readonly: [...this.lockedOn('edit', doc)].filter((f) => !hidden.has(f)),
    };
  }
}

function intersect(sets: ReadonlyArray<ReadonlySet<string>>): ReadonlySet<string> {
  if (sets.length === 0) return EMPTY;
  // Stryker disable next-line ConditionalExpression: the loop below keeps every member of a lone set, in its order
  if (sets.length === 1) return sets[0];
  const out = new Set<string>();
  for (const x of sets[0]) if (sets.every((s) => s.has(x))) out.add(x);
  return out;
}

/** 403 naming a field a write may not change (hidden or read-only for the caller); details: `[{ path, fieldId, code: 'read_only' }]`. */
export const FIELD_READ_ONLY = defineError<{ field: string }>('FIELD_READ_ONLY', 403, ({ field }) => ({
  'zh-CN': `无权修改字段 ${field}`,
  'en-US': `You may not change the field ${field}`,
}));

const ACTION_WORDS: Record<Action, { 'zh-CN': string; 'en-US': string }> = {
  view: { 'zh-CN': '查看', 'en-US': 'view' },
  create: { 'zh-CN': '新增', 'en-US': 'create' },
  edit: { 'zh-CN': '编辑', 'en-US': 'edit' },
  delete: { 'zh-CN': '删除', 'en-US': 'delete' },
  restore: { 'zh-CN': '恢复', 'en-US': 'restore' },
  export: { 'zh-CN': '导出', 'en-US': 'export' },
  import: { 'zh-CN': '导入', 'en-US': 'import' },
  print: { 'zh-CN': '打印', 'en-US': 'print' },
  comment: { 'zh-CN': '评论', 'en-US': 'comment on' },
  manage: { 'zh-CN': '管理', 'en-US': 'manage' },
};

/** 403 for an action the caller may not take on a form, or on a record it can see; details: `[{ path: 'action', code: <action> }]`. */
export const ACTION_FORBIDDEN = defineError<{ action: Action }>('FORBIDDEN', 403, ({ action }) => ({
  'zh-CN': `你没有${ACTION_WORDS[action]['zh-CN']}权限`,
  'en-US': `You may not ${ACTION_WORDS[action]['en-US']} these records`,
}));

export const forbidden = (action: Action) => ACTION_FORBIDDEN({ action }, [{ path: 'action', code: action }]);
export const readOnly = (field: string) => FIELD_READ_ONLY({ field }, [{ path: field, fieldId: field, code: 'read_only' }]);

/** Who is asking, and what the one permission check (services/permissions) allows them. */
export interface Caller {
  principal: Principal;
  /** The caller's access to the form at hand. */
  access: FormAccess;
  /** The caller's access to another form of the same app (relation targets, pickers). */
  accessTo(formId: string): Promise<FormAccess>;
}

/** A caller with full access to every form (administrators; the platform's own work). */
export function fullCaller(principal: Principal, formId = ''): Caller {
  return { principal, access: FormAccess.full(formId), accessTo: async (id) => FormAccess.full(id) };
}
