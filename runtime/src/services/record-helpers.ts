// The records service's pure helpers: the paths a client's filter or projection names, list
// cursors, and what a write may carry for a caller (locked fields, issues about hidden fields).
import { AppError } from '../http/errors';
import type { Collection, Doc, Filter } from '../storage';
import { canonicalJson } from './audit';
import { keysetAfter } from './filter';
import { readOnly } from './permissions';

type RecordLike = Record<string, unknown>;

/** The field a filter, sort or projection path names (`lines.qty` → `lines`). */
export const topField = (path: string) => {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
};

/**
 * The field paths a client's filter names, at any depth, read after compileFilter accepted it
 * (which bounds its depth and size). Every one must be found: a path missed here escapes the
 * rows where the caller may see that field (a depth limit of its own once let a condition nested
 * five levels deep look at a hidden price).
 */
export function filterPaths(node: unknown, out = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) filterPaths(n, out);
    return out;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === '$and' || k === '$or') filterPaths(v, out);
    else if (!k.startsWith('$')) out.add(k);
  }
  return out;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, size: number): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === size && v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return v;
  } catch {
    /* fall through */
  }
  const message = { 'zh-CN': '翻页位置无效：不是这个列表给出的', 'en-US': 'Invalid cursor: not one this list produced' };
  throw new AppError('BAD_REQUEST', message, [{ path: 'cursor', message }]);
}

/**
 * Up to `limit` rows of `base` in `sort` order after the row whose sort values are `last` (a
 * cursor), blanks last as Excel puts them. Sorted ascending by a field, the store would put the
 * records without a value first: those with one are read first, then the blanks (by the other
 * sort keys), and a cursor that ends on a blank goes on among the blanks. Descending, the store
 * already puts blanks last.
 */
export async function pageOf<T extends Doc>(coll: Collection<T>, base: Filter, sort: Record<string, 1 | -1>, last: unknown[] | undefined, limit: number, projection?: Record<string, 1>): Promise<T[]> {
  const [first, ...others] = Object.keys(sort);
  if (first === '_id' || sort[first] === -1) return coll.find(last ? { $and: [base, keysetAfter(sort, last)] } : base, { sort, limit, projection });
  const rest = Object.fromEntries(others.map((k) => [k, sort[k]]));
  const items: T[] = [];
  if (!last || last[0] !== null) {
    // Past a cursor the values are at least the cursor's (what keysetAfter says, as a bound the
    // store's index scan can start at, rather than re-reading every earlier page).
    const from = last ? [keysetAfter(sort, last), { [first]: { $gte: last[0] } }] : [];
    items.push(...(await coll.find({ $and: [base, { [first]: { $ne: null } }, ...from] }, { sort, limit, projection })));
    if (items.length >= limit) return items;
  }
  const amongBlanks = last && last[0] === null ? [keysetAfter(rest, last.slice(1))] : [];
  items.push(...(await coll.find({ $and: [base, { [first]: null }, ...amongBlanks] }, { sort: rest, limit: limit - items.length, projection })));
  return items;
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc) ?? null;
}

/** The input without the fields the caller may not change: a blank one, or one equal to `current`'s value, is dropped; any other value is 403 naming the field. */
export function withoutLocked(input: Record<string, unknown>, locked: ReadonlySet<string>, current: Record<string, unknown>): Record<string, unknown> {
  if (locked.size === 0) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (!locked.has(k)) out[k] = v;
    else if (!isBlank(v) && canonicalJson(v) !== canonicalJson(current[k] ?? null)) throw readOnly(k);
  }
  return out;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** 422 RULE_FAILED; the issues about fields hidden from the caller are left out (their names and values never leave the server). */
export function ruleFailed(issues: ReadonlyArray<{ path?: string; fieldId?: string }>, hidden: ReadonlySet<string>): AppError {
  const shown = hidden.size ? issues.filter((i) => !hidden.has(topField(String(i.fieldId ?? i.path ?? '')))) : issues;
  return new AppError('RULE_FAILED', { 'zh-CN': '记录有字段不符合要求', 'en-US': 'The record has invalid fields' }, shown);
}

/** Adds the rows a field is visible on (visibleRows) to a query's parts; `{}` and null add nothing. */
export function pushRows(parts: Filter[], rows: Filter | null): void {
  if (rows && Object.keys(rows).length) parts.push(rows);
}

/** The record with only the projected keys (and `_access`). */
export function project<T extends RecordLike>(doc: T, wanted: Record<string, 1> | undefined): T {
  if (!wanted) return doc;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(wanted);
  for (const k of Object.keys(doc)) if (k === '_access' || wanted[k] === 1 || keys.some((w) => w.startsWith(`${k}.`))) out[k] = doc[k];
  return out as T;
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', { 'zh-CN': `记录 ${id} 不存在`, 'en-US': `Record ${id} not found` }, [{ path: 'id', message: 'unknown record' }]);
}

export function stale(current: number): AppError {
  return new AppError('STALE_VERSION', { 'zh-CN': '记录已被他人修改，请刷新后再试', 'en-US': 'Someone else changed this record; reload it' }, [{ path: '_v', message: 'stale revision', current }]);
}
