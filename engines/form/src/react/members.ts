// People by name for the renderer, the record view and the host's lists. A member value is a
// user id; a person reads the name, or a sentence while the name is on its way or when nobody
// has that id (a disabled or deleted account) — never the id itself. Names come from the host's
// FormServices.membersByIds, asked once per id and kept per that function: a host that hands the
// same function to every form (the app shell does) shares what lists, record views and pickers learn.
import { useEffect, useSyncExternalStore } from 'react';
import { dataFields, type Field, type FormSchema } from '../schema';
import { lookupTarget } from './formState';
import type { RendererText } from './i18n';
import type { FormServices } from './types';

type Source = Pick<FormServices, 'membersByIds'>;

/** A member's name, or why there is none (yet). */
export type MemberName = { name: string } | 'loading' | 'unknown' | 'failed';

export class MemberDirectory {
  private readonly names = new Map<string, string>();
  /** Ids asked for and not returned (disabled or deleted accounts). */
  private readonly unknown = new Set<string>();
  private readonly pending = new Set<string>();
  /** Ids whose ask failed (asked again by the next resolve). */
  private readonly failed = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(private readonly source: Source) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  private changed() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  name(id: string): MemberName {
    const name = this.names.get(id);
    if (name !== undefined) return { name };
    return this.unknown.has(id) ? 'unknown' : this.failed.has(id) ? 'failed' : 'loading';
  }

  /** Names met elsewhere (a picker's search results). */
  learn(items: ReadonlyArray<{ id: string; displayName: string }>): void {
    let news = false;
    for (const u of items) {
      if (this.names.get(u.id) === u.displayName) continue;
      this.names.set(u.id, u.displayName);
      this.unknown.delete(u.id);
      news = true;
    }
    if (news) this.changed();
  }

  /** Asks once for the names not known yet; a failed ask is asked again next time. */
  resolve(ids: readonly string[]): void {
    const missing = [...new Set(ids)].filter((id) => id && !this.names.has(id) && !this.unknown.has(id) && !this.pending.has(id));
    if (!missing.length) return;
    for (const id of missing) {
      this.pending.add(id);
      this.failed.delete(id);
    }
    const settle = (outcome: (id: string) => void) => {
      for (const id of missing) {
        this.pending.delete(id);
        outcome(id);
      }
      this.changed();
    };
    this.source.membersByIds(missing).then(
      (items) => {
        for (const u of items) this.names.set(u.id, u.displayName);
        settle((id) => this.names.has(id) || this.unknown.add(id));
      },
      () => settle((id) => this.failed.add(id)),
    );
  }
}

const directories = new WeakMap<Source['membersByIds'], MemberDirectory>();

/** The directory for this host's `membersByIds` (one per function, so hosts share it). */
export function memberDirectory(services: Source): MemberDirectory {
  let d = directories.get(services.membersByIds);
  if (!d) directories.set(services.membersByIds, (d = new MemberDirectory(services)));
  return d;
}

/** What a person reads for one member. */
export function memberText(n: MemberName, t: RendererText): string {
  return typeof n === 'object' ? n.name : n === 'unknown' ? t.unknownMember : n === 'failed' ? t.nameUnavailable : t.loadingName;
}

/** The user ids a member field's value holds (one, or several when `multiple`). */
export function memberIds(field: Field, value: unknown): string[] {
  if (field.type !== 'member' || value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string' && x !== '');
}

/** Every user id in these records' member fields, subform rows included. */
export function recordsMemberIds(fields: readonly Field[], records: ReadonlyArray<Record<string, unknown>>, relatedForms?: readonly FormSchema[]): string[] {
  const out = new Set<string>();
  const walk = (list: readonly Field[], rec: Record<string, unknown>) => {
    for (const f of dataFields(list)) {
      // A lookup of a member field holds the related record's people: they are named too.
      const shown = f.type === 'lookup' ? lookupTarget(f, list, relatedForms) : f;
      if (shown?.type === 'member') for (const id of memberIds(shown, rec[f.id])) out.add(id);
      else if (f.type === 'subform' && Array.isArray(rec[f.id])) for (const row of rec[f.id] as Array<Record<string, unknown>>) if (row && typeof row === 'object') walk(f.fields, row);
    }
  };
  for (const r of records) walk(fields, r);
  return [...out];
}

const noSubscribe = () => () => undefined;
const noVersion = () => 0;

/**
 * Names for these ids, asked for on mount and when the ids change; the component re-renders as
 * they arrive. Returns the text for an id (a name, "loading…", "unknown member" or "name could
 * not be loaded"). Without `services` every id reads "unknown member".
 */
export function useMemberNames(services: Source | undefined, ids: readonly string[], t: RendererText): (id: string) => string {
  const dir = services ? memberDirectory(services) : null;
  useSyncExternalStore(dir?.subscribe ?? noSubscribe, dir?.getVersion ?? noVersion, dir?.getVersion ?? noVersion);
  const key = ids.join(',');
  useEffect(() => dir?.resolve(ids), [dir, key]);
  return (id) => memberText(dir ? dir.name(id) : 'unknown', t);
}
