// A kanban's columns in one call: the records the caller's list would show, in one column per
// option of a select (in the form's order) or per person present in a member field, and one for
// records without a value. Each column carries its count and its first cards; "load more" of a
// column is the plain list with the column's filter (`{ by: key }`, or `{ by: { $exists: false } }`
// for the blank column) and the column's cursor, as the pages here are read by that same plan.
//
// Counts come from one `$group` in the store (record-groups.ts), a pass over the records, or from
// an index on the field when the records keep one (a searchable select, or a saved view's) and nothing else narrows the
// records. Cards: a column with more cards than a page reads its own page (it stops after a page
// of matches); all the columns that fit in a page are read together in one pass, so sparse
// columns never cost a pass each.
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';
import type { Collection, Doc, Filter } from '../storage';
import type { Caller } from './permissions';
import { bad } from './filter';
import { groupRecords } from './record-groups';
import type { ListScope } from './record-list';
import { cursorAfter, pagePlan, readPage, shownAll, type ListEnv, type PagePlan, type Shown } from './record-page';

/** Most columns of people a board shows (the most frequent); past it, `truncated`. */
export const MAX_BOARD_COLUMNS = 50;
export const BOARD_LIMIT = { default: 50, max: 200 };

export interface BoardQuery extends Omit<ListScope, 'deleted'> {
  /** The select or single member field the columns come from. */
  by: string;
  /** Cards per column. */
  limit?: number;
  /** The fields each card carries (with `by`); none: whole records. */
  cardFields?: string[];
  sort?: string;
}

export interface BoardColumn<T> {
  /** The option's value or the person's user id; null: the records without a value. */
  key: string | null;
  total: number;
  items: T[];
  nextCursor: string | null;
}


/** The field the columns come from, if the caller may arrange their records by it. */
function columnField(caller: Caller, schema: FormSchema, by: string): Field {
  const { access } = caller;
  const field = dataFields(schema.fields).find((f) => f.id === by);
  if (!field || access.hiddenEverywhere().has(by)) bad('by', `没有字段“${by}”`, `Unknown field "${by}"`);
  const single = field.type === 'select' || (field.type === 'member' && !field.multiple);
  if (!single) bad('by', '看板的列只能来自单选字段或单个成员字段', `A kanban's columns come from a select or a single member field; "${by}" is neither`);
  // Hidden on some of the caller's records: those would sit in a column that tells what they cannot see.
  if (!access.isFull && access.visibleRows(by) !== null) bad('by', '该字段在部分记录上不可见，不能按它分列', `"${by}" is hidden on some of the records you see`);
  return field;
}

const blank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * A column's records as the store reads them: `{ by: key }`, or for the blank column missing,
 * null or "" (what `{ by: { $exists: false } }` means to the list's filter, so "load more" with
 * that filter goes on from a column's cursor), as equalities an index on the field can serve.
 */
const blankOf = (by: string): Filter => ({ $or: [{ [by]: null }, { [by]: '' }] });
const columnOf = (by: string, key: string | null): Filter => (key === null ? blankOf(by) : { [by]: key });

/** Whether the records keep an index led by the field among live records (a searchable field's, or a saved view's). */
// Stryker disable next-line StringLiteral,EqualityOperator,MethodExpression,ArrowFunction,ConditionalExpression: whether counts come from index keys or from the $group changes the reads, not the counts (both count plan.base, and a mismatch falls back to the $group)
const indexed = async <T extends Doc>(coll: Collection<T>, by: string) => (await coll.listIndexes()).some((s) => Object.keys(s.keys).join() === `_deleted,${by}`);

/**
 * How many records each value holds, blanks counted once (missing, null and "" alike): one
 * `$group` over the records, or, for a select whose field is indexed and records unfiltered, a
 * count of index keys per option (past a value no option holds, the `$group` after all).
 */
async function countColumns<T extends Doc>(coll: Collection<T>, caller: Caller, schema: FormSchema, field: Field, scope: ListScope, plan: PagePlan, env: ListEnv): Promise<Map<string | null, number>> {
  const by = field.id;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,BooleanLiteral: counts from index keys count plan.base too, filtered or not: the same counts, only a slower way
  const bare = Object.keys(plan.base).length === 1 && plan.base._deleted === false;
  // Stryker disable next-line ConditionalExpression,BlockStatement: without the index path the $group gives the same counts (the test "counts from the index give the same board")
  if (field.type === 'select' && bare && (await indexed(coll, by))) {
    const keys = [...field.options.map((o) => o.value), null];
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: counting every record per key makes the sum miss the total, which sends the counts to the $group, which gives the same ones
    const [total, ...counts] = await Promise.all([coll.count(plan.base), ...keys.map((k) => coll.count({ $and: [plan.base, columnOf(by, k)] }))]);
    // Stryker disable next-line ArithmeticOperator,ArrowFunction: a wrong sum only sends the counts to the $group, which gives the same ones (as does `false` for the condition, a survivor read; `true` is killed)
    if (counts.reduce((a, b) => a + b, 0) === total) return new Map(keys.map((k, i) => [k, counts[i]]));
  }
  const { groups } = await groupRecords(coll, caller, schema, { ...scope, by: [by], summaries: [] }, env.engine, env.timeZone);
  return new Map(groups.map((g) => [g.key[0] === null ? null : String(g.key[0]), g.count]));
}

export async function boardRecords<T extends Doc>(coll: Collection<T>, caller: Caller, schema: FormSchema, query: BoardQuery, env: ListEnv, shown: Shown<T>): Promise<{ columns: Array<BoardColumn<T>>; truncated: boolean }> {
  const { by } = query;
  const field = columnField(caller, schema, by);
  const known = new Set(dataFields(schema.fields).filter((f) => !caller.access.hiddenEverywhere().has(f.id)).map((f) => f.id));
  query.cardFields?.forEach((id) => known.has(id) || bad(`cardFields.${id}`, `没有字段“${id}”`, `Unknown field "${id}"`));
  const limit = Math.min(Math.max(query.limit ?? BOARD_LIMIT.default, 1), BOARD_LIMIT.max);
  const scope = { filter: query.filter, q: query.q, deleted: 'exclude' as const };
  // The list's plan (its filter, search, rows, order and fields); each column adds its key.
  const fields = query.cardFields?.length ? [...new Set([by, ...query.cardFields])] : undefined;
  const plan = pagePlan(caller, schema, { ...scope, sort: query.sort, fields }, 'view', env);

  // 1. The counts; 2. the columns: a select's options in the form's order (then values no option
  //    holds any more, so every record has a column), or the people present, most cards first;
  //    then the blanks.
  const counts = await countColumns(coll, caller, schema, field, scope, plan, env);
  let keys: string[];
  let truncated = false;
  if (field.type === 'select') {
    const options = field.options.map((o) => o.value);
    keys = [...options, ...[...counts.keys()].filter((k): k is string => k !== null && !options.includes(k))];
  } else {
    keys = [...counts.entries()].filter((e): e is [string, number] => e[0] !== null).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
    truncated = keys.length > MAX_BOARD_COLUMNS;
    keys = keys.slice(0, MAX_BOARD_COLUMNS);
  }
  const columns: Array<BoardColumn<T>> = [...keys, null].map((key) => ({ key, total: counts.get(key) ?? 0, items: [], nextCursor: null }));

  // 3. The cards, in the list's order: a column with more than a page reads its own (it stops
  //    after a page of matches); the columns that fit in a page are read together, in one pass.
  const take = (col: BoardColumn<T>, docs: T[]) => {
    const page = docs.slice(0, limit);
    col.items = shownAll(caller, plan, page, shown);
    col.nextCursor = docs.length > limit ? cursorAfter(plan, page[page.length - 1]) : null;
  };
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a column of exactly a page, or every column, read on its own gives the same page and cursor as from the shared pass
  const big = columns.filter((c) => c.total > limit);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,LogicalOperator: an empty column matches no record in the pass, and a big one read in it too gets the same page and cursor as from its own read
  const small = columns.filter((c) => c.total > 0 && c.total <= limit);
  const reads = big.map(async (col) => take(col, await readPage(coll, plan, limit + 1, undefined, columnOf(by, col.key))));
  if (small.length) {
    reads.push((async () => {
      const either: Filter = { $or: small.flatMap((c) => (c.key === null ? (blankOf(by).$or as Filter[]) : [{ [by]: c.key }])) };
      // Every card of these columns, and one more to notice a record that arrived meanwhile.
      const want = small.reduce((n, c) => n + c.total, 0);
      const docs = await readPage(coll, plan, want + 1, undefined, either);
      for (const col of small) {
        const mine = docs.filter((d) => (blank(d[by]) ? col.key === null : d[by] === col.key));
        take(col, mine);
        // The one pass stopped early: this column may go on past what was read. (Reached only when a
        // record arrives between the counts and this read: no test through HTTP can time that.)
        if (docs.length > want && mine.length && !col.nextCursor) col.nextCursor = cursorAfter(plan, mine[mine.length - 1]);
      }
    })());
  }
  await Promise.all(reads);
  return { columns, truncated };
}
