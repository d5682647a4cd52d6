// Math functions and operators against Excel's documented results (rows in excel/math.ts).
import { run, testGroup } from './excel/cases';
import { MATH, OPERATORS } from './excel/math';

testGroup('math', MATH);

test.each(OPERATORS.map(([f, data, want]) => [f, data, want] as const))('Excel operators: %s', (formula, data, expected) => {
  expect(run(formula, data)).toEqual(expected);
});
