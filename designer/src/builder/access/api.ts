// The permissions page's calls: an app's admins and permission sets (权限组), as
// platform/src/apps/access-routes.ts serves them, and the roles a set may name.
import { api } from '../../lib/api';
import type { FormGrant, SetMembers } from './model';

export interface PermissionSet {
  id: string;
  name: string;
  description: string;
  members: SetMembers;
  forms: Record<string, FormGrant>;
  _v: number;
  updatedAt?: string;
}

export interface AccessOverview {
  admins: Array<{ id: string; displayName: string | null }>;
  sets: PermissionSet[];
}

/** What a set is saved as (the server replaces the whole set). */
export type SetInput = Pick<PermissionSet, 'name' | 'description' | 'members' | 'forms'>;

export interface Role {
  _id: string;
  name: string;
}

const enc = encodeURIComponent;
const base = (appId: string) => `/api/apps/${enc(appId)}`;

export const accessApi = {
  overview: (appId: string) => api<AccessOverview>('GET', `${base(appId)}/access`),
  setAdmins: (appId: string, admins: string[]) => api<AccessOverview>('PUT', `${base(appId)}/access/admins`, { admins }),
  create: (appId: string, body: SetInput) => api<PermissionSet>('POST', `${base(appId)}/permission-sets`, body),
  update: (appId: string, setId: string, body: SetInput, v: number) => api<PermissionSet>('PUT', `${base(appId)}/permission-sets/${enc(setId)}`, { ...body, _v: v }),
  remove: (appId: string, setId: string) => api<void>('DELETE', `${base(appId)}/permission-sets/${enc(setId)}`),
  roles: () => api<{ items: Role[] }>('GET', '/api/roles').then((r) => r.items),
};
