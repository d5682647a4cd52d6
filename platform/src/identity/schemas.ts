// JSON schemas of identity payloads, used by route validation, response serialisation and
// OpenAPI. Bodies are closed (`additionalProperties: false`): unknown properties are refused.

export const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: idSchema }, additionalProperties: false } as const;
const isoDate = { type: 'string', format: 'date-time' } as const;
const nullableIso = { type: ['string', 'null'] } as const;
/** A name people read (a person's display name, a role, a department, an API key): stored without the spaces around it, so never only spaces. */
export const nameSchema = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } as const;
const idList = { type: 'array', items: idSchema, maxItems: 200, uniqueItems: true } as const;

export const usernameSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s:/\\\\]+$' } as const;
// The policy (10+ characters, not a common password) is checked in code (password-policy.ts), so
// both refusals come back alike, with a message in the reader's language.
export const passwordSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 256,
  description: 'At least 10 characters, and not one of the 10,000 most common passwords',
} as const;
export const localeSchema = { type: 'string', enum: ['zh-CN', 'en-US'] } as const;

export const userSchema = {
  type: 'object',
  required: ['_id', 'username', 'displayName', 'roles', 'departmentIds', 'isAdmin', 'disabled', 'locale'],
  properties: {
    _id: { type: 'string' },
    tenantId: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    email: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    departmentIds: { type: 'array', items: { type: 'string' } },
    isAdmin: { type: 'boolean' },
    disabled: { type: 'boolean' },
    locale: { type: 'string' },
    mustChangePassword: { type: 'boolean' },
    kind: { type: 'string', enum: ['member', 'external'] },
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

/** Attributes of an account: a few names, each a text (e.g. the id of the supplier record it belongs to). */
const attributesSchema = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,31}$' },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
} as const;

export const userResponse = { type: 'object', required: ['user'], properties: { user: userSchema } } as const;

export const createUserBody = {
  type: 'object',
  required: ['username'],
  additionalProperties: false,
  description: 'Without a password the account cannot sign in until it accepts an invitation (POST /api/users/{id}/invite)',
  properties: {
    username: usernameSchema,
    password: passwordSchema,
    displayName: nameSchema,
    email: { type: 'string', format: 'email', maxLength: 200 },
    roles: idList,
    departmentIds: idList,
    isAdmin: { type: 'boolean' },
    locale: localeSchema,
    mustChangePassword: { type: 'boolean' },
    kind: { type: 'string', enum: ['member', 'external'] },
    attributes: attributesSchema,
  },
} as const;

export const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: nameSchema,
    email: { type: 'string', format: 'email', maxLength: 200 },
    password: passwordSchema,
    roles: idList,
    departmentIds: idList,
    isAdmin: { type: 'boolean' },
    disabled: { type: 'boolean' },
    locale: localeSchema,
    mustChangePassword: { type: 'boolean' },
    attributes: attributesSchema,
  },
} as const;

export const departmentSchema = {
  type: 'object',
  required: ['_id', 'name', 'parentId', 'path', 'order'],
  properties: {
    _id: { type: 'string' },
    name: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    path: { type: 'array', items: { type: 'string' } },
    order: { type: 'number' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

export const roleSchema = {
  type: 'object',
  required: ['_id', 'name', 'description'],
  properties: {
    _id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

export const apiKeySchema = {
  type: 'object',
  required: ['_id', 'userId', 'name', 'hint', 'createdAt'],
  properties: {
    _id: { type: 'string' },
    userId: { type: 'string' },
    name: { type: 'string' },
    hint: { type: 'string' },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    expiresAt: nullableIso,
    lastUsedAt: nullableIso,
    revokedAt: nullableIso,
    scope: { type: 'object', properties: { access: { type: 'string' }, apps: { type: 'array', items: { type: 'string' } } } },
  },
} as const;

/** An API key's scope: read (reads only), write (records and files), admin (all its user may do); optionally only some apps. */
export const keyScopeSchema = {
  type: 'object',
  required: ['access'],
  additionalProperties: false,
  properties: {
    access: { type: 'string', enum: ['read', 'write', 'admin'] },
    apps: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' } },
  },
} as const;

export { isoDate, idList };

/** `{ 400: ErrorBody, 401: ErrorBody, … }` for a route's `response`. */
export { errorResponses as errors } from '@tessera/runtime';
