// What the signed-in user may do in the app shell, as the server says (permission sets):
// `/published` gives each form's actions and read-only fields for a restricted member (nothing
// for the app's admins: they may do everything), and each record they get carries `_access`.
// The shell only hides what would be refused; the server checks every call anyway. In a
// "view as" tab (lib/viewAs.ts) only reading is left.
import { useOutletContext } from 'react-router-dom';
import type { FieldMode } from '@tessera/form-engine/react';
import type { ShellContext } from './AppShell';
import { viewAsUserId } from '../lib/viewAs';

export type Action = 'view' | 'create' | 'edit' | 'delete' | 'restore' | 'export' | 'import' | 'print' | 'comment' | 'manage';

/** A form's access for a restricted member (GET /published `access[formId]`). */
export interface FormAccessInfo {
  actions: Action[];
  hidden: string[];
  readonly: string[];
}

/** A record's access (its `_access`). */
export interface RecordAccessInfo {
  actions: Action[];
  readonly: string[];
}

/** The caller's access to a form of the app on screen; null when nothing restricts them. */
export function useFormAccess(formId: string): FormAccessInfo | null {
  const { published } = useOutletContext<ShellContext>();
  return published?.access?.[formId] ?? null;
}

/** What a "view as" tab may still do (the server refuses every write there): read, export, print. */
const READS: ReadonlySet<Action> = new Set(['view', 'export', 'print']);
const refusedByViewAs = (action: Action): boolean => !READS.has(action) && viewAsUserId() !== null;

/** Whether the form lets the caller take an action on some of its records. */
export const formAllows = (access: FormAccessInfo | null, action: Action): boolean => !refusedByViewAs(action) && (!access || access.actions.includes(action));

const recordAccess = (record: Record<string, unknown>): RecordAccessInfo | null => (record._access as RecordAccessInfo | undefined) ?? null;

/** Whether the caller may take an action on this record. */
export const recordAllows = (record: Record<string, unknown>, action: Action): boolean => {
  if (refusedByViewAs(action)) return false;
  const a = recordAccess(record);
  return !a || a.actions.includes(action);
};

/** The fields the caller may not change, as the renderer's field modes (read-only). */
export function readonlyModes(fields: readonly string[]): Record<string, FieldMode> | undefined {
  return fields.length ? Object.fromEntries(fields.map((f) => [f, 'readonly' as const])) : undefined;
}

/** The record's read-only fields for the caller (its own `_access`, else the form's). */
export const readonlyOf = (record: Record<string, unknown>, form: FormAccessInfo | null): string[] => recordAccess(record)?.readonly ?? form?.readonly ?? [];

/** The data to send without the fields the caller may not change (the server would refuse a changed one). */
export function withoutLocked(data: Record<string, unknown>, locked: readonly string[]): Record<string, unknown> {
  if (!locked.length) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !locked.includes(k)));
}
