// User operations shared by the HTTP routes, the admin bootstrap and `tessera user create`.
import { AppError, StoreError, nowIso, systemClock, type Clock } from '@tessera/runtime';
import { hashPassword } from './password';
import { DEFAULT_TENANT, type IdentityCollections, type Locale, type UserDoc } from './model';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  roles?: string[];
  departmentIds?: string[];
  isAdmin?: boolean;
  locale?: Locale;
  mustChangePassword?: boolean;
  tenantId?: string;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Refuses role or department ids that do not exist in the tenant (400 with one issue per id). */
export async function checkReferences(c: IdentityCollections, tenantId: string, roles?: string[], departmentIds?: string[]) {
  const issues: Array<Record<string, unknown>> = [];
  if (roles?.length) {
    const found = new Set((await c.roles.find({ tenantId, _id: { $in: roles } }, { projection: { _id: 1 } })).map((r) => r._id));
    roles.forEach((id, i) => found.has(id) || issues.push({ path: `/roles/${i}`, code: 'unknown_role', message: `No role ${id}` }));
  }
  if (departmentIds?.length) {
    const found = new Set(
      (await c.departments.find({ tenantId, _id: { $in: departmentIds } }, { projection: { _id: 1 } })).map((d) => d._id),
    );
    departmentIds.forEach(
      (id, i) => found.has(id) || issues.push({ path: `/departmentIds/${i}`, code: 'unknown_department', message: `No department ${id}` }),
    );
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'Unknown roles or departments / 角色或部门不存在', issues);
}

/** Creates a user stamped by `clock` (the server's; `tessera user create` runs on the machine's). */
export async function createUser(c: IdentityCollections, input: NewUser, clock: Clock = systemClock): Promise<UserDoc> {
  const tenantId = input.tenantId ?? DEFAULT_TENANT;
  const username = normalizeUsername(input.username);
  await checkReferences(c, tenantId, input.roles, input.departmentIds);
  const now = nowIso(clock);
  try {
    return await c.users.insertOne({
      tenantId,
      username,
      displayName: input.displayName?.trim() || username,
      ...(input.email ? { email: input.email } : {}),
      passwordHash: await hashPassword(input.password),
      roles: input.roles ?? [],
      departmentIds: input.departmentIds ?? [],
      isAdmin: input.isAdmin ?? false,
      disabled: false,
      locale: input.locale ?? 'zh-CN',
      sessionEpoch: 0,
      mustChangePassword: input.mustChangePassword ?? false,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') {
      throw new AppError('DUPLICATE', `The username "${username}" is taken / 用户名已存在`, [
        { path: '/username', code: 'duplicate', message: 'username taken' },
      ]);
    }
    throw err;
  }
}

/** How many enabled administrators the tenant has, ignoring `exceptId`. */
export async function otherActiveAdmins(c: IdentityCollections, tenantId: string, exceptId: string): Promise<number> {
  return c.users.count({ tenantId, isAdmin: true, disabled: false, _id: { $ne: exceptId } });
}
