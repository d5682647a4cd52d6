// The app menu: what end users see, and how the navigation editor reorders it.
import type { NavNode } from '../../src/lib/api';
import { menuOf, moveNav, normalizeNav } from '../../src/lib/navigation';

const forms = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const nav: NavNode[] = [
  { type: 'form', id: 'a' },
  { type: 'group', id: 'g1', label: '来料', children: [{ type: 'form', id: 'b' }, { type: 'form', id: 'c', hidden: true }] },
  { type: 'form', id: 'ghost' },
  { type: 'group', id: 'g2', label: '隐藏组', hidden: true, children: [{ type: 'form', id: 'd' }] },
];

describe('app menu', () => {
  test('keeps the order, leaves hidden items and groups out, appends forms the navigation lacks, drops unknown ids', () => {
    const menu = menuOf(nav, forms);
    expect(menu.map((e) => (e.kind === 'group' ? `${e.group.id}[${e.children.map((c) => c.id).join(',')}]` : e.form.id))).toEqual(['a', 'g1[b]', 'e']);
  });
  test('the editor sees everything, hidden included', () => {
    const menu = menuOf(nav, forms, { includeHidden: true });
    expect(menu.map((e) => (e.kind === 'group' ? `${e.group.id}[${e.children.map((c) => c.id).join(',')}]` : e.form.id))).toEqual(['a', 'g1[b,c]', 'g2[d]', 'e']);
  });
  test('normalizeNav drops unknown and repeated ids and appends missing forms', () => {
    const n = normalizeNav([...nav, { type: 'form', id: 'a' }], ['a', 'b', 'c', 'd', 'e']);
    expect(n.map((x) => (x.type === 'group' ? `${x.id}[${x.children.map((c) => c.id).join(',')}]` : x.id))).toEqual(['a', 'g1[b,c]', 'g2[d]', 'e']);
  });
});

describe('moveNav', () => {
  const base = normalizeNav(nav, ['a', 'b', 'c', 'd', 'e']);
  const shape = (n: NavNode[]) => n.map((x) => (x.type === 'group' ? `${x.id}[${x.children.map((c) => c.id).join(',')}]` : x.id)).join(' ');
  test('within a list it moves like arrayMove (down lands after, up before)', () => {
    expect(shape(moveNav(base, 'f:a', 'f:e'))).toBe('g1[b,c] g2[d] e a');
    expect(shape(moveNav(base, 'f:e', 'f:a'))).toBe('e a g1[b,c] g2[d]');
    expect(shape(moveNav(base, 'f:c', 'f:b'))).toBe('a g1[c,b] g2[d] e');
  });
  test('a form moves into a group (before the item it is dropped on, or at the end on the header) and out again', () => {
    expect(shape(moveNav(base, 'f:a', 'f:c'))).toBe('g1[b,a,c] g2[d] e');
    expect(shape(moveNav(base, 'f:e', 'g:g2'))).toBe('a g1[b,c] g2[d,e]');
    expect(shape(moveNav(base, 'f:b', 'f:e'))).toBe('a g1[c] g2[d] b e');
  });
  test('a group never goes into a group: dropped on a member, it takes that group’s place', () => {
    expect(shape(moveNav(base, 'g:g2', 'f:b'))).toBe('a g2[d] g1[b,c] e');
  });
  test('does not change its input', () => {
    const copy = JSON.stringify(base);
    moveNav(base, 'f:a', 'g:g1');
    expect(JSON.stringify(base)).toBe(copy);
  });
});
