// Counts read right in English ("1 form", "2 forms"); zh-CN has no plural.
import { DICTS, fmt } from '../../src/lib/i18n';
import { BUILDER_DICTS } from '../../src/builder/i18n';

describe('fmt', () => {
  test('fills names and picks the singular or the plural by the count', () => {
    expect(fmt('{n} {n|form|forms}', { n: 1 })).toBe('1 form');
    expect(fmt('{n} {n|form|forms}', { n: 0 })).toBe('0 forms');
    expect(fmt('{n} {n|form|forms}', { n: 12 })).toBe('12 forms');
    expect(fmt('{who} saved {n|it|them}', { who: '{n}', n: 1 })).toBe('{n} saved it');
    expect(fmt('an empty form: {n|one|}.', { n: 3 })).toBe('an empty form: .');
  });
});

/** Every string of a dictionary (nested maps included), by its key path. */
function strings(dict: object, prefix = ''): Array<[string, string]> {
  return Object.entries(dict).flatMap(([k, v]): Array<[string, string]> => (typeof v === 'string' ? [[prefix + k, v]] : v && typeof v === 'object' ? strings(v, `${prefix}${k}.`) : []));
}

describe('count texts', () => {
  const en = [...strings(DICTS['en-US']), ...strings(BUILDER_DICTS['en-US'])].filter(([, s]) => s.includes('{n}'));
  const zh = [...strings(DICTS['zh-CN']), ...strings(BUILDER_DICTS['zh-CN'])].filter(([, s]) => s.includes('{n}'));
  const PLURAL_AFTER_ONE = /\b1 (?:selected )?(?:\w+s)\b|\(s\)/;

  test('English reads "1 form", never "1 forms"', () => {
    expect(en.length).toBeGreaterThan(10);
    const wrong = en.map(([k, s]) => [k, fmt(s, { n: 1, who: 'Ann', when: 'just now', name: 'X', label: 'X', where: 'X' })]).filter(([, s]) => PLURAL_AFTER_ONE.test(s));
    expect(wrong).toEqual([]);
  });

  test('English still says "2 forms"', () => {
    expect(fmt(BUILDER_DICTS['en-US'].formsCount, { n: 2 })).toBe('2 forms');
    expect(fmt(BUILDER_DICTS['en-US'].fieldsCount, { n: 1 })).toBe('1 field');
    expect(fmt(DICTS['en-US'].daysAgo, { n: 1 })).toBe('1 day ago');
  });

  test('zh-CN has no plural forms', () => {
    expect(zh.filter(([, s]) => /\{n\|/.test(s))).toEqual([]);
  });
});
