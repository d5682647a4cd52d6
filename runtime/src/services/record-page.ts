// A page of a form's records as a list reads it for a caller: the records the action reaches
// (record-list.ts), in their order with `_id` last, only the fields asked for, after a cursor;
// each as the caller may see it. Records' list reads one page; a kanban reads one per column
// (record-board.ts) from the same plan, so a column shows exactly what the list would.
import type { FormEngine, FormSchema } from '@tessera/form-engine';
import { AppError } from '../http/errors';
import type { Collection, Doc, Filter } from '../storage';
import { bad, parseSort, unsortable } from './filter';
import { decodeCursor, encodeCursor, getPath, pageOf, project, topField } from './record-helpers';
import { listFilter, type ListScope } from './record-list';
import { RECORD_DEPARTMENTS, type Action, type Caller } from './permissions';

export interface ListQuery extends ListScope {
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  /** false: the answer leaves out how many records there are (a caller paging on knows it from the first page). */
  total?: boolean;
}

/** What reading records needs of the records service: field types (for filters) and the tenant's zone. */
export interface ListEnv {
  engine: Pick<FormEngine, 'fieldType'>;
  timeZone: string;
}

/** What leaves the server of a stored record for the caller (RecordsService.shown). */
export type Shown<T> = (doc: T) => T;

const SYSTEM = ['_id', '_v', '_createdAt', '_createdBy', '_updatedAt', '_updatedBy', '_deleted', '_deletedAt', '_formVersion', RECORD_DEPARTMENTS];

/** How pages of a query are read: its filter, its order (`_id` last), and the fields that come back. */
export interface PagePlan {
  base: Filter;
  sort: Record<string, 1 | -1>;
  sortKeys: string[];
  /** The fields asked for (with the system fields), or all. */
  wanted: Record<string, 1> | undefined;
  /** What the store leaves out: for a restricted caller nothing (their rows are matched against their grants whole). */
  projection: Record<string, 1> | undefined;
}

/**
 * The plan of a list query. A filter, a search or a sort may name only fields the caller sees: a
 * field hidden on some of their records is filtered and searched on the records where it is
 * visible only, and cannot be sorted by; a field hidden on all of them is unknown.
 */
export function pagePlan(caller: Caller, schema: FormSchema, query: ListQuery, action: Action, env: ListEnv): PagePlan {
  const { access } = caller;
  const { base, fields } = listFilter(caller, schema, query, action, env.engine, env.timeZone);
  const sort = parseSort(query.sort, fields);
  if (!access.isFull) {
    for (const k of Object.keys(sort)) {
      if (access.visibleRows(topField(k)) !== null) bad(`sort.${k}`, `不能按“${k}”排序：它在你能看到的部分记录上不可见`, `Cannot sort by "${k}": it is hidden on some of the records you see`);
    }
  }
  if (query.fields?.length) {
    // A field, or what holds paths (a relation's id and display, a subform's columns).
    const bad = query.fields.find((f) => !fields.has(f) && ![...fields.keys()].some((k) => k.startsWith(`${f}.`)));
    if (bad !== undefined) throw new AppError('INVALID_FILTER', { 'zh-CN': `fields 中有未知字段“${bad}”`, 'en-US': `Unknown field "${bad}" in fields` }, [{ path: `fields.${bad}`, message: { 'zh-CN': `未知字段“${bad}”`, 'en-US': `Unknown field "${bad}"` } }]);
  }
  const keys = Object.keys(sort);
  if (!keys.includes('_id')) sort._id = sort[keys[0]] ?? -1;
  const wanted = query.fields?.length ? Object.fromEntries([...query.fields, ...SYSTEM].map((f) => [f, 1 as const])) : undefined;
  return { base, sort, sortKeys: Object.keys(sort), wanted, projection: access.isFull ? wanted : undefined };
}

/** Up to `limit` stored records of the plan (within `also`, when given) after the cursor's. */
export async function readPage<T extends Doc>(coll: Collection<T>, plan: PagePlan, limit: number, last?: unknown[], also?: Filter): Promise<T[]> {
  const items = await pageOf(coll, also ? { $and: [plan.base, also] } : plan.base, plan.sort, last, limit, plan.projection);
  // A lookup copies whatever its target holds, a list too: refused once one is seen, before a
  // page is ordered by it or a cursor carries it (the paths known to hold lists, parseSort refuses).
  const holdsMore = (v: unknown) => v !== null && typeof v === 'object';
  for (const k of plan.sortKeys) if (items.some((d) => holdsMore(getPath(d, k)))) unsortable(k);
  return items;
}

/** The cursor of the page that follows this record. */
export const cursorAfter = (plan: PagePlan, doc: Record<string, unknown>) => encodeCursor(plan.sortKeys.map((k) => getPath(doc, k)));

/** The records as they leave the server: without what the caller may not see, only the fields asked for. */
export const shownAll = <T extends Doc>(caller: Caller, plan: PagePlan, docs: T[], shown: Shown<T>): T[] => (caller.access.isFull ? docs : docs.map((d) => project(shown(d), plan.wanted)));

/**
 * A page of the records the action reaches for the caller, and how many there are in all (unless
 * `total: false`: counting re-reads every matching record, most of a later page's cost).
 */
export async function listPage<T extends Doc>(coll: Collection<T>, caller: Caller, schema: FormSchema, query: ListQuery, action: Action, env: ListEnv, shown: Shown<T>): Promise<{ items: T[]; nextCursor: string | null; total?: number }> {
  const plan = pagePlan(caller, schema, query, action, env);
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 200);
  const last = query.cursor ? decodeCursor(query.cursor, plan.sortKeys.length) : undefined;
  const [items, total] = await Promise.all([readPage(coll, plan, limit + 1, last), query.total === false ? undefined : coll.count(plan.base)]);
  const page = items.length > limit ? items.slice(0, limit) : items;
  const end = page[page.length - 1];
  const nextCursor = items.length > limit && end ? cursorAfter(plan, end) : null;
  // Without a count, `total` is undefined and the answer has none (JSON leaves it out).
  return { items: shownAll(caller, plan, page, shown), total, nextCursor };
}
