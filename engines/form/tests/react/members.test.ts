// A member value is a user id: the renderer shows the person's name, or a sentence while the name
// is on its way or when nobody has the id, never the id itself.
import type { Field, FormSchema } from '../../src';
import { displayValue, memberDirectory, memberText, recordsMemberIds, rendererText } from '../../src/react';

const owner: Field = { id: 'owner', type: 'member', label: '负责人' };
const checkers: Field = { id: 'checkers', type: 'member', label: '检验员', multiple: true };
const ID = '66a1b2c3d4e5f6a7b8c9d0e1';
const names: Record<string, string> = { [ID]: '张三', u2: '李四' };

/** A host's membersByIds that knows `names`, counting the calls. */
function host(fail = false) {
  const calls: string[][] = [];
  return {
    calls,
    membersByIds: async (ids: string[]) => {
      calls.push(ids);
      if (fail) throw new TypeError('Failed to fetch');
      return ids.filter((id) => names[id]).map((id) => ({ id, displayName: names[id] }));
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('displayValue of a member', () => {
  test('names from the host, joined in the reader\'s language', () => {
    const name = (id: string) => names[id];
    expect(displayValue(owner, ID, 'zh-CN', undefined, name)).toBe('张三');
    expect(displayValue(checkers, [ID, 'u2'], 'zh-CN', undefined, name)).toBe('张三、李四');
    expect(displayValue(checkers, [ID, 'u2'], 'en-US', undefined, name)).toBe('张三, 李四');
  });
  test('without a name it says "unknown member", never the id', () => {
    expect(displayValue(owner, ID, 'zh-CN')).toBe('未知成员');
    expect(displayValue(owner, ID, 'en-US')).toBe('Unknown member');
    expect(displayValue(checkers, [ID, 'nobody'], 'en-US', undefined, (id) => names[id])).toBe('张三, Unknown member');
    expect(displayValue(owner, ID, 'zh-CN', undefined, () => '')).not.toContain(ID);
  });
  test('empty stays empty', () => {
    expect(displayValue(owner, null, 'zh-CN')).toBe('');
    expect(displayValue(checkers, [], 'zh-CN')).toBe('');
  });
});

describe('the member directory', () => {
  const t = rendererText('zh-CN');

  test('asks once for the ids it does not know; ids nobody has read "unknown member"', async () => {
    const h = host();
    const dir = memberDirectory(h);
    expect(memberDirectory(h)).toBe(dir); // one per host function: lists and forms share it
    expect(memberText(dir.name(ID), t)).toBe('加载中…');
    dir.resolve([ID, 'gone', ID]);
    dir.resolve([ID]); // already on its way
    await settle();
    expect(h.calls).toEqual([[ID, 'gone']]);
    expect(memberText(dir.name(ID), t)).toBe('张三');
    expect(memberText(dir.name('gone'), t)).toBe('未知成员');
    dir.resolve([ID, 'gone']);
    expect(h.calls).toHaveLength(1);
  });

  test('a failed ask says the name could not be loaded, and the next resolve asks again', async () => {
    const h = host(true);
    const dir = memberDirectory(h);
    const seen: number[] = [];
    dir.subscribe(() => seen.push(dir.getVersion()));
    dir.resolve([ID]);
    await settle();
    expect(memberText(dir.name(ID), t)).toBe('名称未能加载');
    expect(seen.length).toBe(1);
    dir.resolve([ID]);
    expect(h.calls).toEqual([[ID], [ID]]);
  });

  test('names a picker found are known without asking', () => {
    const h = host();
    const dir = memberDirectory(h);
    dir.learn([{ id: 'u9', displayName: '王五' }]);
    expect(memberText(dir.name('u9'), t)).toBe('王五');
    dir.resolve(['u9']);
    expect(h.calls).toEqual([]);
  });
});

test('the member ids of records, subform rows included', () => {
  const fields: Field[] = [
    owner,
    { id: 'sec', type: 'section', label: 'S', fields: [checkers] },
    { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'by', type: 'member', label: '操作员' }, { id: 'qty', type: 'number', label: '数量' }] },
    { id: 'note', type: 'text', label: '备注' },
  ];
  const records = [
    { owner: 'a', checkers: ['b', 'c'], lines: [{ by: 'd', qty: 1 }, { by: 'a' }], note: 'e' },
    { owner: null, checkers: 'f', lines: null },
  ];
  expect(recordsMemberIds(fields, records).sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
});

test('a lookup of a member field names the related record\'s people, found through the related form', () => {
  const fields: Field[] = [
    { id: 'sup', type: 'relation', label: '供应商', formId: 'sup', displayField: 'name' },
    { id: 'buyer', type: 'lookup', label: '采购员', relationField: 'sup', targetField: 'buyer' },
    { id: 'city', type: 'lookup', label: '城市', relationField: 'sup', targetField: 'city' },
  ] as Field[];
  const suppliers = { id: 'sup', title: '供应商', fields: [{ id: 'buyer', type: 'member', label: '采购员' }, { id: 'city', type: 'text', label: '城市' }] } as FormSchema;
  const records = [{ buyer: 'u7', city: 'u8' }, { buyer: null }];
  expect(recordsMemberIds(fields, records, [suppliers])).toEqual(['u7']);
  // Without the related form the lookup's type is unknown: nobody is asked for.
  expect(recordsMemberIds(fields, records)).toEqual([]);
});

test('subform rows are counted in the reader\'s language', () => {
  const lines: Field = { id: 'lines', type: 'subform', label: '明细', fields: [] };
  expect(displayValue(lines, [{}], 'en-US')).toBe('1 row');
  expect(displayValue(lines, [{}, {}], 'en-US')).toBe('2 rows');
  expect(displayValue(lines, [{}, {}], 'zh-CN')).toBe('2 行');
});
