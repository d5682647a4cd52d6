// NOW() is a datetime and TODAY() a date: a date formula stores NOW() as an instant and TODAY()
// as the day, and a rule compares NOW() with a datetime field exactly, not by whole days (only a
// comparison with a day is by whole days: docs/forms.md, "条件怎么比较").
import { createFormEngine, createFormulaEngine, type FormSchema, type Logic } from '../../src';

const now = new Date('2026-11-24T01:30:00Z'); // 09:30 on the 24th in Shanghai

test('a date formula stores NOW() with its time of day and TODAY() as the day', () => {
  const engine = createFormEngine();
  const schema: FormSchema = {
    id: 'stamp', title: '盖章', version: 1,
    fields: [
      { id: 'at', type: 'formula', label: '盖章时间', resultType: 'date', formula: { text: 'NOW()' } },
      { id: 'on', type: 'formula', label: '盖章日期', resultType: 'date', formula: { text: 'TODAY()' } },
    ],
  };
  const checked = engine.checkSchema(schema);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const r = engine.compile(checked.schema).process({}, { mode: 'create', now, timeZone: 'Asia/Shanghai' });
  expect(r.ok && [r.data.at, r.data.on]).toEqual(['2026-11-24T01:30:00.000Z', '2026-11-24']);
});

test('a rule compares NOW() with a datetime field to the second, even on the same day', () => {
  const formulas = createFormulaEngine();
  const typeOf = (p: string) => (p === 'dt' ? 'datetime' : undefined);
  const rule = (logic: Logic, dt: string) => formulas.compile(logic, { semantics: 'rule', typeOf })({ data: { dt }, now, timeZone: 'Asia/Shanghai' });
  const anHourEarlier = '2026-11-24T00:30:00Z'; // 08:30 on the 24th in Shanghai
  expect(rule({ '>': [{ NOW: [] }, { var: 'dt' }] }, anHourEarlier)).toBe(true);
  expect(rule({ '==': [{ NOW: [] }, { var: 'dt' }] }, anHourEarlier)).toBe(false);
});
