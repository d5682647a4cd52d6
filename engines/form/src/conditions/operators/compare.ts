// Equal to, greater or less than, between: numbers compare as numbers, dates by day, texts and
// options as stored. On a list (several related records), "equals" means any of them does.
import type { Logic } from '../../schema';
import { argsOf, comparison, defineOperator, isLiteral, literal, subject, subjectPath, type ConditionTarget } from '../logic';
import type { ConditionValue, OperatorDef } from '../types';

/** {"in": [value, subject]}: the value is one of a list's items. */
const member = {
  write: (path: string, value: ConditionValue, target: ConditionTarget): Logic => ({ in: [literal(value), subject(path, target)] }),
  read(logic: Logic) {
    const a = argsOf(logic, 'in', 2);
    const path = a && subjectPath(a[1]);
    return a && path !== null && isLiteral(a[0]) && !Array.isArray(a[0]) ? { path, value: a[0] } : null;
  },
};

const equal = comparison('==');
const unequal = comparison('!=');

export const compareOperators: OperatorDef[] = [
  defineOperator({
    id: 'eq', label: { 'zh-CN': '等于', 'en-US': 'equals' }, value: 'one',
    write: (path, value, target) => (target.many ? member.write(path, value, target) : equal.write(path, value, target)),
    read: (logic) => equal.read(logic) ?? member.read(logic),
  }),
  defineOperator({
    id: 'ne', label: { 'zh-CN': '不等于', 'en-US': 'does not equal' }, value: 'one',
    write: (path, value, target) => (target.many ? { '!': member.write(path, value, target) } : unequal.write(path, value, target)),
    read(logic) {
      const not = argsOf(logic, '!', 1);
      return unequal.read(logic) ?? (not && member.read(not[0]));
    },
  }),
  ...([
    ['gt', '>', '大于', 'is greater than'],
    ['gte', '>=', '大于等于', 'is at least'],
    ['lt', '<', '小于', 'is less than'],
    ['lte', '<=', '小于等于', 'is at most'],
  ] as const).map(([id, op, zh, en]) => defineOperator({ id, label: { 'zh-CN': zh, 'en-US': en }, value: 'one', ...comparison(op) })),
  defineOperator({
    // Both ends included: json-logic's 3-argument "<=".
    id: 'between', label: { 'zh-CN': '介于', 'en-US': 'is between' }, value: 'range',
    write(path, value, target) {
      const [from, to] = Array.isArray(value) ? value : [];
      return { '<=': [literal(from), subject(path, target), literal(to)] };
    },
    read(logic) {
      const a = argsOf(logic, '<=', 3);
      const path = a && subjectPath(a[1]);
      return a && path !== null && isLiteral(a[0]) && isLiteral(a[2]) ? { path, value: [a[0], a[2]] } : null;
    },
  }),
];
