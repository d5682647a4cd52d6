// Grouped views: records counted and summed by one or two fields, in the store (an aggregation
// pipeline), over exactly the records the caller's list would show (record-list.ts). Groups come
// in the order of their values, blanks last as in Excel; summaries are sum, average, min and max
// of number fields, per group and for all the records.
import { clean15, type FormEngine, type FormSchema } from '@tessera/form-engine';
import type { Collection, Doc } from '../storage';
import type { Caller } from './permissions';
import { bad } from './filter';
import { listFilter, type ListScope } from './record-list';
import { topField } from './record-helpers';

export const SUMMARY_FNS = ['sum', 'avg', 'min', 'max'] as const;
export type SummaryFn = (typeof SUMMARY_FNS)[number];

/** Most groups one answer carries (two levels: pairs); past it, `truncated`. */
export const MAX_GROUPS = 1000;

export interface GroupQuery extends ListScope {
  /** One or two field ids. */
  by: string[];
  /** `field:fn` pairs, e.g. `qty:sum`. */
  summaries: Array<{ field: string; fn: SummaryFn }>;
}

export interface Group {
  /** The group's values, one per `by` field (null: no value); a relation's is the related record's id. */
  key: unknown[];
  /** What a relation key shows (its display text), else the key itself. */
  label: unknown[];
  count: number;
  /** `field:fn` → the figure (null when no record of the group has a number there). */
  summaries: Record<string, number | null>;
}


/** Compares group keys as a list sorts them: numbers and texts in order, blanks last. */
function compareKeys(a: unknown, b: unknown): number {
  const blankA = a === null || a === undefined;
  const blankB = b === null || b === undefined;
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN');
}

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export async function groupRecords(
  coll: Collection<Doc>,
  caller: Caller,
  schema: FormSchema,
  query: GroupQuery,
  engine: Pick<FormEngine, 'fieldType'>,
  timeZone: string,
): Promise<{ groups: Group[]; total: { count: number; summaries: Record<string, number | null> }; truncated: boolean }> {
  const { base, fields } = listFilter(caller, schema, query, 'view', engine, timeZone);
  const { access } = caller;
  // Fields hidden on some of the caller's records would be counted where they cannot see them.
  const seen = (id: string, path: string) => {
    if (!access.isFull && access.visibleRows(topField(id)) !== null) bad(path, `不能按“${id}”分组：它在你能看到的部分记录上不可见`, `"${id}" is hidden on some of the records you see`);
  };
  const keys = query.by.map((id, i) => {
    const path = `by.${id}`;
    const relation = fields.get(`${id}.id`);
    const f = relation ?? fields.get(id);
    if (!f || id.includes('.')) bad(path, `不能按未知字段“${id}”分组`, `Cannot group by unknown field "${id}"`);
    if (f.list || f.kind === 'object') bad(path, `不能按“${id}”分组：它存的是列表或对象`, `Cannot group by "${id}": it holds a list or an object`);
    seen(id, path);
    return { id, key: relation ? `${id}.id` : id, display: relation ? `${id}.display` : undefined, name: `g${i}` };
  });
  const sums = query.summaries.map(({ field, fn }, i) => {
    const path = `summaries.${field}:${fn}`;
    const f = fields.get(field);
    if (!f || field.includes('.')) bad(path, `不能汇总未知字段“${field}”`, `Cannot summarize unknown field "${field}"`);
    if (f.kind !== 'number' || f.list) bad(path, `不能汇总“${field}”：它不是数字`, `Cannot summarize "${field}": it is not a number`);
    seen(field, path);
    return { label: `${field}:${fn}`, op: `$${fn}`, field, name: `s${i}` };
  });
  // One pass in the store. Each summary is kept as its sum, count of numbers, min and max, so the
  // totals are worked out from the groups (every group is read: no second pass over the records).
  const fieldsSummed = [...new Set(sums.map((s) => s.field))];
  const acc: Record<string, unknown> = { count: { $sum: 1 } };
  for (const k of keys) if (k.display) acc[`d_${k.name}`] = { $first: `$${k.display}` };
  fieldsSummed.forEach((f, i) => {
    acc[`sum${i}`] = { $sum: `$${f}` };
    acc[`n${i}`] = { $sum: { $cond: [{ $isNumber: `$${f}` }, 1, 0] } };
    acc[`min${i}`] = { $min: `$${f}` };
    acc[`max${i}`] = { $max: `$${f}` };
  });
  const rows = await coll.aggregate<Record<string, unknown> & { _id: Record<string, unknown>; count: number }>([
    { $match: base },
    { $group: { _id: Object.fromEntries(keys.map((k) => [k.name, `$${k.key}`])), ...acc } },
  ]);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the store's figures are finite numbers or null (number fields hold numbers; a formula's error is stored empty), which both checks tell alike
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  type Parts = { sum: number; n: number; min: number | null; max: number | null };
  const partsOf = (row: Record<string, unknown>): Parts[] => fieldsSummed.map((_, i) => ({ sum: num(row[`sum${i}`]) ?? 0, n: num(row[`n${i}`]) ?? 0, min: num(row[`min${i}`]), max: num(row[`max${i}`]) }));
  const figures = (parts: Parts[]) =>
    Object.fromEntries(sums.map((s) => {
      const p = parts[fieldsSummed.indexOf(s.field)];
      // A sum of no numbers is 0; an average, a minimum or a maximum of none is none.
      const v = s.op === '$sum' ? p.sum : p.n === 0 ? null : s.op === '$avg' ? p.sum / p.n : s.op === '$min' ? p.min : p.max;
      return [s.label, v === null ? null : clean15(v)];
    }));
  const total: Parts[] = fieldsSummed.map(() => ({ sum: 0, n: 0, min: null, max: null }));
  let count = 0;
  for (const row of rows) {
    count += row.count;
    partsOf(row).forEach((p, i) => {
      const t = total[i];
      t.sum += p.sum;
      t.n += p.n;
      t.min = lower(t.min, p.min);
      t.max = higher(t.max, p.max);
    });
  }
  // A field left empty is stored missing, null or "", three groups to the store: one group here.
  const blank = (v: unknown) => (v === ''
    // Stryker disable next-line ConditionalExpression: an undefined key or label is answered as null (JSON has no undefined in a list), sorts as a blank and groups with null (JSON.stringify([undefined]) is "[null]")
    || v === undefined ? null : v);
  const merged = new Map<string, { key: unknown[]; label: unknown[]; count: number; parts: Parts[] }>();
  for (const row of rows) {
    // Stryker disable next-line OptionalChaining: the $group above always makes _id an object
    const key = keys.map((k) => blank(row._id?.[k.name]));
    const id = JSON.stringify(key);
    const parts = partsOf(row);
    const seen = merged.get(id);
    if (!seen) {
      merged.set(id, { key, label: keys.map((k, i) => (k.display ? blank(row[`d_${k.name}`]) : key[i])), count: row.count, parts });
      continue;
    }
    seen.count += row.count;
    seen.parts = seen.parts.map((p, i) => ({ sum: p.sum + parts[i].sum, n: p.n + parts[i].n, min: lower(p.min, parts[i].min), max: higher(p.max, parts[i].max) }));
  }
  const truncated = merged.size > MAX_GROUPS;
  const groups: Group[] = [...merged.values()].map((g) => ({ key: g.key, label: g.label, count: g.count, summaries: figures(g.parts) }));
  // In value order (blanks last) before the first MAX_GROUPS are kept.
  groups.sort((a, b) => {
    // Stryker disable next-line EqualityOperator: past the last key both labels are undefined, which compare equal (0)
    for (let i = 0; i < keys.length; i++) {
      const c = compareKeys(a.label[i], b.label[i]);
      if (c) return c;
    }
    return 0;
  });
  return { groups: groups.slice(0, MAX_GROUPS), total: { count, summaries: figures(total) }, truncated };
}
