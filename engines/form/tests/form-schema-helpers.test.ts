// The form format's helpers: which fields hold values (layouts entered, not kept), which type
// names exist, and a label in the reader's language with the other one as a fallback.
import { dataFields, isFieldType, textOf, titleFieldOf, FIELD_TYPES, LAYOUT_TYPES, type Field } from '../src';

describe('the fields that hold a value', () => {
  test('depth-first through sections, tabs and columns, without layouts or descriptions; a subform is one field', () => {
    const fields = [
      { id: 'a', type: 'text', label: 'A' },
      { id: 'sec', type: 'section', label: 'S', fields: [{ id: 'b', type: 'number', label: 'B' }, { id: 'note', type: 'description', label: 'N', content: '说明' }] },
      { id: 'tabs', type: 'tabs', label: 'T', tabs: [{ id: 't1', label: '1', fields: [{ id: 'c', type: 'date', label: 'C' }] }, { id: 't2', label: '2', fields: [{ id: 'cols', type: 'columns', label: 'K', columns: [{ id: 'k1', fields: [{ id: 'd', type: 'switch', label: 'D' }] }, { id: 'k2', fields: [{ id: 'e', type: 'text', label: 'E' }] }] }] }] },
      { id: 'lines', type: 'subform', label: 'L', fields: [{ id: 'qty', type: 'number', label: 'Q' }] },
      { id: 'z', type: 'text', label: 'Z' },
    ] as Field[];
    expect(dataFields(fields).map((f) => f.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'lines', 'z']);
  });
});

describe('the field that stands for a record', () => {
  const fields: Field[] = [
    { id: 'code', type: 'text', label: '编码' },
    { id: 'name', type: 'text', label: '名称' },
  ];
  test('the title field when it is among the fields given', () => {
    expect(titleFieldOf({ titleField: 'name' }, fields)?.id).toBe('name');
  });
  test('else the first field: none named, or the one named not given (hidden from the reader)', () => {
    expect(titleFieldOf({}, fields)?.id).toBe('code');
    expect(titleFieldOf({ titleField: 'price' }, fields)?.id).toBe('code');
  });
  test('nothing when no field is given', () => {
    expect(titleFieldOf({ titleField: 'name' }, [])).toBeUndefined();
  });
});

describe('field type names', () => {
  test.each(FIELD_TYPES.map((t) => [t]))('%s is a field type', (type) => {
    expect(isFieldType(type)).toBe(true);
  });
  test.each([['Text'], ['hologram'], [''], [7], [null], [['text']]])('%p is not', (value) => {
    expect(isFieldType(value)).toBe(false);
  });
  test('layouts are the section, tabs, columns and description', () => {
    expect([...LAYOUT_TYPES].sort()).toEqual(['columns', 'description', 'section', 'tabs']);
  });
});

describe('a label in the reader language', () => {
  test.each([
    [undefined, 'zh-CN', ''],
    ['数量', 'en-US', '数量'],
    [{ 'zh-CN': '数量', 'en-US': 'Quantity' }, 'zh-CN', '数量'],
    [{ 'zh-CN': '数量', 'en-US': 'Quantity' }, 'en-US', 'Quantity'],
    [{ 'zh-CN': '数量' }, 'en-US', '数量'],
    [{ 'en-US': 'Quantity' }, 'zh-CN', 'Quantity'],
    [{}, 'en-US', ''],
  ] as const)('%p for %s is %p', (text, locale, expected) => {
    expect(textOf(text, locale)).toBe(expected);
  });
});
