// Is empty / is not empty, and yes / no for switches and yes-no formulas.
// Empty is what json-logic's "missing" means (null, absent or ""; 0 and false are values); a
// list is empty also when it has no items, which "missing" does not see, so lists test "!".
import type { Logic } from '../../schema';
import { argsOf, defineOperator, literal, own, subject, subjectPath, varPath, type ConditionTarget } from '../logic';
import type { OperatorDef } from '../types';

const emptyLogic = (path: string, target: ConditionTarget): Logic => (target.many ? { '!': own(path) } : { missing: [path] });

function readEmpty(logic: Logic): { path: string; value: undefined } | null {
  const missing = argsOf(logic, 'missing', 1);
  if (missing) return typeof missing[0] === 'string' ? { path: missing[0], value: undefined } : null;
  const not = argsOf(logic, '!', 1);
  const path = not && varPath(not[0]);
  return path !== null ? { path, value: undefined } : null;
}

export const presenceOperators: OperatorDef[] = [
  defineOperator({ id: 'empty', label: { 'zh-CN': '为空', 'en-US': 'is empty' }, value: 'none', write: (path, _v, target) => emptyLogic(path, target), read: readEmpty }),
  defineOperator({
    id: 'notEmpty', label: { 'zh-CN': '不为空', 'en-US': 'is not empty' }, value: 'none',
    write: (path, _v, target) => (target.many ? { '!!': own(path) } : { '!': emptyLogic(path, target) }),
    read(logic) {
      const not = argsOf(logic, '!', 1);
      if (not) return argsOf(not[0], 'missing', 1) ? readEmpty(not[0]) : null;
      const both = argsOf(logic, '!!', 1);
      const path = both && varPath(both[0]);
      return path !== null ? { path, value: undefined } : null;
    },
  }),
  defineOperator({
    // == true, so a stored true (or 1) is yes and anything else is not.
    id: 'isTrue', label: { 'zh-CN': '为是', 'en-US': 'is yes' }, value: 'none',
    write: (path, _v, target) => ({ '==': [subject(path, target), literal(true)] }),
    read(logic) {
      const a = argsOf(logic, '==', 2);
      const path = a && subjectPath(a[0]);
      return a && path !== null && a[1] === true ? { path, value: undefined } : null;
    },
  }),
  defineOperator({
    // A switch never touched is off: "no" holds for false and for blank.
    id: 'isFalse', label: { 'zh-CN': '为否', 'en-US': 'is no' }, value: 'none',
    write: (path, _v, target) => ({ '!': subject(path, target) }),
    read(logic) {
      const not = argsOf(logic, '!', 1);
      const path = not && subjectPath(not[0]);
      return path !== null ? { path, value: undefined } : null;
    },
  }),
];
