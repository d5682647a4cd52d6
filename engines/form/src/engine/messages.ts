// Validation messages in zh-CN and en-US, with the field's label in them.
import type { Locale } from '../schema';

type P = Record<string, unknown>;
type Msg = (label: string, p: P) => string;

const zh: Record<string, Msg> = {
  required: (l) => `请填写${l}`,
  type: (l) => `${l}的格式不正确`,
  invalid: (l) => `${l}的内容无效`,
  minimum: (l, p) => `${l}不能小于 ${p.limit}`,
  maximum: (l, p) => `${l}不能大于 ${p.limit}`,
  minLength: (l, p) => `${l}至少需要 ${p.limit} 个字符`,
  maxLength: (l, p) => `${l}不能超过 ${p.limit} 个字符`,
  pattern: (l) => `${l}的格式不正确`,
  enum: (l) => `${l}的选项无效`,
  format: (l, p) => (p.format === 'date' ? `${l}不是有效的日期` : p.format === 'date-time' ? `${l}不是有效的日期时间` : `${l}的格式不正确`),
  minItems: (l, p) => `${l}至少需要 ${p.limit} 项`,
  maxItems: (l, p) => `${l}最多 ${p.limit} 项`,
  uniqueItems: (l) => `${l}有重复的选项`,
  unknown_field: (l) => `未知字段“${l}”`,
  rule: (l) => `${l}不符合规则`,
  formula_error: (l, p) => `${l}的公式出错：${p.error}`,
};

/** `1 character`, `2 characters`. */
const count = (n: unknown, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: Record<string, Msg> = {
  required: (l) => `${l} is required`,
  type: (l) => `${l} has the wrong type`,
  invalid: (l) => `${l} is not valid`,
  minimum: (l, p) => `${l} must be at least ${p.limit}`,
  maximum: (l, p) => `${l} must be at most ${p.limit}`,
  minLength: (l, p) => `${l} needs at least ${count(p.limit, 'character', 'characters')}`,
  maxLength: (l, p) => `${l} must be at most ${count(p.limit, 'character', 'characters')}`,
  pattern: (l) => `${l} is not in the expected format`,
  enum: (l) => `${l} is not one of the options`,
  format: (l, p) => (p.format === 'date' ? `${l} is not a valid date` : p.format === 'date-time' ? `${l} is not a valid date and time` : `${l} is not in the expected format`),
  minItems: (l, p) => `${l} needs at least ${count(p.limit, 'item', 'items')}`,
  maxItems: (l, p) => `${l} allows at most ${count(p.limit, 'item', 'items')}`,
  uniqueItems: (l) => `${l} has duplicate items`,
  unknown_field: (l) => `Unknown field "${l}"`,
  rule: (l) => `${l} does not meet its rule`,
  formula_error: (l, p) => `The formula of ${l} failed: ${p.error}`,
};

export function validationMessage(code: string, label: string, params: P, locale: Locale): string {
  const table = locale === 'en-US' ? en : zh;
  return (table[code] ?? table.type)(label, params);
}

/** Text for a reader of `locale`, from its Chinese and English (zh-CN unless the reader asked for English). */
export const say = (locale: Locale, zh: string, en: string): string => (locale === 'en-US' ? en : zh);

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文本', 'text'],
  number: ['数字', 'a number'],
  integer: ['整数', 'a whole number'],
  boolean: ['是或否', 'true or false'],
  object: ['对象', 'an object'],
  array: ['列表', 'a list'],
  null: ['空', 'empty'],
};

/**
 * A JSON Schema problem (an ajv error: a request's body, a form schema) in the reader's language:
 * `where` names the place (a path, "表单" / "form"). ajv's own messages are English only.
 */
export function schemaProblem(e: { keyword: string; params?: P; message?: string }, where: string, locale: Locale): string {
  const p = e.params ?? {};
  const en = locale === 'en-US';
  switch (e.keyword) {
    case 'required':
      return en ? `${where} must have "${p.missingProperty}"` : `${where}缺少“${p.missingProperty}”`;
    case 'additionalProperties':
      return en ? `${where} has an unknown property "${p.additionalProperty}"` : `${where}含有未知的“${p.additionalProperty}”`;
    case 'type': {
      const names = [p.type].flat().map((t) => TYPE_NAMES[String(t)]?.[en ? 1 : 0] ?? String(t));
      return en ? `${where} must be ${names.join(' or ')}` : `${where}应为${names.join('或')}`;
    }
    case 'enum':
    case 'const':
      return en ? `${where} is not one of the allowed values` : `${where}不是允许的值`;
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'pattern':
    case 'format':
    case 'uniqueItems':
      return validationMessage(e.keyword, where, p, locale);
    default:
      return en ? `${where} ${e.message ?? 'is invalid'}` : `${where}不符合格式`;
  }
}

/** An ajv error, as far as folding it into one problem per mistake needs. */
export interface SchemaErrorLike {
  keyword: string;
  instancePath?: string;
  schemaPath?: string;
  params?: P;
  message?: string;
}

/**
 * One problem per mistake, from ajv's errors. A value that fits none of a union's choices (anyOf,
 * oneOf: a text or a map of translations, a value or null) is one problem, not one per choice:
 * - when every choice wanted another type, one `type` problem naming them all ("应为文本或对象");
 * - when the value had the type of one choice and failed inside it, that choice's problems (an
 *   object missing a property is not also "not empty");
 * - otherwise the union's own problem.
 * And a value of the wrong type is not also told of what else its place asks (one of the options);
 * a value failing the branch of an `if` (a select's "then: options are required") is told by that
 * branch's problems, which ajv lists before the `if`'s own "must match "then" schema".
 */
export function oneProblemEach<E extends SchemaErrorLike>(errors: readonly E[]): E[] {
  let out = [...errors];
  // A problem with no place (an error made by hand, or by an older ajv) is about the whole value.
  const placeOf = (e: E) => e.instancePath ?? '';
  // ajv lists a union's choices before the union: inner unions fold before the ones holding them.
  for (const union of errors) {
    // A union without a schema path (no ajv error lacks one) has no choices to fold: left out here, it
    // would look for them under "undefined/", which no schema path starts with (ajv's start with "#").
    if ((union.keyword !== 'anyOf' && union.keyword !== 'oneOf') || union.schemaPath === undefined) continue;
    const prefix = `${union.schemaPath}/`;
    const here = placeOf(union);
    // A shared definition ($ref) has one schema path wherever it is used: the value's place tells them apart.
    const under = (e: E) => placeOf(e) === here || placeOf(e).startsWith(`${here}/`);
    const inside = (e: E) => e.schemaPath?.startsWith(prefix) === true && under(e);
    const choices = out.filter(inside);
    if (choices.length === 0) continue; // oneOf matching more than one choice: its own problem is the one
    const mistyped = choices.filter((e) => e.keyword === 'type' && placeOf(e) === here);
    const within = choices.filter((e) => !mistyped.includes(e));
    const choiceOf = (e: E) => (e.schemaPath as string).slice(prefix.length).split('/')[0];
    let instead: E[];
    if (within.length === 0) {
      const types = [...new Set(mistyped.flatMap((e) => [e.params?.type].flat()))];
      instead = [{ ...union, keyword: 'type', params: { type: types.length === 1 ? types[0] : types } }];
    } else if (new Set(within.map(choiceOf)).size === 1) {
      instead = within;
    } else {
      instead = [union];
    }
    // Still there: a union holding this one kept it among its choices' problems, or dropped it with
    // all of its choices (and then none were found above); a union listed twice is there as often.
    const at = out.indexOf(union);
    out = [...out.slice(0, at).filter((e) => !inside(e)), ...instead, ...out.slice(at + 1).filter((e) => !inside(e))];
  }
  const mistyped = new Set(out.filter((e) => e.keyword === 'type').map(placeOf));
  return out.filter((e) => e.keyword !== 'if' && (e.keyword === 'type' || !mistyped.has(placeOf(e))));
}
