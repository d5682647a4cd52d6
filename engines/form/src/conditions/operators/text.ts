// Contains, does not contain, starts with: on text as stored (case matters, as in json-logic).
// On a list of related records, "contains" means any of them does.
import type { Logic } from '../../schema';
import { argsOf, defineOperator, isLiteral, literal, subject, subjectPath, varPath, type ConditionTarget } from '../logic';
import type { ConditionValue, OperatorDef } from '../types';

function containsLogic(path: string, value: ConditionValue, target: ConditionTarget): Logic {
  if (!target.many) return { in: [literal(value), subject(path, target)] };
  // Inside "some", var names a property of the item ("" is the item itself).
  return { some: [{ var: path }, { in: [literal(value), { var: target.property ?? '' }] }] };
}

function readContains(logic: Logic): { path: string; value: unknown } | null {
  const a = argsOf(logic, 'in', 2);
  if (a) {
    const path = subjectPath(a[1]);
    return path !== null && isLiteral(a[0]) && !Array.isArray(a[0]) ? { path, value: a[0] } : null;
  }
  const some = argsOf(logic, 'some', 2);
  const list = some && varPath(some[0]);
  const test = some && argsOf(some[1], 'in', 2);
  const property = test && varPath(test[1]);
  if (list === null || !test || property === null || !isLiteral(test[0]) || Array.isArray(test[0])) return null;
  return { path: property ? `${list}.${property}` : list, value: test[0] };
}

/** Characters as an analyst counts them (LEFT counts a Chinese character, or an emoji, as one). */
const length = (value: ConditionValue) => [...String(value ?? '')].length;

export const textOperators: OperatorDef[] = [
  defineOperator({ id: 'contains', label: { 'zh-CN': '包含', 'en-US': 'contains' }, value: 'one', write: containsLogic, read: readContains }),
  defineOperator({
    id: 'notContains', label: { 'zh-CN': '不包含', 'en-US': 'does not contain' }, value: 'one',
    write: (path, value, target) => ({ '!': containsLogic(path, value, target) }),
    read(logic) {
      const not = argsOf(logic, '!', 1);
      return not && readContains(not[0]);
    },
  }),
  defineOperator({
    // json-logic has no "starts with"; LEFT is the formula function (a blank gives "").
    id: 'startsWith', label: { 'zh-CN': '开头是', 'en-US': 'starts with' }, value: 'one',
    write: (path, value, target) => ({ '==': [{ LEFT: [subject(path, target), length(value)] }, literal(value)] }),
    read(logic) {
      const a = argsOf(logic, '==', 2);
      const left = a && argsOf(a[0], 'LEFT', 2);
      const path = left && subjectPath(left[0]);
      return a && path !== null && isLiteral(a[1]) ? { path, value: a[1] } : null;
    },
  }),
];
