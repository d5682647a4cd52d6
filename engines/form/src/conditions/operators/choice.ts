// Options, members and departments: one value tested against a list ("is any of"), or a list
// of values tested for some or all of the chosen ones ("includes any / all of").
import type { Logic } from '../../schema';
import { argsOf, defineOperator, isLiteral, literal, subject, subjectPath, type ConditionTarget } from '../logic';
import type { ConditionValue, OperatorDef } from '../types';

const list = (value: ConditionValue): unknown[] => (Array.isArray(value) ? value : []);

const oneOf = {
  write: (path: string, value: ConditionValue, target: ConditionTarget): Logic => ({ in: [subject(path, target), list(value)] }),
  read(logic: Logic) {
    const a = argsOf(logic, 'in', 2);
    const path = a && subjectPath(a[0]);
    return a && path !== null && Array.isArray(a[1]) && isLiteral(a[1]) ? { path, value: a[1] } : null;
  },
};

/** {"or" | "and": [{"in": [value, subject]}, …]}: the list holds any / every value. */
function includes(combinator: 'or' | 'and') {
  return {
    write: (path: string, value: ConditionValue, target: ConditionTarget): Logic => ({
      [combinator]: list(value).map((v) => ({ in: [literal(v), subject(path, target)] })),
    }),
    read(logic: Logic) {
      const parts = argsOf(logic, combinator);
      if (!parts?.length) return null;
      const tests = parts.map((p) => argsOf(p, 'in', 2));
      const paths = tests.map((t) => t && subjectPath(t[1]));
      if (tests.some((t) => !t || !isLiteral(t[0]) || Array.isArray(t[0])) || paths.some((p) => p === null || p !== paths[0])) return null;
      return { path: paths[0]!, value: tests.map((t) => t![0]) };
    },
  };
}

export const choiceOperators: OperatorDef[] = [
  defineOperator({ id: 'anyOf', label: { 'zh-CN': '是其中之一', 'en-US': 'is any of' }, value: 'many', ...oneOf }),
  defineOperator({
    id: 'noneOf', label: { 'zh-CN': '不是其中任何一个', 'en-US': 'is none of' }, value: 'many',
    write: (path, value, target) => ({ '!': oneOf.write(path, value, target) }),
    read(logic) {
      const not = argsOf(logic, '!', 1);
      return not && oneOf.read(not[0]);
    },
  }),
  defineOperator({ id: 'includesAny', label: { 'zh-CN': '包含其中任意一个', 'en-US': 'includes any of' }, value: 'many', ...includes('or') }),
  defineOperator({ id: 'includesAll', label: { 'zh-CN': '同时包含', 'en-US': 'includes all of' }, value: 'many', ...includes('and') }),
];
