// The preview keeps unchanged fields as the same objects across postMessage copies.
import { reuse } from '../../../src/builder/preview/reuse';

describe('reuse', () => {
  const prev = { id: 'f', title: 'T', fields: [{ id: 'a', label: 'A', options: [{ value: 'x' }] }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] };
  test('an unchanged copy gives back the previous object', () => {
    expect(reuse(prev, structuredClone(prev))).toBe(prev);
  });
  test('one changed field: only it (and the lists above it) are new', () => {
    const next = structuredClone(prev);
    next.fields[1].label = 'B2';
    const r = reuse(prev, next);
    expect(r).not.toBe(prev);
    expect(r).toEqual(next);
    expect(r.fields[0]).toBe(prev.fields[0]);
    expect(r.fields[1]).not.toBe(prev.fields[1]);
    expect(r.fields[2]).toBe(prev.fields[2]);
  });
  test('an inserted field does not make the ones after it new (items matched by id)', () => {
    const next = structuredClone(prev);
    next.fields.splice(0, 0, { id: 'z', label: 'Z' });
    const r = reuse(prev, next);
    expect(r.fields.map((f) => f.id)).toEqual(['z', 'a', 'b', 'c']);
    expect(r.fields[1]).toBe(prev.fields[0]);
    expect(r.fields[3]).toBe(prev.fields[2]);
  });
  test('a removed key or a shorter list is a change', () => {
    const { title: _t, ...noTitle } = structuredClone(prev);
    expect(reuse(prev, noTitle)).not.toBe(prev);
    const shorter = structuredClone(prev);
    shorter.fields.pop();
    expect(reuse(prev, shorter).fields).not.toBe(prev.fields);
  });
});
