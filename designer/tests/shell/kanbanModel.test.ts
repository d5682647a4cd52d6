// The kanban's state without React: column order and folding as the view keeps them, a card moved
// at once and put back where it was, pages appended once, and the filter "load more" sends.
import { appendPage, columnFilter, columnOf, defaultCardFields, locate, moveColumn, ordered, placeCard, putCard, toggleFolded, type Column, type Rec } from '../../src/shell/views/kanbanModel';

const rec = (id: string, status: string | null, v = 1): Rec => ({ _id: id, _v: v, status });
const board = (): Column[] => [
  { key: 'todo', total: 3, items: [rec('a', 'todo'), rec('b', 'todo'), rec('c', 'todo')], nextCursor: null },
  { key: 'done', total: 1, items: [rec('d', 'done')], nextCursor: null },
  { key: null, total: 0, items: [], nextCursor: null },
];
const shape = (cols: Column[]) => cols.map((c) => `${c.key ?? '∅'}:${c.total}[${c.items.map((r) => r._id).join('')}]`).join(' ');

describe('order and folding', () => {
  test('the columns the view names come first, in its order ("" is the blank column); the others keep the server\'s order', () => {
    expect(ordered(board(), ['', 'done']).map((c) => c.key)).toEqual([null, 'done', 'todo']);
    expect(ordered(board(), undefined).map((c) => c.key)).toEqual(['todo', 'done', null]);
    expect(ordered(board(), ['ghost', 'done']).map((c) => c.key)).toEqual(['done', 'todo', null]);
  });

  test('moving a column gives the whole order as the view keeps it', () => {
    expect(moveColumn(board(), 0, 2)).toEqual(['done', '', 'todo']);
    expect(moveColumn(board(), 2, 0)).toEqual(['', 'todo', 'done']);
    expect(moveColumn(board(), 1, 5)).toEqual(['todo', '', 'done']);
  });

  test('folding toggles a key', () => {
    expect(toggleFolded(undefined, null)).toEqual(['']);
    expect(toggleFolded(['', 'done'], null)).toEqual(['done']);
  });
});

describe('moving a card', () => {
  test('out of its column and first into the other, counts following; back to where it was', () => {
    const start = board();
    const card = start[0].items[1];
    const was = locate(start, 'b');
    expect(was).toEqual({ key: 'todo', index: 1 });
    const moved = placeCard(start, { ...card, status: 'done' }, 'done');
    expect(shape(moved)).toBe('todo:2[ac] done:2[bd] ∅:0[]');
    expect(columnOf(moved[1].items[0], 'status')).toBe('done');
    const back = placeCard(moved, card, 'todo', was!.index);
    expect(shape(back)).toBe(shape(start));
    expect(back[0].items[1]).toBe(card);
  });

  test('to the blank column; the saved record replaces the card shown', () => {
    const moved = placeCard(board(), rec('d', null), null);
    expect(shape(moved)).toBe('todo:3[abc] done:0[] ∅:1[d]');
    expect(columnOf(moved[2].items[0], 'status')).toBeNull();
    expect(putCard(moved, rec('d', null, 2))[2].items[0]._v).toBe(2);
  });

  test('"load more" appends the cards not shown yet (one moved here meanwhile comes once)', () => {
    const cols = appendPage(board(), 'done', [rec('d', 'done'), rec('e', 'done')], 'next');
    expect(shape(cols)).toBe('todo:3[abc] done:1[de] ∅:0[]');
    expect(cols[1].nextCursor).toBe('next');
  });
});

describe('what is asked of the server', () => {
  test("a column's filter, within the page's", () => {
    expect(columnFilter('status', 'todo', null)).toEqual({ status: 'todo' });
    expect(columnFilter('status', null, {})).toEqual({ status: { $exists: false } });
    expect(columnFilter('status', 'todo', { $and: [{ qty: { $gt: 1 } }] })).toEqual({ $and: [{ $and: [{ qty: { $gt: 1 } }] }, { status: 'todo' }] });
  });

  test('card fields by default: the first three besides the title and the column field', () => {
    const f = (id: string) => ({ id, type: 'text', label: id }) as never;
    expect(defaultCardFields([f('title'), f('status'), f('a'), f('b'), f('c'), f('d')], 'title', 'status')).toEqual(['a', 'b', 'c']);
  });
});
