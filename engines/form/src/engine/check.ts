// checkSchema: what a form must satisfy before it is saved. Structure by the FormSchema JSON
// Schema; then what a schema cannot say: unique ids, formulas that parse and name real
// fields, no circular formulas, relations to forms and fields that exist, valid serial patterns.
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { dataFields, textOf, type Field, type FormSchema, type Locale, type Logic } from '../schema';
import { arityErrors, referencedFields, type FormulaEngine, type FormulaScope } from '../formula';
import { parseSerialPattern } from './serial';
import { checkPattern, type PatternProblem } from '../fields/pattern';
import { formulaScope } from './scope';
import { fieldIndexes, MAX_FIELD_INDEXES } from './indexes';
import { oneProblemEach, say, schemaProblem } from './messages';
import metaSchema from '../../form-schema.schema.json';

export interface Issue {
  path: string;
  fieldId: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export interface CheckContext {
  /** Other forms of the same app, for relations, lookups and cross-form checks. */
  forms?: (formId: string) => FormSchema | undefined;
  locale?: Locale;
}

export type SchemaCheck = { ok: true; schema: FormSchema } | { ok: false; issues: Issue[] };

interface Placed {
  field: Field;
  path: string;
  /** The subform a field sits in, if any. */
  subform?: Field & { type: 'subform' };
}

function walk(fields: Field[], base: string, out: Placed[], subform?: Field & { type: 'subform' }): void {
  fields.forEach((f, i) => {
    const path = `${base}[${i}]`;
    out.push({ field: f, path, subform });
    if (f.type === 'section') walk(f.fields, `${path}.fields`, out, subform);
    else if (f.type === 'tabs') f.tabs.forEach((t, k) => walk(t.fields, `${path}.tabs[${k}].fields`, out, subform));
    else if (f.type === 'columns') f.columns.forEach((c, k) => walk(c.fields, `${path}.columns[${k}].fields`, out, subform));
    else if (f.type === 'subform') walk(f.fields, `${path}.fields`, out, f);
  });
}

/** The most fields a form holds, counting those inside sections, tabs, columns and subforms (and those containers). */
export const MAX_FIELDS = 2000;

/** Fields of a form not checked yet (anything may be there), at every depth, counted up to just past the limit. */
function countFields(list: unknown, limit: number, seen = 0): number {
  if (!Array.isArray(list)) return seen;
  for (const f of list) {
    if (++seen > limit) return seen;
    // A value that is no object (a number, a text) has none of these keys; null and undefined have nothing to read.
    const { fields, tabs, columns } = (f ?? {}) as { fields?: unknown; tabs?: unknown; columns?: unknown };
    seen = countFields(fields, limit, seen);
    // A tab or column that is no object has no fields; one past the limit adds at most one to a count already over it.
    for (const inner of [tabs, columns]) {
      if (Array.isArray(inner)) for (const t of inner) seen = countFields((t as { fields?: unknown } | null | undefined)?.fields, limit, seen);
    }
    // Stryker disable next-line ConditionalExpression: speed only: past the limit, the next field's count returns at once with one more
    if (seen > limit) return seen;
  }
  return seen;
}

const PATTERN_PROBLEMS: Record<PatternProblem['reason'], { code: string; zh: (name: string, detail: string) => string; en: (name: string, detail: string) => string }> = {
  invalid: {
    code: 'invalid_pattern',
    zh: (name, detail) => `“${name}”的格式（正则表达式）有误：${detail}`,
    en: (name, detail) => `The pattern of "${name}" is not a valid regular expression: ${detail}`,
  },
  unsafe: {
    code: 'unsafe_pattern',
    zh: (name, detail) => `“${name}”的格式用了前瞻、后顾或反向引用（${detail}），检查这样的格式可能耗时极长、拖慢服务器，请去掉它们改写`,
    en: (name, detail) => `The pattern of "${name}" uses a look-ahead, look-behind or back-reference (${detail}), which can take unbounded time to check and stall the server; rewrite it without`,
  },
  unsupported: {
    code: 'unsupported_pattern',
    zh: (name, detail) => `“${name}”的格式用了不支持的写法：${detail}`,
    en: (name, detail) => `The pattern of "${name}" uses something Tessera does not support: ${detail}`,
  },
};

export function createSchemaChecker(ajv: Ajv, formulas: FormulaEngine) {
  let validateMeta: ValidateFunction | null = null;

  return function checkSchema(input: unknown, ctx: CheckContext = {}): SchemaCheck {
    const locale = ctx.locale ?? 'zh-CN';
    // Counted before anything else looks at the form, so an oversized one costs no more than this.
    const count = countFields((input as { fields?: unknown } | null)?.fields, MAX_FIELDS);
    if (count > MAX_FIELDS) {
      const message = say(locale, `表单最多 ${MAX_FIELDS} 个字段（分组、标签页、分栏和子表单里的字段也算在内）`, `A form holds at most ${MAX_FIELDS} fields, counting those inside sections, tabs, columns and subforms`);
      return { ok: false, issues: [{ path: 'fields', fieldId: '', code: 'too_many_fields', message, params: { limit: MAX_FIELDS } }] };
    }
    validateMeta ??= ajv.compile(metaSchema);
    if (!validateMeta(input)) {
      const issues = oneProblemEach(validateMeta.errors ?? []).slice(0, 20).map((e) => {
        // Stryker disable next-line Regex: ajv's instancePath is empty or starts with "/", so the first "/" is the leading one
        const pointer = e.instancePath.replace(/^\//, '');
        const path = pointer.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
        const fieldMatch = /fields\[\d+\](?!.*fields\[)/.exec(path);
        let fieldId = '';
        if (fieldMatch) {
          let node: unknown = input;
          // Stryker disable next-line OptionalChaining: ajv names only places the input has, and looks into no free-form value (logic, match, default value) where a key could hold "." or "[", so every step up to the field is there
          for (const part of path.slice(0, fieldMatch.index + fieldMatch[0].length).split(/\.|\[|\]/).filter(Boolean)) node = (node as Record<string, unknown>)?.[part];
          fieldId = typeof (node as { id?: unknown })?.id === 'string' ? (node as { id: string }).id : '';
        }
        const unknownType = path.endsWith('.type') &&
          // Stryker disable next-line ConditionalExpression: a field's type is the one place a path ends in .type, and its list (enum) the one rule there
          e.keyword === 'enum';
        // A relation whose form is not chosen yet: say so in the analyst's words.
        const noForm = e.keyword === 'minLength' && path.endsWith('.formId');
        return {
          path,
          fieldId,
          code: unknownType ? 'unknown_type' : noForm ? 'missing_form' : `schema_${e.keyword}`,
          message: unknownType
            ? say(locale, `字段 ${fieldId} 的类型不存在`, `Field ${fieldId} has an unknown type`)
            : noForm
              ? say(locale, `关联数据 ${fieldId} 还没有选择关联表单`, `Relation ${fieldId} has no related form yet`)
              : schemaProblem(e, path || say(locale, '表单', 'The form'), locale),
          params: { ...e.params },
        };
      });
      return { ok: false, issues };
    }

    const schema = structuredClone(input) as FormSchema;
    const issues: Issue[] = [];
    const add = (p: Placed | { path: string; field?: Field }, code: string, zh: string, en: string, params: Record<string, unknown> = {}) =>
      issues.push({ path: p.path, fieldId: p.field?.id ?? '', code, message: say(locale, zh, en), params: { ...params, ...(p.field ? { fieldId: p.field.id } : {}) } });

    const placed: Placed[] = [];
    walk(schema.fields, 'fields', placed);
    const seen = new Map<string, Placed>();
    for (const p of placed) {
      const name = textOf(p.field.label, locale) || p.field.id;
      if (seen.has(p.field.id)) add(p, 'duplicate_id', `字段 ID “${p.field.id}” 重复（${name}）`, `Duplicate field id "${p.field.id}" (${name})`);
      else seen.set(p.field.id, p);
      const f = p.field;
      if (f.type === 'subform' && p.subform) add(p, 'nested_subform', `子表单“${name}”不能放在另一个子表单里`, `Subform "${name}" cannot sit inside another subform`);
      if (f.type === 'serial') {
        const parsed = parseSerialPattern(f.pattern);
        if (!parsed.ok) add({ path: `${p.path}.pattern`, field: f }, 'invalid_serial_pattern', `流水号规则无效：${parsed.message['zh-CN']}`, `Invalid serial number pattern: ${parsed.message['en-US']}`);
      }
      const pattern = f.validation?.pattern;
      if (pattern) {
        const checked = checkPattern(pattern);
        if (!checked.ok) {
          const problem = PATTERN_PROBLEMS[checked.reason];
          add({ path: `${p.path}.validation.pattern`, field: f }, problem.code, problem.zh(name, checked.detail), problem.en(name, checked.detail), { pattern, detail: checked.detail });
        }
      }
      if (f.type === 'select' || f.type === 'multiselect') {
        const values = f.options.map((o) => o.value);
        const dup = values.find((v, i) => values.indexOf(v) !== i);
        if (dup !== undefined) add({ path: `${p.path}.options`, field: f }, 'duplicate_option', `“${name}”的选项值“${dup}”重复`, `"${name}" has the option value "${dup}" twice`);
      }
    }

    // Past the store's index limit, each field whose index would not fit is named.
    const indexes = fieldIndexes(schema);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: within the limit, the indexes past it are none
    if (indexes.length > MAX_FIELD_INDEXES) {
      const paths = new Map(placed.map((p) => [p.field, p.path]));
      for (const { field } of indexes.slice(MAX_FIELD_INDEXES)) {
        const name = textOf(field.label, locale) || field.id;
        add(
          // Stryker disable next-line StringLiteral: every indexed field is a placed one (both come from the same schema.fields), so the fallback is never taken
          { path: paths.get(field) ?? 'fields', field },
          'too_many_indexes',
          `“${name}”需要索引（可搜索、唯一、流水号或关联数据），但一个表单最多 ${MAX_FIELD_INDEXES} 个索引，这个表单要 ${indexes.length} 个：请关掉一些字段的“可搜索”或“唯一”`,
          `"${name}" needs an index (searchable, unique, serial number or relation), but a form has at most ${MAX_FIELD_INDEXES} and this one asks for ${indexes.length}: turn "searchable" or "unique" off on some fields`,
          { limit: MAX_FIELD_INDEXES, count: indexes.length },
        );
      }
    }

    // Formulas: parse text-only formulas, check every reference, then look for cycles.
    const scopeFor = (p: Placed): FormulaScope => formulaScope(schema, p.subform?.id);
    const known = (path: string, p: Placed): boolean => {
      const parts = path.split('.');
      if (parts[0].startsWith('$') && parts[0] !== '$row') return true;
      if (parts[0] === '$row') return !!p.subform?.fields.some((c) => c.id === parts[1]);
      const top = dataFields(schema.fields).find((f) => f.id === parts[0]);
      if (!top) return false;
      if (parts.length === 1) return true;
      return top.type === 'subform' && dataFields(top.fields).some((c) => c.id === parts[1]);
    };
    const checkLogic = (p: Placed, where: string, holder: { logic?: Logic; text?: string }) => {
      if (holder.logic === undefined && holder.text !== undefined) {
        const parsed = formulas.parse(holder.text, scopeFor(p), locale);
        if (!parsed.ok) {
          add({ path: `${p.path}.${where}`, field: p.field }, `formula_${parsed.error.code.toLowerCase()}`, parsed.error.message, parsed.error.message, { position: parsed.error.position, length: parsed.error.length });
          return;
        }
        holder.logic = parsed.logic;
      }
      for (const e of arityErrors(holder.logic, formulas.functions, locale)) {
        add({ path: `${p.path}.${where}`, field: p.field }, 'formula_arity', e.message, e.message, e.params);
      }
      for (const ref of referencedFields(holder.logic)) {
        if (!known(ref, p)) add({ path: `${p.path}.${where}`, field: p.field }, 'unknown_reference', `公式引用了不存在的字段“${ref}”`, `The formula refers to a missing field "${ref}"`, { ref });
      }
    };
    for (const p of placed) {
      const f = p.field;
      if (f.type === 'formula') checkLogic(p, 'formula', f.formula);
      if (f.default && 'formula' in f.default) checkLogic(p, 'default.formula', f.default.formula);
      // Stryker disable next-line ConditionalExpression: speed only: checking no condition finds nothing (no arity, no reference)
      if (f.visibleIf !== undefined) checkLogic(p, 'visibleIf', { logic: f.visibleIf });
      // Stryker disable next-line ConditionalExpression: as above
      if (f.requiredIf !== undefined) checkLogic(p, 'requiredIf', { logic: f.requiredIf });
      f.rules?.forEach((r, i) => checkLogic(p, `rules[${i}].logic`, r));
    }
    // The form itself: its rules and checks are at no field, and each says its own path.
    // Stryker disable next-line StringLiteral: every use spreads it with a path of its own or reads only its subform (none)
    const root: Placed = { field: undefined as unknown as Field, path: '' };
    schema.rules?.forEach((r, i) => checkLogic({ ...root, path: `rules[${i}]` }, 'logic', r));

    // Cycles among formula fields (row formulas are nodes `subform.child`).
    const nodes = new Map<string, string[]>();
    for (const p of placed) {
      // A formula whose text did not parse has no logic, so it needs nothing (referencedFields(undefined) is []).
      if (p.field.type !== 'formula') continue;
      const id = p.subform ? `${p.subform.id}.${p.field.id}` : p.field.id;
      nodes.set(id, referencedFields(p.field.formula.logic).map((r) => (r.startsWith('$row.') ? `${p.subform!.id}.${r.slice(5)}` : r)));
    }
    const state = new Map<string, 1 | 2>();
    // Stryker disable next-line ArrayDeclaration: a text planted in the stack names no formula, so no cycle is cut at it
    const stack: string[] = [];
    const visit = (n: string): string[] | null => {
      if (state.get(n) === 2) return null;
      if (state.get(n) === 1) return stack.slice(stack.indexOf(n)).concat(n);
      state.set(n, 1);
      stack.push(n);
      // Only formulas are visited (the keys, and what they need that is a formula).
      for (const dep of nodes.get(n)!) {
        if (!nodes.has(dep)) continue;
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
      stack.pop();
      state.set(n, 2);
      return null;
    };
    for (const n of nodes.keys()) {
      const cycle = visit(n);
      if (cycle) {
        const p = placed.find((x) => (x.subform ? `${x.subform.id}.${x.field.id}` : x.field.id) === cycle[0])!;
        add({ path: `${p.path}.formula`, field: p.field }, 'circular_formula', `公式循环引用：${cycle.join(' → ')}`, `Circular formulas: ${cycle.join(' → ')}`, { cycle });
        break;
      }
    }

    // Relations, lookups and cross-form checks.
    const byId = new Map(dataFields(schema.fields).map((f) => [f.id, f]));
    const otherForm = (id: string) => (id === schema.id ? schema : ctx.forms?.(id));
    for (const p of placed) {
      const f = p.field;
      if (f.type === 'relation' && ctx.forms) {
        const target = otherForm(f.formId);
        if (!target) add({ path: `${p.path}.formId`, field: f }, 'unknown_form', `关联的表单“${f.formId}”不存在`, `The related form "${f.formId}" does not exist`);
        else if (!f.displayField) add({ path: `${p.path}.displayField`, field: f }, 'missing_display_field', `关联数据“${textOf(f.label, locale) || f.id}”还没有选择显示字段`, `Relation "${textOf(f.label, locale) || f.id}" has no display field yet`);
        else {
          const targetFields = new Set(dataFields(target.fields).map((x) => x.id));
          for (const [key, id] of [['displayField', f.displayField], ['scanField', f.scanField]] as const) {
            if (id && !targetFields.has(id)) add({ path: `${p.path}.${key}`, field: f }, 'unknown_target_field', `关联表单中没有字段“${id}”`, `The related form has no field "${id}"`);
          }
          f.autofill?.forEach((m, i) => {
            if (!targetFields.has(m.from)) add({ path: `${p.path}.autofill[${i}].from`, field: f }, 'unknown_target_field', `关联表单中没有字段“${m.from}”`, `The related form has no field "${m.from}"`);
            if (!byId.has(m.to)) add({ path: `${p.path}.autofill[${i}].to`, field: f }, 'unknown_reference', `本表单中没有字段“${m.to}”`, `This form has no field "${m.to}"`);
          });
        }
      }
      if (f.type === 'lookup') {
        const rel = byId.get(f.relationField);
        if (!f.relationField) add({ path: `${p.path}.relationField`, field: f }, 'missing_relation', `关联查询“${textOf(f.label, locale) || f.id}”还没有选择关联字段`, `Lookup "${textOf(f.label, locale) || f.id}" has no relation field yet`);
        else if (!rel || rel.type !== 'relation') add({ path: `${p.path}.relationField`, field: f }, 'not_a_relation', `“${f.relationField}”不是关联字段`, `"${f.relationField}" is not a relation field`);
        else if (!f.targetField) add({ path: `${p.path}.targetField`, field: f }, 'missing_target_field', `关联查询“${textOf(f.label, locale) || f.id}”还没有选择要查询的字段`, `Lookup "${textOf(f.label, locale) || f.id}" has no field to show yet`);
        else if (ctx.forms) {
          const target = otherForm(rel.formId);
          if (target && !dataFields(target.fields).some((x) => x.id === f.targetField)) add({ path: `${p.path}.targetField`, field: f }, 'unknown_target_field', `关联表单中没有字段“${f.targetField}”`, `The related form has no field "${f.targetField}"`);
        }
      }
    }
    schema.crossChecks?.forEach((c, i) => {
      const at = { path: `crossChecks[${i}]` };
      if (ctx.forms) {
        const target = otherForm(c.source.formId);
        if (!target) add({ path: `${at.path}.source.formId` }, 'unknown_form', `校验引用的表单“${c.source.formId}”不存在`, `The checked form "${c.source.formId}" does not exist`);
        else {
          const tf = new Set(dataFields(target.fields).map((x) => x.id));
          for (const k of [...Object.keys(c.source.match), ...(c.source.field ? [c.source.field] : [])]) {
            if (!tf.has(k) && !k.startsWith('_')) add({ path: `${at.path}.source` }, 'unknown_target_field', `表单“${c.source.formId}”中没有字段“${k}”`, `Form "${c.source.formId}" has no field "${k}"`);
          }
        }
      }
      for (const ref of [...referencedFields(c.rule), ...Object.values(c.source.match).flatMap((m) => referencedFields(m))]) {
        if (!known(ref, root)) add({ path: `${at.path}.rule` }, 'unknown_reference', `校验引用了不存在的字段“${ref}”`, `The check refers to a missing field "${ref}"`, { ref });
      }
    });

    return issues.length ? { ok: false, issues } : { ok: true, schema };
  };
}
