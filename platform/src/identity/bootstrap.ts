// First start: the default tenant and, when no user exists yet, the `admin` account, with the
// configured password or a generated one-time password the caller prints (and the account must
// change it at first sign-in).
import { randomBytes } from 'node:crypto';
import { StoreError, nowIso, type Clock } from '@tessera/runtime';
import { DEFAULT_TENANT, type IdentityCollections } from './model';
import { createUser } from './user-service';

export interface AdminBootstrap {
  /** Set when this call created `admin`: the password to show the operator once. */
  createdAdminPassword?: string;
  generated: boolean;
}

export async function bootstrapIdentity(c: IdentityCollections, clock: Clock, adminPassword?: string): Promise<AdminBootstrap> {
  if (!(await c.tenants.findOne({ _id: DEFAULT_TENANT }))) {
    await c.tenants.insertOne({ _id: DEFAULT_TENANT, name: 'Default', createdAt: nowIso(clock) }).catch(ignoreDuplicate);
  }
  if ((await c.users.count({})) > 0) return { generated: false };
  const generated = !adminPassword;
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  try {
    await createUser(c, {
      username: 'admin',
      password,
      displayName: 'Administrator',
      isAdmin: true,
      mustChangePassword: generated,
    }, clock);
  } catch (err) {
    // Another node bootstrapped at the same moment; its admin stands.
    if ((err as { code?: string }).code === 'DUPLICATE') return { generated: false };
    throw err;
  }
  return { createdAdminPassword: password, generated };
}

function ignoreDuplicate(err: unknown): null {
  if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') return null;
  throw err;
}
