// Dates: before, after, within the last / next N days. In rules a date field compares with a
// picked date by whole days, also for a datetime (the engine's rule mode); TODAY is the
// formula function, so "the last 7 days" follows the tenant's time zone.
import type { Logic } from '../../schema';
import { argsOf, comparison, defineOperator, isLiteral, literal, subject, subjectPath } from '../logic';
import type { ConditionValue, OperatorDef } from '../types';

const today: Logic = { TODAY: [] };

/** Today ± N days: {"-": [{"TODAY": []}, N]}. */
const shifted = (op: '+' | '-', days: ConditionValue): Logic => ({ [op]: [today, literal(days)] });
const daysIn = (logic: Logic, op: '+' | '-') => {
  const a = argsOf(logic, op, 2);
  return a && argsOf(a[0], 'TODAY', 0) && isLiteral(a[1]) ? { days: a[1] } : null;
};
const isToday = (logic: Logic) => argsOf(logic, 'TODAY', 0) !== null;

export const dateOperators: OperatorDef[] = [
  defineOperator({ id: 'before', label: { 'zh-CN': '早于', 'en-US': 'is before' }, value: 'one', ...comparison('<') }),
  defineOperator({ id: 'after', label: { 'zh-CN': '晚于', 'en-US': 'is after' }, value: 'one', ...comparison('>') }),
  defineOperator({
    // From today − N to today, both included (Salesforce's LAST_N_DAYS); a blank date never is.
    id: 'withinLastDays', label: { 'zh-CN': '最近 N 天内', 'en-US': 'within the last N days' }, value: 'days',
    write: (path, value, target) => ({ '<=': [shifted('-', value), subject(path, target), today] }),
    read(logic) {
      const a = argsOf(logic, '<=', 3);
      const from = a && daysIn(a[0], '-');
      const path = a && subjectPath(a[1]);
      return a && from && path !== null && isToday(a[2]) ? { path, value: from.days } : null;
    },
  }),
  defineOperator({
    id: 'withinNextDays', label: { 'zh-CN': '未来 N 天内', 'en-US': 'within the next N days' }, value: 'days',
    write: (path, value, target) => ({ '<=': [today, subject(path, target), shifted('+', value)] }),
    read(logic) {
      const a = argsOf(logic, '<=', 3);
      const to = a && daysIn(a[2], '+');
      const path = a && subjectPath(a[1]);
      return a && to && path !== null && isToday(a[0]) ? { path, value: to.days } : null;
    },
  }),
];
