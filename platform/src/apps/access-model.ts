// Permission sets (权限组) as stored, their JSON schemas, and their errors. A set belongs to one
// app; it names its members (users, departments with or without the ones below, roles) and
// grants, per form, actions, a row scope and field modes (services/permissions.ts reads them).
import { ACTIONS, defineError, type Doc, type FormGrant } from '@tessera/runtime';
import type { Actor } from './model';

export interface SetMembers {
  users: string[];
  departments: Array<{ id: string; withChildren: boolean }>;
  roles: string[];
}

export interface PermissionSetDoc extends Doc {
  tenantId: string;
  appId: string;
  name: string;
  description: string;
  members: SetMembers;
  /** What the set grants, per form id (a condition's filter as JSON text: see storedGrants). */
  forms: Record<string, StoredGrant>;
  _v: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor;
}

export type PermissionSetInput = Pick<PermissionSetDoc, 'name' | 'members'> & { forms: Record<string, FormGrant>; description?: string };

/**
 * A grant as stored. A condition's filter has keys such as `$in` and `$user`, which the store
 * refuses in data (MongoDB would read them as operators), so it is kept as JSON text. A set
 * stored before that keeps its filter as an object until its next save.
 */
export type StoredGrant = Omit<FormGrant, 'scope'> & { scope: Exclude<FormGrant['scope'], { kind: 'condition' }> | { kind: 'condition'; filterJson: string } | { kind: 'condition'; filter: Record<string, unknown> } };

/** Grants as the store keeps them. */
export function storedGrants(forms: Record<string, FormGrant>): Record<string, StoredGrant> {
  const out: Record<string, StoredGrant> = {};
  for (const [formId, g] of Object.entries(forms)) out[formId] = g.scope.kind === 'condition' ? { ...g, scope: { kind: 'condition', filterJson: JSON.stringify(g.scope.filter) } } : (g as StoredGrant);
  return out;
}

/** Grants as the check and the API read them. */
export function grantsOf(forms: Record<string, StoredGrant>): Record<string, FormGrant> {
  const out: Record<string, FormGrant> = {};
  for (const [formId, g] of Object.entries(forms)) {
    const scope = g.scope;
    out[formId] = scope.kind === 'condition' && 'filterJson' in scope ? { ...g, scope: { kind: 'condition', filter: JSON.parse(scope.filterJson) as Record<string, unknown> } } : (g as FormGrant);
  }
  return out;
}

const userId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const fieldId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' } as const;

const scopeSchema = {
  oneOf: [
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'all' } } },
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'creator' } } },
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'department' }, withChildren: { type: 'boolean' } } },
    { type: 'object', required: ['kind', 'fields'], additionalProperties: false, properties: { kind: { const: 'namedIn' }, fields: { type: 'array', items: fieldId, minItems: 1, maxItems: 20, uniqueItems: true } } },
    { type: 'object', required: ['kind', 'filter'], additionalProperties: false, properties: { kind: { const: 'condition' }, filter: { type: 'object', maxProperties: 50 } } },
  ],
} as const;

const grantSchema = {
  type: 'object',
  required: ['actions', 'scope'],
  additionalProperties: false,
  properties: {
    actions: { type: 'array', items: { enum: [...ACTIONS] }, uniqueItems: true, maxItems: ACTIONS.length },
    scope: scopeSchema,
    fields: { type: 'object', maxProperties: 2000, propertyNames: fieldId, additionalProperties: { enum: ['hidden', 'readonly'] } },
  },
} as const;

export const permissionSetBody = {
  type: 'object',
  required: ['name', 'members', 'forms'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', maxLength: 1000 },
    members: {
      type: 'object',
      required: ['users', 'departments', 'roles'],
      additionalProperties: false,
      properties: {
        users: { type: 'array', items: userId, maxItems: 1000, uniqueItems: true },
        departments: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'object', required: ['id', 'withChildren'], additionalProperties: false, properties: { id: userId, withChildren: { type: 'boolean' } } },
        },
        roles: { type: 'array', items: userId, maxItems: 200, uniqueItems: true },
      },
    },
    forms: { type: 'object', maxProperties: 500, propertyNames: fieldId, additionalProperties: grantSchema },
    _v: { type: 'integer', minimum: 1 },
  },
} as const;

export const permissionSetOut = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    appId: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    members: { type: 'object', additionalProperties: true },
    forms: { type: 'object', additionalProperties: true },
    _v: { type: 'integer' },
    updatedAt: { type: 'string' },
    updatedBy: { type: 'object', additionalProperties: true },
  },
} as const;

export function setOut(s: PermissionSetDoc) {
  return { id: s._id, appId: s.appId, name: s.name, description: s.description, members: s.members, forms: grantsOf(s.forms), _v: s._v, updatedAt: s.updatedAt, updatedBy: s.updatedBy };
}

export const SET_NOT_FOUND = defineError<{ setId: string }>('NOT_FOUND', 404, ({ setId }) => ({
  'zh-CN': `权限组 ${setId} 不存在`,
  'en-US': `Permission set ${setId} not found`,
}));

export const APP_ADMINS_ONLY = defineError('FORBIDDEN', 403, () => ({
  'zh-CN': '只有应用管理员可以管理权限',
  'en-US': 'Only the app’s administrators manage its permissions',
}));

/** A set that names forms, fields, people or values the app does not have; details name each. */
export const INVALID_SET = defineError<{ count: number }>('INVALID_PERMISSION_SET', 422, ({ count }) => ({
  'zh-CN': `权限组有 ${count} 处设置无效`,
  'en-US': `The permission set has ${count} invalid setting(s)`,
}));

export const LAST_APP_ADMIN = defineError('LAST_APP_ADMIN', 409, () => ({
  'zh-CN': '应用至少要保留一位管理员',
  'en-US': 'An app keeps at least one administrator',
}));
