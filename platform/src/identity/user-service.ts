// User operations shared by the HTTP routes, the admin bootstrap and `tessera user create`.
import { AppError, StoreError, nowIso, systemClock, type Clock, type TxSession } from '@tessera/runtime';
import { LAST_ADMIN, NO_LONGER_ADMIN } from './errors';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { DEFAULT_TENANT, type IdentityCollections, type Locale, type UserDoc, type UserKind } from './model';

export interface NewUser {
  username: string;
  /** None: the account cannot sign in until it accepts an invitation. */
  password?: string;
  displayName?: string;
  email?: string;
  roles?: string[];
  departmentIds?: string[];
  isAdmin?: boolean;
  locale?: Locale;
  mustChangePassword?: boolean;
  kind?: UserKind;
  attributes?: Record<string, string>;
  tenantId?: string;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

// Stryker disable next-line ObjectLiteral: only reads less; the ids are all that is taken
const IDS_ONLY = { projection: { _id: 1 } } as const;

/** Refuses role or department ids that do not exist in the tenant (400 with one issue per id). */
export async function checkReferences(c: IdentityCollections, tenantId: string, roles?: string[], departmentIds?: string[]) {
  const issues: Array<Record<string, unknown>> = [];
  if (roles?.length) {
    const found = new Set((await c.roles.find({ tenantId, _id: { $in: roles } }, IDS_ONLY)).map((r) => r._id));
    roles.forEach((id, i) => found.has(id) || issues.push({ path: `/roles/${i}`, code: 'unknown_role', message: `No role ${id}` }));
  }
  if (departmentIds?.length) {
    const found = new Set(
      (await c.departments.find({ tenantId, _id: { $in: departmentIds } }, IDS_ONLY)).map((d) => d._id),
    );
    departmentIds.forEach(
      (id, i) => found.has(id) || issues.push({ path: `/departmentIds/${i}`, code: 'unknown_department', message: `No department ${id}` }),
    );
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { 'zh-CN': '角色或部门不存在', 'en-US': 'Unknown roles or departments' }, issues);
}

/**
 * A new user's document, checked (the password policy, the role and department ids) and its
 * password hashed, ready for insertUser: the slow hash runs before any transaction opens.
 */
export async function newUserDoc(c: IdentityCollections, input: NewUser, clock: Clock = systemClock): Promise<Omit<UserDoc, '_id'>> {
  const tenantId = input.tenantId ?? DEFAULT_TENANT;
  const username = normalizeUsername(input.username);
  if (input.password !== undefined) assertStrongPassword(input.password, '/password');
  if (input.kind === 'external' && input.isAdmin) {
    throw new AppError('VALIDATION_FAILED', { 'zh-CN': '外部账号不能是管理员', 'en-US': 'An external account cannot be an administrator' }, [{ path: '/isAdmin', code: 'external_admin', message: 'external accounts are never administrators' }]);
  }
  await checkReferences(c, tenantId, input.roles, input.departmentIds);
  const now = nowIso(clock);
  return {
    tenantId,
    username,
    displayName: input.displayName?.trim() || username,
    ...(input.email ? { email: input.email } : {}),
    // An empty hash matches no password: sign-in needs an accepted invitation first.
    // Stryker disable next-line StringLiteral: any stored text that is not a hash verifies no password (password.ts); the empty one is only the plainest
    passwordHash: input.password === undefined ? '' : await hashPassword(input.password),
    roles: input.roles ?? [],
    departmentIds: input.departmentIds ?? [],
    isAdmin: input.isAdmin ?? false,
    disabled: false,
    locale: input.locale ?? 'zh-CN',
    sessionEpoch: 0,
    mustChangePassword: input.mustChangePassword ?? false,
    ...(input.kind === 'external' ? { kind: 'external' as const } : {}),
    ...(input.attributes && Object.keys(input.attributes).length ? { attributes: input.attributes } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts a user (in `session`'s transaction when given); a taken username is a 409 DUPLICATE. */
export async function insertUser(c: IdentityCollections, doc: Omit<UserDoc, '_id'>, session?: TxSession): Promise<UserDoc> {
  try {
    return await c.users.insertOne(doc, { session });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') {
      throw new AppError('DUPLICATE', { 'zh-CN': `用户名“${doc.username}”已被使用`, 'en-US': `The username "${doc.username}" is taken` }, [
        { path: '/username', code: 'duplicate', message: 'username taken' },
      ]);
    }
    throw err;
  }
}

/** Creates a user stamped by `clock` (the server's; `tessera user create` runs on the machine's). */
export async function createUser(c: IdentityCollections, input: NewUser, clock: Clock = systemClock): Promise<UserDoc> {
  return insertUser(c, await newUserDoc(c, input, clock));
}

/**
 * Inside the transaction that demotes, disables or deletes `targetId`: refuses (409) when no
 * other enabled administrator would remain, and (403) when the acting administrator has lost
 * the right meanwhile. Both reads are the transaction's, so they see every change committed
 * before it. The embedded store runs transactions one at a time; on MongoDB two transactions
 * that each demote a different admin would not conflict (snapshot isolation lets both read two
 * admins), so both first write one per-tenant guard document: the second then meets a write
 * conflict, is retried by the driver and reads the first one's result.
 */
export async function keepAnAdmin(c: IdentityCollections, session: TxSession, tenantId: string, actorId: string, targetId: string): Promise<void> {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: only MongoDB needs the guard's write conflict; the embedded store (the one mutation runs on) runs transactions one at a time
  await c.settings.updateOne({ _id: `admin_guard_${tenantId}` }, { $inc: { writes: 1 } }, { session, upsert: true });
  const actor = await c.users.findOne({ _id: actorId, tenantId }, { session });
  if (!actor || !actor.isAdmin || actor.disabled) throw NO_LONGER_ADMIN();
  // Stryker disable next-line all: unreachable today (the actor, just checked an enabled administrator, may not be the target, so one other remains); kept for a caller that acts without being one
  if ((await c.users.count({ tenantId, isAdmin: true, disabled: false, _id: { $ne: targetId } }, { session })) === 0) throw LAST_ADMIN();
}
