// Permission sets for API tests: grant members what a test needs, through the public API (as admin).
import type { TestApp } from './app';

export type Grant = { actions: string[]; scope?: Record<string, unknown>; fields?: Record<string, 'hidden' | 'readonly'> };

export interface SetSpec {
  name?: string;
  users?: string[];
  departments?: Array<{ id: string; withChildren: boolean }>;
  roles?: string[];
  forms: Record<string, Grant>;
}

/** Creates a permission set in the app (as admin); returns its id; throws unless 201. */
export async function grant(t: TestApp, appId: string, spec: SetSpec): Promise<string> {
  const forms = Object.fromEntries(Object.entries(spec.forms).map(([id, g]) => [id, { actions: g.actions, scope: g.scope ?? { kind: 'all' }, ...(g.fields ? { fields: g.fields } : {}) }]));
  const res = await t.inject('POST', `/api/apps/${appId}/permission-sets`, {
    name: spec.name ?? 'test set',
    members: { users: spec.users ?? [], departments: spec.departments ?? [], roles: spec.roles ?? [] },
    forms,
  });
  if (res.statusCode !== 201) throw new Error(`grant: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** Everything but manage on the given forms, for every row. */
export const EVERYTHING = ['view', 'create', 'edit', 'delete', 'restore', 'export', 'import', 'print', 'comment'];
