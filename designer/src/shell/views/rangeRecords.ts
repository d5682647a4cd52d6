// The records a calendar or a Gantt shows: the normal records list with the page's filter ANDed
// to a range on the date fields, sorted by the date, 200 a page and cursor paging until the range
// is in (so rules of access, hidden fields and search stay the server's, as in the table). Beside
// them, how many records the range cannot place (no date), so none is lost silently. Only the
// answer to the latest request is shown; a write changes one record in place (optimistic moves).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, recordsUrl } from '../../lib/api';

export type Rec = Record<string, unknown> & { _id: string; _v: number };
type Page = { items: Rec[]; nextCursor: string | null; total?: number };
type Filter = Record<string, unknown>;

/** Records a range loads at most: past that a calendar is unreadable anyway, and it says so. */
export const RANGE_CAP = 5000;
/** Records without a date listed (all are counted). */
export const UNPLACED_SHOWN = 50;

/** The page's filter ANDed to a condition (the records API takes `$and` of 1 to 50 filters). */
export const andFilter = (page: Filter | null, cond: Filter): Filter => (page && Object.keys(page).length ? { $and: [page, cond] } : cond);

export interface RangeQuery {
  appId: string;
  formId: string;
  /** The page's filter (null: none) and search. */
  filter: Filter | null;
  q: string;
  /** The records of the range (a condition on the date fields); null: nothing to load yet. */
  range: Filter | null;
  /** The records the view cannot place (no date); null: none asked. */
  unplaced: Filter | null;
  sort: string;
  /** The fields to bring (the title, the dates, the card fields); none: all. */
  fields?: string[];
  reloadKey: number;
}

export interface RangeRecords {
  items: Rec[];
  /** null while loading (a skeleton, not "0"). */
  status: 'loading' | 'ready' | 'failed';
  error: unknown;
  /** More than RANGE_CAP records in the range: the first RANGE_CAP are shown. */
  truncated: boolean;
  unplaced: { total: number; items: Rec[] } | null;
  reload(): void;
  /** Replaces one record as shown (a move, its revert, the saved record). */
  put(rec: Rec): void;
}

async function get(url: string, params: URLSearchParams): Promise<Page> {
  return api<Page>('GET', `${url}?${params}`);
}

export function useRangeRecords(query: RangeQuery): RangeRecords {
  const { appId, formId, filter, q, range, unplaced, sort, fields, reloadKey } = query;
  const [items, setItems] = useState<Rec[]>([]);
  const [status, setStatus] = useState<RangeRecords['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [truncated, setTruncated] = useState(false);
  const [away, setAway] = useState<RangeRecords['unplaced']>(null);
  const [again, setAgain] = useState(0);
  const asked = useRef(0);
  // The query as text: a new object with the same content loads nothing again.
  const key = JSON.stringify([appId, formId, filter, q, range, unplaced, sort, fields, reloadKey, again]);

  useEffect(() => {
    if (!range) return;
    const n = ++asked.current;
    const url = recordsUrl(appId, formId);
    const params = (cond: Filter, limit: number) => {
      const p = new URLSearchParams({ filter: JSON.stringify(andFilter(filter, cond)), limit: String(limit), sort });
      if (q.trim()) p.set('q', q.trim());
      if (fields?.length) p.set('fields', fields.join(','));
      return p;
    };
    setStatus('loading');
    (async () => {
      try {
        const counting = unplaced ? get(url, params(unplaced, UNPLACED_SHOWN)) : Promise.resolve(null);
        const all: Rec[] = [];
        let cursor: string | null = null;
        do {
          // The range's pages are all read: how many there are is what was read (no count asked).
          const p = params(range, 200);
          p.set('total', 'false');
          if (cursor) p.set('cursor', cursor);
          const page = await get(url, p);
          if (n !== asked.current) return;
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && all.length < RANGE_CAP);
        const missing = await counting;
        if (n !== asked.current) return;
        setItems(all);
        setTruncated(cursor !== null);
        setAway(missing ? { total: missing.total ?? missing.items.length, items: missing.items } : null);
        setError(null);
        setStatus('ready');
      } catch (e) {
        if (n !== asked.current) return;
        setError(e);
        setStatus('failed');
      }
    })();
  }, [key]);

  const reload = useCallback(() => setAgain((x) => x + 1), []);
  const put = useCallback((rec: Rec) => setItems((list) => list.map((r) => (r._id === rec._id ? rec : r))), []);
  return { items, status, error, truncated, unplaced: away, reload, put };
}
