// Who is calling. The identity plugin (platform) authenticates the request (session cookie or
// API key) and sets `request.principal`; runtime routes only read it, through `requireUser`.
import type { FastifyRequest } from 'fastify';
import { defineError } from './errors';

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  tenantId: string;
  roles: string[];
  departmentIds: string[];
  isAdmin: boolean;
  /** An external account (a supplier's, a customer's): it sees only what sets grant it, and no directory. */
  external?: boolean;
  /**
   * An API key's limits: `read` (reads only), `write` (records and files, no administration) or
   * `admin` (all its user may do); `apps`: only these apps. Absent for sessions and for keys made
   * before scopes, which act as their user.
   */
  keyScope?: KeyScope;
  /** The user sees every record of every app (an administrator's key without the admin scope: data yes, administration no). */
  seesAllData?: boolean;
  /** Attributes of the account that row scopes may compare with (`{ "$user": "supplier" }`). */
  attributes?: Readonly<Record<string, string>>;
  /** How the caller signed in; 'system' for the platform's own work (systemPrincipal). */
  via: 'session' | 'apikey' | 'system';
  /**
   * Set when an administrator reads as this user ("view as", header X-Tessera-View-As): the
   * administrator's user id. Such a request is a read; logs tell it apart by this field.
   */
  viewAsBy?: string;
}

export type KeyAccess = 'read' | 'write' | 'admin';
export interface KeyScope {
  access: KeyAccess;
  apps?: readonly string[];
}

/** Whether a principal limited to some apps by its key may reach this one. */
export function keyReaches(p: Principal, appId: string): boolean {
  return !p.keyScope?.apps || p.keyScope.apps.includes(appId);
}

/** The platform itself, for what it does on no one's request (an upgrade at start): audited and shown as "Tessera". */
export function systemPrincipal(tenantId: string): Principal {
  return { userId: 'system', username: 'system', displayName: 'Tessera', tenantId, roles: [], departmentIds: [], isAdmin: true, via: 'system' };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** No one is signed in (or the account is gone). */
export const SIGN_IN_FIRST = defineError('UNAUTHENTICATED', 401, () => ({ 'zh-CN': '请先登录', 'en-US': 'Sign in first' }));

/** The caller, or a 401 UNAUTHENTICATED. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) throw SIGN_IN_FIRST();
  return request.principal;
}

/** The caller is not a tenant administrator. */
export const ADMINS_ONLY = defineError('FORBIDDEN', 403, () => ({ 'zh-CN': '仅管理员可操作', 'en-US': 'Administrators only' }));

/** The caller if an admin, else 403. */
export function requireAdmin(request: FastifyRequest): Principal {
  const p = requireUser(request);
  if (!p.isAdmin) throw ADMINS_ONLY();
  return p;
}
