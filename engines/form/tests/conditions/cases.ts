// For every field type the rule builder can test, and every operator it offers: a value, what
// must match and what must not — blanks (null, absent, '', [] on lists) and values of the wrong
// kind included. `now` in the tests is 2026-11-24 09:30 in Shanghai.
import type { Field } from '../../src';

export interface OpCase {
  value?: unknown;
  match: unknown[];
  miss: unknown[];
}

export interface TypeCase {
  name: string;
  field: Field;
  ops: Record<string, OpCase[]>;
}

/** The value left out of the record altogether. */
export const ABSENT = Symbol('absent');

const blanks = [null, ABSENT, ''];

const text: Record<string, OpCase[]> = {
  eq: [
    { value: 'abc', match: ['abc'], miss: ['ABC', 'abcd', 'ab', ...blanks] },
    { value: '5', match: ['5', 5], miss: ['05', ...blanks] }, // json-logic's == : the number 5 is "5"
  ],
  ne: [{ value: 'abc', match: ['x', 'ABC', ...blanks], miss: ['abc'] }],
  contains: [{ value: 'bc', match: ['abc', 'bc'], miss: ['ab', 'BC', 'b c', ...blanks] }],
  notContains: [{ value: 'bc', match: ['ab', ...blanks], miss: ['abc'] }],
  startsWith: [
    { value: 'IQC-', match: ['IQC-0001', 'IQC-'], miss: ['iqc-0001', 'X-IQC-', 'IQC', ...blanks] },
    { value: 'nu', match: ['nut'], miss: [null, ABSENT] }, // a blank is "", never "null"
    { value: '来料', match: ['来料检验'], miss: ['检验来料'] },
  ],
  empty: [{ match: blanks, miss: ['a', '0', 0] }],
  notEmpty: [{ match: ['a', '0', 0], miss: blanks }],
};

const number: Record<string, OpCase[]> = {
  eq: [
    { value: 5, match: [5, '5', 5.0], miss: [4, 50, 'abc', true, ...blanks] },
    { value: 0, match: [0, '0'], miss: [false, ...blanks] }, // a blank is not 0
  ],
  ne: [{ value: 5, match: [4, ...blanks], miss: [5, '5'] }],
  gt: [
    { value: 5, match: [6, '6', 5.5, '10'], miss: [5, 4, 'abc', ...blanks] },
    { value: -1, match: [0], miss: blanks },
  ],
  gte: [{ value: 5, match: [5, 6], miss: [4.99, ...blanks] }],
  lt: [{ value: 5, match: [4, '4', 0, -1], miss: [5, 'abc', true, ...blanks] }],
  lte: [{ value: 5, match: [5, 0], miss: [5.01, ...blanks] }],
  between: [{ value: [1, 10], match: [1, 10, 5, '5'], miss: [0, 10.5, 'abc', ...blanks] }],
  empty: [{ match: blanks, miss: [0, 5] }],
  notEmpty: [{ match: [0, 5], miss: blanks }],
};

const percent: Record<string, OpCase[]> = {
  ...number,
  gte: [{ value: 0.95, match: [0.95, 0.951, 1], miss: [0.949, ...blanks] }], // stored as a fraction
};

const date: Record<string, OpCase[]> = {
  eq: [{ value: '2026-11-20', match: ['2026-11-20'], miss: ['2026-11-21', '2026-11-19', 5, 'abc', ...blanks] }],
  before: [{ value: '2026-11-20', match: ['2026-11-19', '2025-12-31'], miss: ['2026-11-20', '2026-11-21', 5, ...blanks] }],
  after: [{ value: '2026-11-20', match: ['2026-11-21', '2027-01-01'], miss: ['2026-11-20', '2026-11-19', 5, ...blanks] }],
  between: [{ value: ['2026-11-01', '2026-11-30'], match: ['2026-11-01', '2026-11-15', '2026-11-30'], miss: ['2026-10-31', '2026-12-01', ...blanks] }],
  withinLastDays: [{ value: 7, match: ['2026-11-24', '2026-11-17'], miss: ['2026-11-16', '2026-11-25', ...blanks] }],
  withinNextDays: [{ value: 7, match: ['2026-11-24', '2026-12-01'], miss: ['2026-12-02', '2026-11-23', ...blanks] }],
  empty: [{ match: blanks, miss: ['2026-11-20'] }],
  notEmpty: [{ match: ['2026-11-20'], miss: blanks }],
};

// Shanghai is UTC+8: 2026-11-20 runs from 2026-11-19T16:00Z to 2026-11-20T15:59:59Z.
const datetime: Record<string, OpCase[]> = {
  eq: [{ value: '2026-11-20', match: ['2026-11-19T16:00:00.000Z', '2026-11-20T00:30:00.000Z', '2026-11-20T15:59:00.000Z'], miss: ['2026-11-19T15:59:00.000Z', '2026-11-20T16:00:00.000Z', ...blanks] }],
  before: [{ value: '2026-11-20', match: ['2026-11-19T15:59:00.000Z'], miss: ['2026-11-19T16:00:00.000Z', '2026-11-20T12:00:00.000Z', ...blanks] }],
  after: [{ value: '2026-11-20', match: ['2026-11-20T16:00:00.000Z'], miss: ['2026-11-20T15:59:00.000Z', '2026-11-20T00:00:00.000Z', ...blanks] }],
  between: [{ value: ['2026-11-20', '2026-11-21'], match: ['2026-11-19T16:00:00.000Z', '2026-11-21T15:59:00.000Z'], miss: ['2026-11-19T15:59:00.000Z', '2026-11-21T16:00:00.000Z', ...blanks] }],
  withinLastDays: [{ value: 7, match: ['2026-11-16T16:00:00.000Z', '2026-11-24T01:00:00.000Z'], miss: ['2026-11-16T15:59:00.000Z', '2026-11-24T16:00:00.000Z', ...blanks] }],
  withinNextDays: [{ value: 1, match: ['2026-11-23T16:00:00.000Z', '2026-11-25T15:59:00.000Z'], miss: ['2026-11-23T15:59:00.000Z', '2026-11-25T16:00:00.000Z', ...blanks] }],
  empty: [{ match: blanks, miss: ['2026-11-20T00:30:00.000Z'] }],
  notEmpty: [{ match: ['2026-11-20T00:30:00.000Z'], miss: blanks }],
};

const select: Record<string, OpCase[]> = {
  eq: [
    { value: 'ok', match: ['ok'], miss: ['ng', ...blanks] },
    { value: '1', match: ['1', 1], miss: ['2', ...blanks] },
  ],
  ne: [{ value: 'ok', match: ['ng', ...blanks], miss: ['ok'] }],
  anyOf: [{ value: ['ok', '1'], match: ['ok', '1'], miss: ['ng', 1, ...blanks] }], // a list holds values exactly
  noneOf: [{ value: ['ok'], match: ['ng', ...blanks], miss: ['ok'] }],
  empty: [{ match: blanks, miss: ['ok'] }],
  notEmpty: [{ match: ['ok'], miss: blanks }],
};

const listBlanks = [[], ...blanks];
const list = (a: string, b: string, c: string): Record<string, OpCase[]> => ({
  includesAny: [{ value: [a, b], match: [[a], [b, c], [a, b]], miss: [[c], ...listBlanks] }],
  includesAll: [{ value: [a, b], match: [[a, b], [b, a, c]], miss: [[a], [c], ...listBlanks] }],
  empty: [{ match: listBlanks, miss: [[a]] }],
  notEmpty: [{ match: [[a]], miss: listBlanks }],
});

const oneOf: Record<string, OpCase[]> = {
  anyOf: [{ value: ['u1', 'u2'], match: ['u1', 'u2'], miss: ['u3', ...blanks] }],
  noneOf: [{ value: ['u1'], match: ['u2', ...blanks], miss: ['u1'] }],
  empty: [{ match: blanks, miss: ['u1'] }],
  notEmpty: [{ match: ['u1'], miss: blanks }],
};

const yesNo: Record<string, OpCase[]> = {
  isTrue: [{ match: [true], miss: [false, 'true', ...blanks] }],
  isFalse: [{ match: [false, ...blanks], miss: [true] }], // a switch never touched is off
};

const rec = (display: string) => ({ id: `id-${display}`, display });
const relation: Record<string, OpCase[]> = {
  eq: [{ value: '华东精密', match: [rec('华东精密')], miss: [rec('华南'), { id: 's1' }, ...blanks] }],
  ne: [{ value: '华东精密', match: [rec('华南'), ...blanks], miss: [rec('华东精密')] }],
  contains: [{ value: '华东', match: [rec('华东精密')], miss: [rec('华南'), { id: 's1' }, ...blanks] }],
  empty: [{ match: blanks, miss: [rec('华东精密')] }],
  notEmpty: [{ match: [rec('华东精密')], miss: blanks }],
};
const relations: Record<string, OpCase[]> = {
  eq: [{ value: 'A', match: [[rec('B'), rec('A')]], miss: [[rec('B')], [rec('AB')], ...listBlanks] }], // any linked record
  ne: [{ value: 'A', match: [[rec('B')], ...listBlanks], miss: [[rec('B'), rec('A')]] }],
  contains: [{ value: 'A', match: [[rec('B'), rec('xAx')]], miss: [[rec('B')], ...listBlanks] }],
  empty: [{ match: listBlanks, miss: [[rec('A')]] }],
  notEmpty: [{ match: [[rec('A')]], miss: listBlanks }],
};

const base = { id: 'v', label: { 'zh-CN': '值', 'en-US': 'Value' } };
const options = (...values: string[]) => values.map((value) => ({ value, label: value }));
const formula = (resultType: 'number' | 'money' | 'percent' | 'text' | 'date' | 'boolean') => ({ ...base, type: 'formula', formula: { logic: null }, resultType }) as Field;

export const TYPE_CASES: TypeCase[] = [
  { name: 'text', field: { ...base, type: 'text' }, ops: text },
  { name: 'textarea', field: { ...base, type: 'textarea' }, ops: text },
  { name: 'barcode', field: { ...base, type: 'barcode' }, ops: text },
  { name: 'serial', field: { ...base, type: 'serial', pattern: 'IQC-{seq:4}' }, ops: text },
  { name: 'number', field: { ...base, type: 'number' }, ops: number },
  { name: 'money', field: { ...base, type: 'money' }, ops: number },
  { name: 'percent', field: { ...base, type: 'percent' }, ops: percent },
  { name: 'date', field: { ...base, type: 'date' }, ops: date },
  { name: 'datetime', field: { ...base, type: 'datetime' }, ops: datetime },
  { name: 'select', field: { ...base, type: 'select', options: options('ok', 'ng', '1', '2') }, ops: select },
  { name: 'multiselect', field: { ...base, type: 'multiselect', options: options('a', 'b', 'c') }, ops: list('a', 'b', 'c') },
  { name: 'switch', field: { ...base, type: 'switch' }, ops: yesNo },
  { name: 'member', field: { ...base, type: 'member' }, ops: oneOf },
  { name: 'member (multiple)', field: { ...base, type: 'member', multiple: true }, ops: list('u1', 'u2', 'u3') },
  { name: 'department', field: { ...base, type: 'department' }, ops: oneOf },
  { name: 'department (multiple)', field: { ...base, type: 'department', multiple: true }, ops: list('u1', 'u2', 'u3') },
  { name: 'relation', field: { ...base, type: 'relation', formId: 'suppliers', displayField: 'name' }, ops: relation },
  { name: 'relation (multiple)', field: { ...base, type: 'relation', formId: 'suppliers', displayField: 'name', multiple: true }, ops: relations },
  { name: 'lookup', field: { ...base, type: 'lookup', relationField: 'x', targetField: 'y' }, ops: text },
  { name: 'formula → number', field: formula('number'), ops: number },
  { name: 'formula → money', field: formula('money'), ops: number },
  { name: 'formula → percent', field: formula('percent'), ops: percent },
  { name: 'formula → text', field: formula('text'), ops: text },
  { name: 'formula → date', field: formula('date'), ops: date },
  { name: 'formula → boolean', field: formula('boolean'), ops: yesNo },
];

/** Types no condition tests. */
export const UNTESTABLE: Field[] = [
  { ...base, type: 'attachment' },
  { ...base, type: 'image' },
  { ...base, type: 'signature' },
  { ...base, type: 'location' },
  { ...base, type: 'subform', fields: [] },
];
