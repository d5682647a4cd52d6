// A permission set (权限组) as the permissions page edits it, without React: the actions
// matrix, the row scope of each form (a custom condition as rows of field / comparison / value,
// turned into the list filter JSON the server takes, a value possibly "the current user's …"),
// field modes, the checks made before saving, and where a server issue belongs on the page.
import { dataFields, type Field } from '@tessera/form-engine';

export const ACTIONS = ['view', 'create', 'edit', 'delete', 'restore', 'export', 'import', 'print', 'comment', 'manage'] as const;
export type Action = (typeof ACTIONS)[number];

export type RowScope =
  | { kind: 'all' }
  | { kind: 'creator' }
  | { kind: 'department'; withChildren?: boolean }
  | { kind: 'namedIn'; fields: string[] }
  | { kind: 'condition'; filter: Record<string, unknown> };

export type FieldMode = 'hidden' | 'readonly';

export interface FormGrant {
  actions: Action[];
  scope: RowScope;
  fields?: Record<string, FieldMode>;
}

export interface SetMembers {
  users: string[];
  departments: Array<{ id: string; withChildren: boolean }>;
  roles: string[];
}

/** An issue as the server reports one (422 details), or as the checks before saving do. */
export interface Issue {
  path: string;
  code: string;
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// Row scopes as the page offers them

/** The scope choices of the select: the department scope is two choices (with and without the departments below). */
export const SCOPE_CHOICES = ['all', 'creator', 'department', 'departmentTree', 'namedIn', 'condition'] as const;
export type ScopeChoice = (typeof SCOPE_CHOICES)[number];

// ---------------------------------------------------------------------------------------------
// Custom conditions

export const COND_OPS = ['$eq', '$ne', '$regex', '$gt', '$gte', '$lt', '$lte', 'filled', 'blank'] as const;
export type CondOp = (typeof COND_OPS)[number];

/** How a condition reads a field: what comparisons and values fit it. */
export type CondKind = 'text' | 'number' | 'date' | 'choice' | 'switch' | 'member' | 'department' | 'relation' | 'presence';

/**
 * One condition: `field` is a filter path (a field id, or `<relation>.id`); the value is fixed
 * (`value`) or the current user's (`user`: 'id', 'departments' or an attribute of the account).
 */
export interface CondRow {
  field: string;
  op: CondOp;
  value?: unknown;
  user?: string;
}

export interface CondGroup {
  combinator: 'and' | 'or';
  rows: CondRow[];
}

export interface CondField {
  path: string;
  field: Field;
  kind: CondKind;
}

const NUMERIC = new Set(['number', 'money', 'percent']);
const OBJECTS = new Set(['attachment', 'image', 'signature', 'location']);

function kindOf(f: Field): CondKind | null {
  const type = f.type === 'formula' ? (f.resultType === 'boolean' ? 'switch' : f.resultType ?? 'number') : f.type;
  if (type === 'subform') return null;
  if (OBJECTS.has(type)) return 'presence';
  if (NUMERIC.has(type)) return 'number';
  if (type === 'date' || type === 'datetime') return 'date';
  if (type === 'select' || type === 'multiselect') return 'choice';
  if (type === 'switch') return 'switch';
  if (type === 'member' || type === 'department' || type === 'relation') return type;
  return 'text';
}

/** The fields of a form a condition may test, with the path a filter names them by. */
export function condFieldsOf(fields: readonly Field[]): CondField[] {
  const out: CondField[] = [];
  for (const f of dataFields(fields as Field[])) {
    const kind = kindOf(f);
    if (kind) out.push({ path: kind === 'relation' ? `${f.id}.id` : f.id, field: f, kind });
  }
  return out;
}

/** The comparisons that fit a kind of field. */
export function opsFor(kind: CondKind): CondOp[] {
  switch (kind) {
    case 'text':
      return ['$eq', '$ne', '$regex', 'filled', 'blank'];
    case 'number':
    case 'date':
      return ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', 'filled', 'blank'];
    case 'switch':
      return ['$eq'];
    case 'relation':
      return ['$eq', 'filled', 'blank'];
    case 'presence':
      return ['filled', 'blank'];
    default:
      return ['$eq', '$ne', 'filled', 'blank'];
  }
}

/** Which of the current user's values an "equals" may compare a kind of field with. */
export function userValuesFor(kind: CondKind): Array<'id' | 'departments' | 'attribute'> {
  if (kind === 'member') return ['id'];
  if (kind === 'department') return ['departments'];
  if (kind === 'text' || kind === 'relation' || kind === 'number' || kind === 'choice') return ['attribute'];
  return [];
}

/** Whether a comparison takes a value. */
export const takesValue = (op: CondOp) => op !== 'filled' && op !== 'blank';

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Whether a condition says all it needs to (a field, a comparison, and a value when it takes one). */
export const isComplete = (row: CondRow): boolean => !!row.field && (!takesValue(row.op) || (row.user !== undefined ? row.user.trim() !== '' : !isBlank(row.value)));

function clauseOf(row: CondRow): Record<string, unknown> {
  if (row.op === 'filled' || row.op === 'blank') return { [row.field]: { $exists: row.op === 'filled' } };
  return { [row.field]: { [row.op]: row.user !== undefined ? { $user: row.user } : row.value ?? null } };
}

/** The list filter of a group of conditions: `{}` for none, one clause for one. */
export function toFilter(group: CondGroup): Record<string, unknown> {
  if (group.rows.length === 0) return {};
  if (group.rows.length === 1) return clauseOf(group.rows[0]);
  return { [group.combinator === 'or' ? '$or' : '$and']: group.rows.map(clauseOf) };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function rowsOfClause(clause: unknown): CondRow[] | null {
  if (!isObject(clause)) return null;
  const rows: CondRow[] = [];
  for (const [path, v] of Object.entries(clause)) {
    if (path.startsWith('$')) return null;
    if (isScalar(v)) {
      rows.push({ field: path, op: '$eq', value: v });
      continue;
    }
    if (!isObject(v)) return null;
    for (const [op, arg] of Object.entries(v)) {
      if (op === '$exists' && typeof arg === 'boolean') rows.push({ field: path, op: arg ? 'filled' : 'blank' });
      else if (!(COND_OPS as readonly string[]).includes(op) || !takesValue(op as CondOp)) return null;
      else if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg.$user === 'string') rows.push({ field: path, op: op as CondOp, user: arg.$user });
      else if (isScalar(arg)) rows.push({ field: path, op: op as CondOp, value: arg });
      else return null;
    }
  }
  return rows;
}

/** The conditions a list filter holds, or null when it says more than rows of conditions can (it then stays as it is). */
export function fromFilter(filter: Record<string, unknown>): CondGroup | null {
  const keys = Object.keys(filter);
  if (keys.length === 1 && (keys[0] === '$and' || keys[0] === '$or')) {
    const list = filter[keys[0]];
    if (!Array.isArray(list)) return null;
    const rows: CondRow[] = [];
    for (const clause of list) {
      const r = rowsOfClause(clause);
      if (!r || (keys[0] === '$or' && r.length !== 1)) return null;
      rows.push(...r);
    }
    return { combinator: keys[0] === '$or' ? 'or' : 'and', rows };
  }
  const rows = rowsOfClause(filter);
  return rows ? { combinator: 'and', rows } : null;
}

// ---------------------------------------------------------------------------------------------
// The set as the page edits it

/** A form's grant while it is edited: a custom condition as rows (or, when it cannot be, as it came). */
export interface FormDraft {
  actions: Action[];
  scope: ScopeChoice;
  namedIn: string[];
  conditions: CondGroup | null;
  /** The condition as stored, kept when it cannot be edited as rows. */
  rawFilter: Record<string, unknown>;
  fields: Record<string, FieldMode>;
}

export interface SetDraft {
  name: string;
  description: string;
  members: SetMembers;
  forms: Record<string, FormDraft>;
}

export const emptyFormDraft = (): FormDraft => ({ actions: [], scope: 'all', namedIn: [], conditions: { combinator: 'and', rows: [] }, rawFilter: {}, fields: {} });

function formDraftOf(g: FormGrant): FormDraft {
  const d: FormDraft = { ...emptyFormDraft(), actions: ACTIONS.filter((a) => g.actions.includes(a)), fields: { ...(g.fields ?? {}) } };
  const s = g.scope;
  if (s.kind === 'department') d.scope = s.withChildren ? 'departmentTree' : 'department';
  else d.scope = s.kind;
  if (s.kind === 'namedIn') d.namedIn = [...s.fields];
  if (s.kind === 'condition') {
    d.rawFilter = s.filter;
    d.conditions = fromFilter(s.filter);
  }
  return d;
}

export function draftOf(set: { name: string; description?: string; members: SetMembers; forms: Record<string, FormGrant> }): SetDraft {
  return {
    name: set.name,
    description: set.description ?? '',
    members: { users: [...set.members.users], departments: set.members.departments.map((d) => ({ ...d })), roles: [...set.members.roles] },
    forms: Object.fromEntries(Object.entries(set.forms).map(([id, g]) => [id, formDraftOf(g)])),
  };
}

function scopeOf(d: FormDraft): RowScope {
  switch (d.scope) {
    case 'all':
    case 'creator':
      return { kind: d.scope };
    case 'department':
      return { kind: 'department', withChildren: false };
    case 'departmentTree':
      return { kind: 'department', withChildren: true };
    case 'namedIn':
      return { kind: 'namedIn', fields: d.namedIn };
    case 'condition':
      return { kind: 'condition', filter: d.conditions ? toFilter(d.conditions) : d.rawFilter };
  }
}

/** What is saved: the forms with at least one action, each with its scope and field modes. */
export function inputOf(d: SetDraft): { name: string; description: string; members: SetMembers; forms: Record<string, FormGrant> } {
  const forms: Record<string, FormGrant> = {};
  for (const [id, f] of Object.entries(d.forms)) {
    if (f.actions.length === 0) continue;
    forms[id] = { actions: ACTIONS.filter((a) => f.actions.includes(a)), scope: scopeOf(f), ...(Object.keys(f.fields).length ? { fields: f.fields } : {}) };
  }
  return { name: d.name, description: d.description, members: d.members, forms };
}

/** Whether two drafts save the same set. */
export const sameSet = (a: SetDraft, b: SetDraft) => JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));

/**
 * Ticks or unticks an action of a form. Every action shows the rows it acts on (the server
 * grants "view" with any action), so ticking one ticks "view", and unticking "view" clears the row.
 */
export function toggleAction(d: FormDraft | undefined, action: Action, on: boolean): FormDraft {
  const cur = d ?? emptyFormDraft();
  let actions: Action[];
  if (on) actions = ACTIONS.filter((a) => a === action || a === 'view' || cur.actions.includes(a));
  else actions = action === 'view' ? [] : cur.actions.filter((a) => a !== action);
  return { ...cur, actions };
}

/** A field's mode in a form's draft ('visible' removes it). */
export function setFieldMode(d: FormDraft, fieldId: string, mode: FieldMode | 'visible'): FormDraft {
  const fields = { ...d.fields };
  if (mode === 'visible') delete fields[fieldId];
  else fields[fieldId] = mode;
  return { ...d, fields };
}

/** What must be said before a save (paths as the server's, so they show in the same places). */
export function problemsOf(d: SetDraft): Issue[] {
  const out: Issue[] = [];
  for (const [id, f] of Object.entries(d.forms)) {
    if (f.actions.length === 0) continue;
    if (f.scope === 'namedIn' && f.namedIn.length === 0) out.push({ path: `forms.${id}.scope.fields`, code: 'no_named_fields' });
    if (f.scope === 'condition' && f.conditions) {
      if (f.conditions.rows.length === 0) out.push({ path: `forms.${id}.scope.filter`, code: 'empty_condition' });
      f.conditions.rows.forEach((r, i) => {
        if (!isComplete(r)) out.push({ path: `forms.${id}.scope.filter.${r.field || `#${i}`}`, code: 'incomplete_condition' });
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where an issue belongs

export type IssueTarget =
  | { at: 'form'; formId: string }
  | { at: 'field'; formId: string; fieldId: string }
  | { at: 'scope'; formId: string; fieldId?: string }
  | { at: 'members'; group: 'users' | 'departments' | 'roles'; id: string }
  | { at: 'admins'; id: string }
  | { at: 'set' };

/** The field a condition's path names (`$and[0].price.$eq` → price, `supplier.id` → supplier). */
function fieldOfFilterPath(rest: string): string | undefined {
  for (const part of rest.split('.')) {
    const name = part.replace(/\[\d+\]$/, '');
    if (name && !name.startsWith('$') && !name.startsWith('#')) return name;
  }
  return undefined;
}

export function issueTarget(path: string): IssueTarget {
  const parts = path.split('.');
  if (parts[0] === 'forms' && parts[1]) {
    const formId = parts[1];
    if (parts[2] === 'fields' && parts[3]) return { at: 'field', formId, fieldId: parts[3] };
    if (parts[2] === 'scope') {
      if (parts[3] === 'fields') return { at: 'scope', formId, fieldId: parts[4] };
      if (parts[3] === 'filter') return { at: 'scope', formId, fieldId: fieldOfFilterPath(parts.slice(4).join('.')) };
      return { at: 'scope', formId };
    }
    return { at: 'form', formId };
  }
  if (parts[0] === 'members' && (parts[1] === 'users' || parts[1] === 'departments' || parts[1] === 'roles') && parts[2]) return { at: 'members', group: parts[1], id: parts.slice(2).join('.') };
  if (parts[0] === 'admins' && parts[1]) return { at: 'admins', id: parts.slice(1).join('.') };
  return { at: 'set' };
}

/** Whether a reported issue still names something of the draft (one the admin has since removed is settled). */
export function stillApplies(issue: Issue, d: SetDraft): boolean {
  const t = issueTarget(issue.path);
  const form = t.at === 'form' || t.at === 'field' || t.at === 'scope' ? d.forms[t.formId] : undefined;
  switch (t.at) {
    case 'members':
      return t.group === 'departments' ? d.members.departments.some((x) => x.id === t.id) : d.members[t.group].includes(t.id);
    case 'form':
      return !!form?.actions.length;
    case 'field':
      return !!form?.actions.length && form.fields[t.fieldId] !== undefined;
    case 'scope':
      return !!form?.actions.length;
    default:
      return true;
  }
}

/** The issues of a 422's details (anything else is none). */
export function issuesOf(details: unknown): Issue[] {
  if (!Array.isArray(details)) return [];
  return details.filter((d): d is Issue => isObject(d) && typeof d.path === 'string' && typeof d.code === 'string');
}
