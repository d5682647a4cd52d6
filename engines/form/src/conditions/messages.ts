// What validateConditions says, in zh-CN and en-US, by issue code.
import type { Locale } from '../schema';
import type { ConditionIssue } from './types';

type P = { field: string; op: string };
const MESSAGES: Record<Locale, Record<ConditionIssue['code'], (p: P) => string>> = {
  'zh-CN': {
    unknown_field: (p) => `字段“${p.field}”不存在`,
    unknown_operator: (p) => `不支持的条件“${p.op}”`,
    operator_not_allowed: (p) => `“${p.field}”不能使用条件“${p.op}”`,
    missing_value: (p) => `请填写“${p.field} ${p.op}”的值`,
    invalid_value: (p) => `“${p.field} ${p.op}”的值无效`,
  },
  'en-US': {
    unknown_field: (p) => `No field "${p.field}"`,
    unknown_operator: (p) => `No condition "${p.op}"`,
    operator_not_allowed: (p) => `"${p.field}" cannot be tested with "${p.op}"`,
    missing_value: (p) => `"${p.field} ${p.op}" needs a value`,
    invalid_value: (p) => `"${p.field} ${p.op}" has a value that is not valid`,
  },
};

export function conditionMessage(code: ConditionIssue['code'], params: P, locale: Locale): string {
  return MESSAGES[locale][code](params);
}
