// The list a record was opened from, as the list last loaded it: its query (filter, search,
// sort, page size), the ids in its order, its total and the cursor of its next page. The list
// says what it loaded (`listed`); a record's previous / next reads it, and asks the server for
// the next page with the same query and cursor when it reaches the end of what is loaded. Kept in
// sessionStorage too, so a record page reloaded (on a phone) still knows its list.
import { useSyncExternalStore } from 'react';
import { api, recordsUrl } from '../../lib/api';

export interface Sequence {
  appId: string;
  formId: string;
  /** The list's query without its cursor (URLSearchParams text). */
  query: string;
  ids: string[];
  total: number | null;
  cursor: string | null;
}

const KEY = 'tessera.recordSequence';
const listeners = new Set<() => void>();
let current: Sequence | null = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Sequence | null;
  } catch {
    return null;
  }
})();

function set(next: Sequence): void {
  current = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // A full or refused storage only loses the list across a reload.
  }
  listeners.forEach((l) => l());
}

const withoutCursor = (params: URLSearchParams): string => {
  const q = new URLSearchParams(params);
  q.delete('cursor');
  return q.toString();
};

/**
 * What a list loaded: its first page (`more` false) starts the sequence again; a further page
 * adds the records not there yet (previous / next may have loaded that page already).
 */
export function listed(appId: string, formId: string, params: URLSearchParams, ids: string[], total: number, cursor: string | null, more: boolean): void {
  const query = withoutCursor(params);
  const s = current;
  if (more && s && s.appId === appId && s.formId === formId && s.query === query) {
    const known = new Set(s.ids);
    const fresh = ids.filter((id) => !known.has(id));
    if (fresh.length) set({ ...s, ids: [...s.ids, ...fresh], total, cursor });
    return;
  }
  set({ appId, formId, query, ids, total, cursor });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** The sequence of this form's list (null when the record was not opened from it). */
export function useSequence(appId: string, formId: string): Sequence | null {
  const s = useSyncExternalStore(subscribe, () => current);
  return s && s.appId === appId && s.formId === formId ? s : null;
}

let asking: Promise<Sequence> | null = null;

/** The sequence with its next page added (asked once at a time); unchanged when there is none. */
export function loadNext(s: Sequence): Promise<Sequence> {
  if (!s.cursor) return Promise.resolve(s);
  if (asking) return asking;
  const params = new URLSearchParams(s.query);
  params.set('cursor', s.cursor);
  asking = api<{ items: Array<{ _id: string }>; total: number; nextCursor: string | null }>('GET', `${recordsUrl(s.appId, s.formId)}?${params}`)
    .then((r) => {
      // The list may have started again meanwhile (a new search): its sequence stands.
      if (current !== s) return current ?? s;
      const known = new Set(s.ids);
      const next = { ...s, ids: [...s.ids, ...r.items.map((x) => x._id).filter((id) => !known.has(id))], total: r.total, cursor: r.nextCursor };
      set(next);
      return next;
    })
    .finally(() => {
      asking = null;
    });
  return asking;
}
