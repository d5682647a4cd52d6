// The administration area's calls: users, departments, roles, API keys and the sign-in history,
// through the public API (docs/administration.md), and the server's refusals turned into words
// at the fields they concern (never a code or an "English / 中文" pair on screen).
import type { Locale } from '@tessera/form-engine';
import { api, ApiError, errorText } from '../lib/api';
import type { Dict } from '../lib/i18n';
import type { AdminDict } from './i18n';

export interface AdminUser {
  _id: string;
  username: string;
  displayName: string;
  email?: string;
  roles: string[];
  departmentIds: string[];
  isAdmin: boolean;
  disabled: boolean;
  locale: Locale;
  mustChangePassword?: boolean;
  kind?: 'member' | 'external';
  attributes?: Record<string, string>;
  createdAt?: string;
}

export interface Department {
  _id: string;
  name: string;
  parentId: string | null;
  path: string[];
  order: number;
}

export interface Role {
  _id: string;
  name: string;
  description: string;
}

export type KeyAccess = 'read' | 'write' | 'admin';

export interface ApiKey {
  _id: string;
  userId: string;
  name: string;
  hint: string;
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  scope?: { access: KeyAccess; apps?: string[] };
}

export interface LoginEntry {
  id: string;
  at: string;
  action: 'auth.login' | 'auth.logout' | 'auth.logout_everywhere';
  user: { id: string; displayName: string };
  ip: string | null;
}

export type NewUserBody = Partial<Omit<AdminUser, '_id' | 'disabled'>> & { username: string; password?: string };
export type UserPatch = Partial<Omit<AdminUser, '_id' | 'username' | 'kind'>> & { password?: string };

const enc = encodeURIComponent;

export const adminApi = {
  users: () => api<{ items: AdminUser[]; total: number }>('GET', '/api/users?limit=500'),
  createUser: (body: NewUserBody) => api<{ user: AdminUser }>('POST', '/api/users', body),
  updateUser: (id: string, patch: UserPatch) => api<{ user: AdminUser }>('PATCH', `/api/users/${enc(id)}`, patch),
  deleteUser: (id: string) => api<void>('DELETE', `/api/users/${enc(id)}`),
  invite: (id: string) => api<{ path: string; expiresAt: string }>('POST', `/api/users/${enc(id)}/invite`),
  departments: () => api<{ items: Department[] }>('GET', '/api/departments'),
  createDepartment: (body: { name: string; parentId: string | null; order?: number }) => api<{ department: Department }>('POST', '/api/departments', body),
  updateDepartment: (id: string, patch: { name?: string; parentId?: string | null; order?: number }) =>
    api<{ department: Department }>('PATCH', `/api/departments/${enc(id)}`, patch),
  deleteDepartment: (id: string) => api<void>('DELETE', `/api/departments/${enc(id)}`),
  roles: () => api<{ items: Role[] }>('GET', '/api/roles'),
  createRole: (body: { name: string; description?: string }) => api<{ role: Role }>('POST', '/api/roles', body),
  updateRole: (id: string, patch: { name?: string; description?: string }) => api<{ role: Role }>('PATCH', `/api/roles/${enc(id)}`, patch),
  deleteRole: (id: string) => api<void>('DELETE', `/api/roles/${enc(id)}`),
  apiKeys: () => api<{ items: ApiKey[] }>('GET', '/api/api-keys?all=true'),
  createApiKey: (body: { name: string; userId?: string; expiresAt?: string; scope: { access: KeyAccess; apps?: string[] } }) =>
    api<{ apiKey: ApiKey; secret: string }>('POST', '/api/api-keys', body),
  revokeApiKey: (id: string) => api<void>('DELETE', `/api/api-keys/${enc(id)}`),
  apps: () => api<{ items: Array<{ id: string; name: unknown }> }>('GET', '/api/apps'),
  logins: (before?: string) => api<{ items: LoginEntry[]; next?: string | null }>('GET', `/api/login-history?limit=50${before ? `&before=${enc(before)}` : ''}`),
};

interface Issue {
  path?: string;
  code?: string;
  message?: string;
}

/** The words for one detail of a refusal, when we know its code. */
function issueText(issue: Issue, a: AdminDict): string | undefined {
  switch (issue.code) {
    case 'duplicate':
      return issue.path === '/username' ? a.errUsernameTaken : a.errNameTaken;
    case 'password_too_short':
      return a.errPasswordShort;
    case 'password_too_common':
      return a.errPasswordCommon;
    case 'external_admin':
      return a.errExternalAdmin;
    case 'cycle':
      return a.errCycle;
    case 'unknown_department':
      return a.errUnknownDepartment;
    case 'unknown_role':
      return a.errUnknownRole;
    case 'past':
      return a.errPast;
    default:
      return undefined;
  }
}

/**
 * A server message in the reader's language. Older identity routes still answer
 * "English / 中文" in one string: keep the half in the reader's language.
 */
export function readerMessage(message: string, locale: Locale): string {
  const m = /^(.+?) \/ (.*\p{Script=Han}.*)$/u.exec(message);
  if (!m) return message;
  return locale === 'zh-CN' ? m[2] : m[1];
}

/** What a refusal says, in words: one sentence, and a sentence per form field it concerns. */
export function refusal(e: unknown, a: AdminDict, t: Dict, locale: Locale): { text: string; fields: Record<string, string> } {
  if (!(e instanceof ApiError)) return { text: errorText(e, t), fields: {} };
  const fields: Record<string, string> = {};
  const issues = Array.isArray(e.details) ? (e.details as Issue[]) : [];
  for (const issue of issues) {
    const field = (issue.path ?? '').split('/')[1];
    const words = issueText(issue, a);
    if (field && words && !fields[field]) fields[field] = words;
  }
  const first = Object.values(fields)[0];
  if (e.status === 404) return { text: a.errNotFound, fields };
  if (e.code === 'VALIDATION_FAILED' && first) return { text: first, fields };
  if (e.code === 'DUPLICATE') return { text: first ?? a.errNameTaken, fields };
  if (e.code === 'BAD_REQUEST') return { text: a.errInvalid, fields };
  return { text: readerMessage(errorText(e, t), locale), fields };
}
