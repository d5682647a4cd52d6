// Security writes (users, departments, roles, API keys, passwords, sign-ins and sign-outs) go to
// the audit trail in the same transaction as the write, so neither lands without the other.
// Users are recorded as publicUser shows them: never a password hash.
import { actorOf, appendAudit, nowIso, type AuditActor, type Principal, type TxSession } from '@tessera/runtime';
import type { IdentityContext } from './context';
import { publicUser, type UserDoc } from './model';

export interface SecurityEvent {
  /** e.g. `user.update`, `auth.login`, `api_key.revoke` */
  action: string;
  collection: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Sign-ins and sign-outs: their own audit chain, which the sign-in history reads newest first. */
export const AUTH_CHAIN = 'auth';
export const LOGIN_ACTIONS = ['auth.login', 'auth.logout', 'auth.logout_everywhere'] as const;
export type LoginAction = (typeof LOGIN_ACTIONS)[number];

export async function audit(ctx: Pick<IdentityContext, 'store' | 'clock'>, session: TxSession, actor: Principal | AuditActor, e: SecurityEvent): Promise<void> {
  const who = 'userId' in actor ? actorOf(actor) : actor;
  const chain = (LOGIN_ACTIONS as readonly string[]).includes(e.action) ? AUTH_CHAIN : undefined;
  await appendAudit(ctx.store, session, { actor: who, ...e, at: nowIso(ctx.clock), ...(chain ? { chain } : {}) });
}

/** A user as the audit trail keeps it. */
export const auditedUser = (u: UserDoc | null): Record<string, unknown> | null => (u ? { ...publicUser(u) } : null);

/** The actor of what a user does for themself before a principal exists (signing in). */
export const selfActor = (u: UserDoc): AuditActor => ({ id: u._id, name: u.displayName || u.username });
