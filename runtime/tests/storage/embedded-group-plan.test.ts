// Which $group stages the embedded store runs itself (storage/embedded/group.ts) and which it
// leaves to mingo. Both give the same answers on what the native loop covers, so the choice is
// only seen here: a stage it takes must get the plan that says what it does, and a stage it does
// not cover (another expression, a malformed one, a value it does not order) must go to mingo,
// never half-run or throw. Answers through the store are in conformance-groups.ts.
import { Aggregator } from 'mingo';
import type { Doc } from '../../src/storage';
import { groupPlan, runGroup } from '../../src/storage/embedded/group';

const counted = (path: string) => ({ $sum: { $cond: [{ $isNumber: path }, 1, 0] } });

test('the stages it runs get the plan of their key and each accumulator', () => {
  expect(
    groupPlan({
      _id: '$s',
      n: { $sum: 1 },
      total: { $sum: '$qty' },
      mean: { $avg: '$qty' },
      low: { $min: '$price' },
      high: { $max: '$price' },
      shown: { $first: '$rel.display' },
      numbers: counted('$qty'),
    }),
  ).toEqual({
    key: 's',
    accs: [
      ['n', { kind: 'count' }],
      ['total', { kind: 'sum', path: 'qty' }],
      ['mean', { kind: 'avg', path: 'qty' }],
      ['low', { kind: 'min', path: 'price' }],
      ['high', { kind: 'max', path: 'price' }],
      ['shown', { kind: 'first', path: 'rel.display' }],
      ['numbers', { kind: 'numbers', path: 'qty' }],
    ],
  });
  expect(groupPlan({ _id: null })).toEqual({ key: null, accs: [] });
  expect(groupPlan({ _id: { a: '$s', b: '$rel.id' }, n: { $sum: 1 } })).toEqual({ key: [['a', 's'], ['b', 'rel.id']], accs: [['n', { kind: 'count' }]] });
});

test('a stage that is not a plain grouping of field paths goes to mingo, whatever its shape', () => {
  const notRun: unknown[] = [
    // Not a stage object.
    null,
    'x',
    7,
    // Keys: a bare "$", a variable, a literal, a list, an empty or partly literal object, an operator.
    { _id: '$' },
    { _id: '$$ROOT' },
    { _id: 'literal' },
    { _id: 7 },
    { _id: true },
    { _id: ['$s'] },
    { _id: {} },
    { _id: { a: '$s', b: 'literal' } },
    { _id: { a: '$' } },
    { _id: { $toUpper: '$s' } },
    // Accumulators: not an object, empty, two operators, another operator, a literal or variable argument.
    { _id: null, n: null },
    { _id: null, n: 1 },
    { _id: null, n: {} },
    { _id: null, n: { $sum: 1, $avg: '$qty' } },
    { _id: null, n: { $push: '$qty' } },
    { _id: null, n: { $sum: 2 } },
    { _id: null, n: { $avg: 1 } },
    { _id: null, n: { $sum: null } },
    { _id: null, n: { $first: 'qty' } },
    { _id: null, n: { $max: '$$CURRENT.qty' } },
    // A count of numbers only in exactly its own shape, and only summed.
    { _id: null, n: { $avg: { $cond: [{ $isNumber: '$qty' }, 1, 0] } } },
    { _id: null, n: { $sum: { $cond: { if: { $isNumber: '$qty' }, then: 1, else: 0 } } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: '$qty' }, 1] } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: '$qty' }, 1, 0, 0] } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: '$qty' }, 2, 0] } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: '$qty' }, 1, 1] } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: '$qty', $isArray: '$qty' }, 1, 0] } } },
    { _id: null, n: { $sum: { $cond: [{}, 1, 0] } } },
    { _id: null, n: { $sum: { $cond: [null, 1, 0] } } },
    { _id: null, n: { $sum: { $cond: [{ $isNumber: 'qty' }, 1, 0] } } },
    { _id: null, n: { $sum: { $cond: [{ $isString: '$qty' }, 1, 0] } } },
  ];
  for (const stage of notRun) expect({ stage, plan: groupPlan(stage) }).toEqual({ stage, plan: null });
});

const docs: Doc[] = [
  { _id: 'a', s: 'S1', flag: true, price: 3, tag: 'b', rel: { id: 'r1' }, list: [1, 2] },
  { _id: 'b', s: 'S1', flag: 'yes', price: 'n/a', tag: 'z', rel: { id: 'r2' }, list: [3] },
  { _id: 'c', s: 'S2', flag: 5, price: 1, tag: 'm' },
  { _id: 'd', s: 'S2', flag: false, tag: 'a' },
];

test('it orders min and max as MongoDB does: numbers, then texts, then booleans (false before true)', () => {
  const group = { _id: null, low: { $min: '$flag' }, high: { $max: '$flag' } };
  expect(runGroup(groupPlan(group)!, docs)).toEqual([{ _id: null, low: 5, high: true }]);
  expect(new Aggregator([{ $group: group }]).run(docs)).toEqual([{ _id: null, low: 5, high: true }]);
  const bools = [docs[3], docs[0], { _id: 'e', flag: false }];
  expect(runGroup(groupPlan(group)!, bools)).toEqual([{ _id: null, low: false, high: true }]);
});

test('$first keeps the value of the first document of each group, not a later larger one', () => {
  const group = { _id: '$s', first: { $first: '$tag' } };
  expect(runGroup(groupPlan(group)!, docs)).toEqual([
    { _id: 'S1', first: 'b' },
    { _id: 'S2', first: 'm' },
  ]);
});

test('a summed or averaged field holding objects or lists is left to mingo', () => {
  for (const group of [
    { _id: null, t: { $sum: '$rel' } },
    { _id: null, t: { $avg: '$list' } },
    { _id: null, t: counted('$list') },
    { _id: '$s', t: { $sum: '$list' } },
  ]) {
    expect({ group, out: runGroup(groupPlan(group)!, docs) }).toEqual({ group, out: null });
  }
});

test('a value it does not order (a BigInt, which the store keeps) leaves min and max to mingo, beside another type or its own', () => {
  const mixed: Doc[] = [{ _id: 'a', v: 10n as never }, { _id: 'b', v: true }];
  const bigints: Doc[] = [{ _id: 'a', v: 10n as never }, { _id: 'b', v: 5n as never }];
  for (const group of [{ _id: null, m: { $min: '$v' } }, { _id: null, m: { $max: '$v' } }]) {
    expect({ group, mixed: runGroup(groupPlan(group)!, mixed), bigints: runGroup(groupPlan(group)!, bigints) }).toEqual({ group, mixed: null, bigints: null });
  }
});
