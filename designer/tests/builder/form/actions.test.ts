// What the keyboard, the palette and the canvas buttons do, through the designer's actions with
// a real stack and selection (the browser's clipboard and storage replaced by a plain map).
import { createFormEngine } from '@tessera/form-engine';
import type { DesignerApi } from '../../../src/builder/form/context';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { Selection } from '../../../src/builder/form/model/selection';
import { CommandError, type Command } from '../../../src/builder/form/model/commands';
import { ProblemStore } from '../../../src/builder/form/problems';
import { listOf, locate } from '../../../src/builder/form/model/tree';
import { addField, copySelection, cutSelection, duplicateSelection, insertionPoint, moveSelection, paste, readClipboard, removeSelection } from '../../../src/builder/form/actions';
import { inspection } from './fixtures';

const store = new Map<string, string>();
beforeAll(() => {
  (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
});

function designer(schema = inspection()) {
  const engine = createFormEngine();
  const stack = new CommandStack(schema);
  const refused: string[] = [];
  const d: DesignerApi = {
    stack,
    selection: new Selection(),
    engine,
    conditions: engine.conditions,
    problems: new ProblemStore(engine, 'zh-CN', []),
    appId: 'app',
    siblings: [],
    publishedIds: new Set(),
    run: (cmd: Command) => {
      try {
        stack.execute(cmd);
        return true;
      } catch (e) {
        if (e instanceof CommandError) return false;
        throw e;
      }
    },
    announce: () => undefined,
    refuse: (r) => void refused.push(r),
  };
  return { d, refused };
}
const ids = (d: DesignerApi, c = 'root') => (listOf(d.stack.schema, c) ?? []).map((f) => f.id);
/** A fresh id the designer makes for a new field or a copy: the type and four base-36 characters. */
const freshId = (type: string) => new RegExp(`^${type}_[0-9a-z]{4}$`);

describe('designer actions', () => {
  test('a new field goes after the selected one, into a selected container, or at the end', () => {
    const { d } = designer();
    expect(insertionPoint(d, ['text'])).toEqual({ container: 'root', index: 8 });
    d.selection.set(['qty']);
    expect(insertionPoint(d, ['text'])).toEqual({ container: 'root', index: 2 });
    d.selection.set(['info']);
    expect(insertionPoint(d, ['text'])).toEqual({ container: 'info', index: 2 });
    d.selection.set(['n']);
    // A section cannot go into a subform: after the subform instead.
    expect(insertionPoint(d, ['section'])).toEqual({ container: 'root', index: 6 });
    const id = addField(d, 'number', 'zh-CN');
    expect(id).toMatch(freshId('number'));
    expect(locate(d.stack.schema, id!)).toMatchObject({ container: 'lines', field: { type: 'number', label: '数字' } });
    expect(d.selection.get()).toEqual([id]);
  });

  test('Alt+↑ / Alt+↓ move one step, and past the end of a list out of its container', () => {
    const { d } = designer();
    d.selection.set(['price']);
    expect(moveSelection(d, -1)).toBe(true);
    expect(ids(d).slice(0, 3)).toEqual(['lot', 'price', 'qty']);
    d.selection.set(['result']);
    expect(moveSelection(d, -1)).toBe(true);
    expect(locate(d.stack.schema, 'result')!.container).toBe('root');
    expect(ids(d).indexOf('result')).toBe(ids(d).indexOf('info') - 1);
  });

  test('delete selects the neighbour; duplicate puts copies right after the originals', () => {
    const { d } = designer();
    d.selection.set(['qty']);
    removeSelection(d);
    expect(locate(d.stack.schema, 'qty')).toBeUndefined();
    expect(d.selection.get()).toEqual(['price']);
    duplicateSelection(d);
    const after = ids(d);
    expect(after[after.indexOf('price') + 1]).toMatch(freshId('money'));
    expect(d.selection.get()).toEqual([after[after.indexOf('price') + 1]]);
  });

  test('copy and paste through the clipboard; a cut pasted back keeps its ids', () => {
    const { d } = designer();
    d.selection.set(['lot']);
    expect(copySelection(d)).toEqual({ kind: 'tessera.fields', formId: 'iqc', fields: [locate(d.stack.schema, 'lot')!.field] });
    expect(paste(d, readClipboard())).toBe(true);
    expect(d.selection.get()).toEqual([expect.stringMatching(freshId('text'))]);
    d.selection.set(['price']);
    cutSelection(d);
    expect(locate(d.stack.schema, 'price')).toBeUndefined();
    d.selection.set(['lot']);
    expect(paste(d, readClipboard())).toBe(true);
    expect(locate(d.stack.schema, 'price')!.container).toBe('root');
    // Pasted again, it is a copy.
    expect(paste(d, readClipboard())).toBe(true);
    expect(d.selection.get()).toEqual([expect.stringMatching(freshId('money'))]);
  });

  test('keyboard nesting: a cut field pasted on a selected section goes inside it, with its id', () => {
    const { d } = designer();
    d.selection.set(['lot']);
    cutSelection(d);
    d.selection.set(['info']);
    expect(paste(d, readClipboard())).toBe(true);
    expect(locate(d.stack.schema, 'lot')).toMatchObject({ container: 'info', index: 2 });
    expect(d.selection.get()).toEqual(['lot']);
  });

  test('a cut field that formulas name is not pasted into a subform (its name there would differ)', () => {
    const { d, refused } = designer();
    d.selection.set(['qty']);
    cutSelection(d);
    d.selection.set(['lines']);
    expect(paste(d, readClipboard())).toBe(false);
    expect(refused).toEqual(['referenced']);
    expect(locate(d.stack.schema, 'qty')).toBeUndefined();
  });

  test('a refused paste leaves the cut as it was: pasted then where it may go, it keeps its id (and its data)', () => {
    const { d, refused } = designer();
    d.selection.set(['qty']);
    cutSelection(d);
    d.selection.set(['lines']);
    expect(paste(d, readClipboard())).toBe(false);
    expect(refused).toEqual(['referenced']);
    d.selection.set(['lot']);
    expect(paste(d, readClipboard())).toBe(true);
    expect(locate(d.stack.schema, 'qty')).toMatchObject({ container: 'root', index: 1 });
    // Pasted once, the cut is used up: the next paste is a copy.
    expect(paste(d, readClipboard())).toBe(true);
    expect(d.selection.get()).toEqual([expect.stringMatching(freshId('number'))]);
  });

  test('a cut subform column whose formula reads its row is not pasted out of the subform', () => {
    const { d, refused } = designer();
    d.selection.set(['share']);
    cutSelection(d);
    d.selection.set(['lot']);
    expect(paste(d, readClipboard())).toBe(false);
    expect(refused).toEqual(['referenced']);
    d.selection.set(['defect']);
    expect(paste(d, readClipboard())).toBe(true);
    expect(locate(d.stack.schema, 'share')).toMatchObject({ container: 'lines' });
  });
});

