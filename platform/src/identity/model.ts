// Identity documents as stored, their public shapes, and the collection names. Every document
// carries `tenantId`; a fresh install has one tenant, `default`.
import type { Doc, Principal, Store } from '@tessera/runtime';

export const DEFAULT_TENANT = 'default';

export const COLLECTIONS = {
  tenants: 'tenants',
  users: 'users',
  departments: 'departments',
  roles: 'roles',
  apiKeys: 'api_keys',
  settings: 'settings',
} as const;

export type Locale = 'zh-CN' | 'en-US';

export interface UserDoc extends Doc {
  tenantId: string;
  /** Lower-case login name, unique per tenant. */
  username: string;
  displayName: string;
  email?: string;
  passwordHash: string;
  /** Role ids. */
  roles: string[];
  departmentIds: string[];
  isAdmin: boolean;
  disabled: boolean;
  locale: Locale;
  /** Raised to revoke every session token issued before (see session-token.ts). */
  sessionEpoch: number;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export type PublicUser = Omit<UserDoc, 'passwordHash' | 'sessionEpoch'>;

export interface DepartmentDoc extends Doc {
  tenantId: string;
  name: string;
  parentId: string | null;
  /** Ids from the root down to this department, itself included: descendants of X match `{ path: X }`. */
  path: string[];
  order: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoleDoc extends Doc {
  tenantId: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKeyDoc extends Doc {
  tenantId: string;
  userId: string;
  name: string;
  /** sha256 of the secret, hex; the secret itself is shown once and never stored. */
  hash: string;
  /** Last characters of the secret, to tell keys apart in a list. */
  hint: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type PublicApiKey = Omit<ApiKeyDoc, 'hash'>;

export function publicUser(u: UserDoc): PublicUser {
  const { passwordHash: _h, sessionEpoch: _e, ...rest } = u;
  return rest;
}

export function publicApiKey(k: ApiKeyDoc): PublicApiKey {
  const { hash: _h, ...rest } = k;
  return rest;
}

export function principalOf(u: UserDoc, via: Principal['via']): Principal {
  return {
    userId: u._id,
    username: u.username,
    displayName: u.displayName,
    tenantId: u.tenantId,
    roles: u.roles,
    departmentIds: u.departmentIds,
    isAdmin: u.isAdmin,
    via,
  };
}

export function identityCollections(store: Store) {
  return {
    tenants: store.collection(COLLECTIONS.tenants),
    users: store.collection<UserDoc>(COLLECTIONS.users),
    departments: store.collection<DepartmentDoc>(COLLECTIONS.departments),
    roles: store.collection<RoleDoc>(COLLECTIONS.roles),
    apiKeys: store.collection<ApiKeyDoc>(COLLECTIONS.apiKeys),
    settings: store.collection(COLLECTIONS.settings),
  };
}

export type IdentityCollections = ReturnType<typeof identityCollections>;

export async function ensureIdentityIndexes(c: IdentityCollections): Promise<void> {
  await c.users.ensureIndexes([{ keys: { tenantId: 1, username: 1 }, unique: true }]);
  await c.departments.ensureIndexes([{ keys: { tenantId: 1, parentId: 1 } }, { keys: { path: 1 } }]);
  await c.roles.ensureIndexes([{ keys: { tenantId: 1, name: 1 }, unique: true }]);
  await c.apiKeys.ensureIndexes([{ keys: { hash: 1 }, unique: true }, { keys: { userId: 1 } }]);
}
