// The SPA's only way to the server: the public JSON API. Writes always send JSON (the CSRF
// rule); errors come back as ApiError with the server's code, message and details.
import type { FileRef, FormSchema, I18nText } from '@tessera/form-engine';
import type { FormServices } from '@tessera/form-engine/react';
import { fmt, type Dict } from './i18n';
import { viewAsHeaders } from './viewAs';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/**
 * What to tell a person about a failed call: the server's own message (already in the reader's
 * language, from Accept-Language), or a sentence for what never reached an answer (a network
 * failure is "Failed to fetch" in the browser's words, never shown as such).
 */
export function errorText(e: unknown, t: Dict): string {
  if (e instanceof ApiError) return e.code.startsWith('HTTP_') || !e.message ? fmt(t.serverError, { n: e.status }) : e.message;
  return t.networkError;
}

export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  // In a "view as" tab every call but the caller's own carries the viewed user (lib/viewAs.ts).
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': localStorage.getItem('tessera.locale') ?? 'zh-CN', ...viewAsHeaders(url) } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  } else if (method !== 'GET' && method !== 'HEAD') {
    init.body = '{}';
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(url, init);
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: unknown } }).error ?? {};
    throw new ApiError(res.status, e.code ?? 'HTTP_' + res.status, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

export interface Me {
  _id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  locale: 'zh-CN' | 'en-US';
  /** Set on a one-time or reset password: the web app sends the user to the change-password page first. */
  mustChangePassword?: boolean;
  /** 'external': a supplier's or customer's portal account, which may not search the directory. */
  kind?: 'internal' | 'external';
  /** The account's attributes (e.g. `supplier`: a record id), used by permission conditions on `$user`. */
  attributes?: Record<string, unknown>;
  /** The departments the user belongs to (the list's "my department" filter). */
  departmentIds?: string[];
}

/** An item of an app's menu; `type` leaves room for dashboards, flows and automations. */
export interface NavItem {
  type: 'form';
  id: string;
  hidden?: boolean;
}
export interface NavGroup {
  type: 'group';
  id: string;
  label: I18nText;
  hidden?: boolean;
  children: NavItem[];
}
export type NavNode = NavGroup | NavItem;

/** An app as the app list shows it. */
export interface AppInfo {
  id: string;
  name: I18nText;
  description?: I18nText;
  icon?: string;
  color?: string;
  publishedVersion?: number | null;
  formCount?: number;
  updatedAt?: string;
  updatedBy?: { id: string; name: string } | null;
  draftChanged?: boolean;
}

/** The running (published) version of an app: what end users see. */
export interface PublishedApp {
  version: number;
  publishedAt: string;
  app: AppInfo & { navigation?: NavNode[] };
  forms: FormSchema[];
  /** Per form, what a restricted member may do (absent for the app's admins: everything); see shell/access.ts. */
  access?: Record<string, { actions: Array<'view' | 'create' | 'edit' | 'delete' | 'restore' | 'export' | 'import' | 'print' | 'comment' | 'manage'>; hidden: string[]; readonly: string[] }>;
  /** Whether the caller administers the app. */
  admin?: boolean;
  /** The tenant's time zone: datetimes are typed and shown in it, whatever the browser's. */
  timeZone?: string;
}

export const recordsUrl = (appId: string, formId: string) => `/api/apps/${encodeURIComponent(appId)}/forms/${encodeURIComponent(formId)}/records`;

/** What the form renderer needs, for one form of one app (the names of members by id included). */
export type AppServices = FormServices;

/** A person as /api/users/lookup answers: id and display name only (never the login name). */
type UserItem = { _id: string; displayName: string };
const member = (u: UserItem) => ({ id: u._id, displayName: u.displayName });

/** What /api/users/lookup takes in one call: 200 ids, 5,000 characters of `ids`. */
const LOOKUP_IDS = 200;
const LOOKUP_CHARS = 5000;

/**
 * Names of people by id, in as many calls as the lookup needs. One function for the whole app,
 * not one per form: the renderer keeps the names it learnt per function (memberDirectory), so
 * the list, the record and the form share them.
 */
async function membersByIds(ids: string[]): Promise<Array<{ id: string; displayName: string }>> {
  const batches: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const id of new Set(ids)) {
    if (batch.length === LOOKUP_IDS || (batch.length && chars + 1 + id.length > LOOKUP_CHARS)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    chars += (batch.length ? 1 : 0) + id.length;
    batch.push(id);
  }
  if (batch.length) batches.push(batch);
  const found = await Promise.all(batches.map((b) => api<{ items: UserItem[] }>('GET', `/api/users/lookup?ids=${encodeURIComponent(b.join(','))}&limit=${LOOKUP_IDS}`)));
  return found.flatMap((r) => r.items.map(member));
}

/**
 * `external`: the user is an external (portal) account, to whom the server refuses searching the
 * directory (/api/users/lookup?q=, /api/departments answer 403): pickers then offer nobody and no
 * department instead of failing; names of people by id still come from the server.
 */
export function formServices(appId: string, formId: string, opts: { external?: boolean } = {}): AppServices {
  const external = opts.external === true;
  return {
    async uploadFile(file: File): Promise<FileRef> {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return api<FileRef>('POST', '/api/files', fd);
    },
    fileUrl: (ref) => `/api/files/${ref.id}`,
    async searchRelation(_formId, fieldId, q) {
      const r = await api<{ items: Array<{ id: string; display: string; record: Record<string, unknown> }> }>('GET', `${recordsUrl(appId, formId)}/lookup?field=${encodeURIComponent(fieldId)}&q=${encodeURIComponent(q)}`);
      return r.items;
    },
    async lookupMembers(q) {
      if (external) return [];
      const r = await api<{ items: UserItem[] }>('GET', `/api/users/lookup?q=${encodeURIComponent(q)}`);
      return r.items.map(member);
    },
    membersByIds,
    async listDepartments() {
      if (external) return [];
      const r = await api<{ items: Array<{ _id: string; name: string; parentId: string | null }> }>('GET', '/api/departments');
      return r.items.map((d) => ({ id: d._id, name: d.name, parentId: d.parentId }));
    },
  };
}
