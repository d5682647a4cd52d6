// First start: the default tenant and, when no user exists yet, the `admin` account, with the
// configured password or a generated one-time password the caller prints (and the account must
// change it at first sign-in). A configured password that fails the password policy stops the
// start with a ConfigError naming TESSERA_ADMIN_PASSWORD, whether or not it is needed this time:
// the operator learns at once, not on the day the data directory is new.
import { randomBytes } from 'node:crypto';
import { ConfigError, StoreError, nowIso, type Clock } from '@tessera/runtime';
import { DEFAULT_TENANT, type IdentityCollections } from './model';
import { MIN_PASSWORD_LENGTH, passwordIssues } from './password-policy';
import { createUser } from './user-service';

export interface AdminBootstrap {
  /** Set when this call created `admin`: the password to show the operator once. */
  createdAdminPassword?: string;
  generated: boolean;
}

export async function bootstrapIdentity(c: IdentityCollections, clock: Clock, adminPassword?: string): Promise<AdminBootstrap> {
  // Stryker disable next-line StringLiteral: only the issue's code is read here, never the path it names
  const weak = adminPassword === undefined ? undefined : passwordIssues(adminPassword, 'TESSERA_ADMIN_PASSWORD')[0];
  if (weak) {
    throw new ConfigError([
      weak.code === 'password_too_common'
        ? 'TESSERA_ADMIN_PASSWORD is one of the 10,000 most common passwords: choose another (or unset it to get a generated one-time password)'
        : `TESSERA_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters (spaces at either end do not count)`,
    ]);
  }
  // The read only spares a write: the insert below ignores a tenant already there.
  // Stryker disable next-line ObjectLiteral,ConditionalExpression: the default tenant is the only one any code creates, so asking for any tenant finds the same; and see above
  if (!(await c.tenants.findOne({ _id: DEFAULT_TENANT }))) {
    await c.tenants.insertOne({ _id: DEFAULT_TENANT, name: 'Default', createdAt: nowIso(clock) }).catch(ignoreDuplicate);
  }
  if ((await c.users.count({})) > 0) return { generated: false };
  const generated = !adminPassword;
  // 16 random base64url characters: long enough for the policy, and never on its list.
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
