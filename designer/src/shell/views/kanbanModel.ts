// A kanban's state without React: the columns as the board call returns them, the order and
// folding the view keeps (keys as strings, '' for the "none" column), a card moved at once and
// put back where it was when the server refuses, and the filter "load more" of a column sends.
import type { Field } from '@tessera/form-engine';

export type Rec = Record<string, unknown> & { _id: string; _v: number };
export type Filter = Record<string, unknown>;

export interface Column {
  /** The option's value or the person's user id; null: the records without a value. */
  key: string | null;
  total: number;
  items: Rec[];
  nextCursor: string | null;
}

/** Most card fields a view keeps (the server's limit on `cardFields`). */
export const MAX_CARD_FIELDS = 10;
export const PAGE = 50;
/** Most columns of people the server gives a board (the rest: `truncated`). */
export const MAX_PEOPLE = 50;

/** How `order` and `folded` hold a column's key. */
export const keyId = (key: string | null) => key ?? '';
export const keyOf = (id: string) => (id === '' ? null : id);

/** The columns in the view's order: those it names first, in its order, then the others as the server gave them. */
export function ordered(columns: readonly Column[], order: readonly string[] | undefined): Column[] {
  if (!order?.length) return [...columns];
  const rank = new Map(order.map((id, i) => [id, i]));
  const at = (c: Column) => rank.get(keyId(c.key)) ?? order.length;
  return columns.map((c, i) => ({ c, i })).sort((a, b) => at(a.c) - at(b.c) || a.i - b.i).map((x) => x.c);
}

/** The order after moving the column at `from` to `to` (keys as the view keeps them). */
export function moveColumn(columns: readonly Column[], from: number, to: number): string[] {
  const ids = columns.map((c) => keyId(c.key));
  const [moved] = ids.splice(from, 1);
  ids.splice(Math.max(0, Math.min(to, ids.length)), 0, moved);
  return ids;
}

/** Folds or unfolds a column. */
export const toggleFolded = (folded: readonly string[] | undefined, key: string | null): string[] =>
  (folded ?? []).includes(keyId(key)) ? (folded ?? []).filter((id) => id !== keyId(key)) : [...(folded ?? []), keyId(key)];

/** Where a card is: its column's key and its place there. */
export function locate(columns: readonly Column[], id: string): { key: string | null; index: number } | null {
  for (const c of columns) {
    const index = c.items.findIndex((r) => r._id === id);
    if (index >= 0) return { key: c.key, index };
  }
  return null;
}

/**
 * The columns with `card` out of the column it was in and into `to`'s (at `index`, else first),
 * the counts following. The card is shown as given: the caller sets its column field.
 */
export function placeCard(columns: readonly Column[], card: Rec, to: string | null, index = 0): Column[] {
  return columns.map((c) => {
    const had = c.items.some((r) => r._id === card._id);
    let items = had ? c.items.filter((r) => r._id !== card._id) : c.items;
    let total = had ? c.total - 1 : c.total;
    if (c.key === to) {
      items = [...items.slice(0, index), card, ...items.slice(index)];
      total += 1;
    }
    return items === c.items && total === c.total ? c : { ...c, items, total };
  });
}

/** The columns with the saved record in place of the card shown. */
export const putCard = (columns: readonly Column[], saved: Rec): Column[] =>
  columns.map((c) => (c.items.some((r) => r._id === saved._id) ? { ...c, items: c.items.map((r) => (r._id === saved._id ? saved : r)) } : c));

/** The column with another page of cards (those already shown, moved here meanwhile, once). */
export function appendPage(columns: readonly Column[], key: string | null, items: readonly Rec[], nextCursor: string | null): Column[] {
  return columns.map((c) => {
    if (c.key !== key) return c;
    const seen = new Set(c.items.map((r) => r._id));
    return { ...c, items: [...c.items, ...items.filter((r) => !seen.has(r._id))], nextCursor };
  });
}

/** A column's records in the records filter language, as the server reads the column (within the page's filter). */
export function columnFilter(by: string, key: string | null, page: Filter | null): Filter {
  const own = key === null ? { [by]: { $exists: false } } : { [by]: key };
  return page && Object.keys(page).length ? { $and: [page, own] } : own;
}

/** A record's column: blank values (missing, null, '') are the "none" column's. */
export const columnOf = (rec: Rec, by: string): string | null => {
  const v = rec[by];
  return v === null || v === undefined || v === '' ? null : String(v);
};

/** The card fields of a view that chose none: the first three a card can show, besides the title and the column field. */
export const defaultCardFields = (fields: readonly Field[], titleId: string | undefined, by: string): string[] =>
  fields.filter((f) => f.id !== titleId && f.id !== by).slice(0, 3).map((f) => f.id);
