// Identity documents as stored, their public shapes, and the collection names. Every document
// carries `tenantId`; a fresh install has one tenant, `default`.
import type { Doc, KeyScope, Principal, Store } from '@tessera/runtime';

export const DEFAULT_TENANT = 'default';

export const COLLECTIONS = {
  tenants: 'tenants',
  users: 'users',
  departments: 'departments',
  roles: 'roles',
  apiKeys: 'api_keys',
  settings: 'settings',
  sessions: 'sessions',
  loginAttempts: 'login_attempts',
} as const;

export type Locale = 'zh-CN' | 'en-US';
export type UserKind = 'member' | 'external';

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
  /** 'external': a supplier's or customer's account (the supplier portal); absent or 'member': staff. */
  kind?: UserKind;
  /** What binds the account to records of other forms, e.g. `supplier`: the id of its supplier's record. */
  attributes?: Record<string, string>;
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
  /** What the key may do (absent on keys made before scopes: all its user may do). */
  scope?: KeyScope;
}

export type PublicApiKey = Omit<ApiKeyDoc, 'hash'>;

/** One signed-in browser: created at sign-in, deleted at logout; its id is the token's `sid`. */
export interface SessionDoc extends Doc {
  tenantId: string;
  userId: string;
  createdAt: string;
  /** Last request seen, written at most about once a minute (sessions.ts): the idle timeout reads it. */
  lastSeenAt: string;
  /** The absolute end, whatever the activity (the token's `exp`). */
  expiresAt: string;
  /** The client address at sign-in, as trust-proxy resolved it. */
  ip: string;
}

/** A fixed-window counter of failed sign-ins (login-limits.ts); `_id` is a hash of what it counts. */
export interface LoginCounterDoc extends Doc {
  kind: 'account-client' | 'client' | 'account';
  count: number;
  /** When this window ends and the count starts again. */
  windowEnds: string;
}

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
    external: u.kind === 'external',
    attributes: u.attributes ?? {},
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
    sessions: store.collection<SessionDoc>(COLLECTIONS.sessions),
    loginAttempts: store.collection<LoginCounterDoc>(COLLECTIONS.loginAttempts),
  };
}

export type IdentityCollections = ReturnType<typeof identityCollections>;

export async function ensureIdentityIndexes(c: IdentityCollections): Promise<void> {
  await c.users.ensureIndexes([{ keys: { tenantId: 1, username: 1 }, unique: true }]);
  // Stryker disable next-line ArrayDeclaration: indexes for speed only (reads give the same answers without them)
  await c.departments.ensureIndexes([{ keys: { tenantId: 1, parentId: 1 } }, { keys: { path: 1 } }]);
  await c.roles.ensureIndexes([{ keys: { tenantId: 1, name: 1 }, unique: true }]);
  // Stryker disable next-line ArrayDeclaration,BooleanLiteral: two keys never share a hash of 32 random bytes; the user index is for speed
  await c.apiKeys.ensureIndexes([{ keys: { hash: 1 }, unique: true }, { keys: { userId: 1 } }]);
  // Stryker disable next-line ArrayDeclaration: indexes for speed only
  await c.sessions.ensureIndexes([{ keys: { userId: 1 } }, { keys: { expiresAt: 1 } }]);
  // Stryker disable next-line ArrayDeclaration: an index for speed only
  await c.loginAttempts.ensureIndexes([{ keys: { windowEnds: 1 } }]);
}
