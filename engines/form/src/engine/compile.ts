// compile(schema) → CompiledForm: the JSON Schema and ajv validator of a record, formulas as
// closures in dependency order, visibility and rules. Everything is prepared once per schema
// version so that `process` — what both the browser and the server run on every save — does
// no per-record setup.
import type Ajv from 'ajv';
import { dataFields, textOf, type Field, type FormSchema, type Locale, type Logic } from '../schema';
import { DateValue, referencedFields, type Compiled, type EvalContext, type FormulaEngine } from '../formula';
import { clean15, roundHalfAwayFromZero } from '../numbers';
import { isEmptyValue, type FieldRegistry, type JsonSchema } from '../fields';
import { UTC_INSTANT_PATTERN } from '../fields/complex';
import { validationMessage } from './messages';
import { createIntake, storerFor, storeValue, truthy } from './intake';
import type { Issue } from './check';

export interface RunContext {
  now?: Date;
  timeZone?: string;
  locale?: Locale;
}

export interface ProcessContext extends RunContext {
  mode: 'create' | 'update';
}

export type ValidationResult = { ok: true } | { ok: false; issues: Issue[] };
export type ProcessResult = { ok: true; data: Record<string, unknown> } | { ok: false; issues: Issue[] };

export interface CrossCheckQuery {
  checkId: string;
  formId: string;
  match: Record<string, unknown>;
  aggregate: 'sum' | 'count' | 'min' | 'max' | 'first';
  field?: string;
}

interface Node {
  field: Field;
  def: ReturnType<FieldRegistry['get']>;
  /** Set for a subform child. */
  sub?: Field & { type: 'subform' };
  visible?: Compiled;
  requiredIf?: Compiled;
  rules: Array<{ check: Compiled; message: Field['label'] }>;
  formula?: Compiled;
  defaultFormula?: Compiled;
}

export interface CompiledForm {
  readonly schema: FormSchema;
  readonly jsonSchema: JsonSchema;
  /** Data fields by id (subform children by `subformId.childId`). */
  readonly fields: ReadonlyMap<string, Field>;
  initialValues(ctx?: RunContext): Record<string, unknown>;
  compute(data: Record<string, unknown>, ctx?: RunContext): Record<string, unknown>;
  visibility(data: Record<string, unknown>, ctx?: RunContext): Record<string, boolean>;
  validate(data: Record<string, unknown>, ctx?: RunContext): ValidationResult;
  process(input: Record<string, unknown>, ctx: ProcessContext): ProcessResult;
  totals(data: Record<string, unknown>): Record<string, Record<string, number>>;
  planCrossChecks(data: Record<string, unknown>, ctx?: RunContext): CrossCheckQuery[];
  evaluateCrossChecks(data: Record<string, unknown>, results: Record<string, unknown>, ctx?: RunContext): Issue[];
  autofill(relationFieldId: string, related: Record<string, unknown> | null): Record<string, unknown>;
  lookupValues(related: Record<string, Record<string, unknown> | null>): Record<string, unknown>;
}

/** Runs `fn` for each row of a subform value with the row as the formulas' `$row`. */
function eachRow(rows: unknown, ctx: EvalContext, fn: (row: Record<string, unknown>, i: number) => void): void {
  if (!Array.isArray(rows)) return;
  rows.forEach((row: Record<string, unknown>, i) => {
    if (!row || typeof row !== 'object') return;
    ctx.row = row;
    fn(row, i);
  });
  ctx.row = undefined;
}

export function compileForm(schema: FormSchema, ajv: Ajv, formulas: FormulaEngine, registry: FieldRegistry): CompiledForm {
  const top = dataFields(schema.fields);
  const fieldsById = new Map<string, Field>();
  const typeOf = (path: string): string | undefined => {
    const p = path.startsWith('$row.') ? path.slice(5) : path;
    const f = fieldsById.get(p) ?? [...fieldsById.entries()].find(([k]) => k.endsWith(`.${p}`))?.[1];
    // A formula that gives a date is read as a date, like a date field.
    return f?.type === 'formula' && f.resultType === 'date' ? 'date' : f?.type;
  };
  // Formulas and formula defaults compute as Excel does; everything that decides (show when,
  // required when, checks, cross-form checks) is a rule and compares as json-logic-js does.
  const compileFormula = (l: Logic) => formulas.compile(l, { typeOf });
  const compileRule = (l: Logic) => formulas.compile(l, { typeOf, semantics: 'rule' });

  // Visibility of layout containers applies to what they hold.
  const containerVisible = new Map<string, Logic[]>();
  const collect = (list: Field[], inherited: Logic[]) => {
    for (const f of list) {
      const own = f.visibleIf !== undefined ? [...inherited, f.visibleIf] : inherited;
      if (f.type === 'section') collect(f.fields, own);
      else if (f.type === 'tabs') f.tabs.forEach((t) => collect(t.fields, own));
      else if (f.type === 'columns') f.columns.forEach((c) => collect(c.fields, own));
      else containerVisible.set(f.id, own);
    }
  };
  // Stryker disable next-line ArrayDeclaration: a text planted among the conditions is true, and "and" with true is the rest
  collect(schema.fields, []);

  const nodes: Node[] = [];
  const makeNode = (field: Field, sub?: Field & { type: 'subform' }): Node => {
    // collect above went through every top-level data field.
    const conds = sub ? (field.visibleIf !== undefined ? [field.visibleIf] : []) : containerVisible.get(field.id)!;
    return {
      field,
      def: registry.get(field.type),
      sub,
      // `and` of one condition gives that condition's own value: one or many, they are joined the same way.
      visible: conds.length ? compileRule({ and: conds }) : undefined,
      requiredIf: field.requiredIf !== undefined ? compileRule(field.requiredIf) : undefined,
      rules: (field.rules ?? []).map((r) => ({ check: compileRule(r.logic), message: r.message })),
      formula: field.type === 'formula' ? compileFormula(field.formula.logic) : undefined,
      defaultFormula: field.default && 'formula' in field.default ? compileFormula(field.default.formula.logic) : undefined,
    };
  };
  for (const f of top) {
    fieldsById.set(f.id, f);
    if (f.type === 'subform') for (const c of dataFields(f.fields)) fieldsById.set(`${f.id}.${c.id}`, c);
  }
  for (const f of top) {
    nodes.push(makeNode(f));
    if (f.type === 'subform') for (const c of dataFields(f.fields)) nodes.push(makeNode(c, f));
  }
  const nodeKey = (n: Node) => (n.sub ? `${n.sub.id}.${n.field.id}` : n.field.id);
  const byKey = new Map(nodes.map((n) => [nodeKey(n), n]));

  // Formula order: dependencies first. Each formula is placed once, when first reached: that ends
  // a cycle too (a form mid-edit; its check refuses it), and a chain as long as a form holds
  // (MAX_FIELDS) is followed to its end, however its links are listed.
  const formulaNodes = nodes.filter((n) => n.formula);
  const order: Node[] = [];
  const done = new Set<string>();
  const place = (n: Node) => {
    const k = nodeKey(n);
    if (done.has(k)) return;
    done.add(k);
    const refs = referencedFields((n.field as Field & { type: 'formula' }).formula.logic);
    for (const r of refs) {
      const dep = byKey.get(r.startsWith('$row.') ? `${n.sub!.id}.${r.slice(5)}` : r);
      if (dep?.formula) place(dep);
    }
    order.push(n);
  };
  formulaNodes.forEach((n) => place(n));

  // JSON Schema of a record.
  const valueSchema = (f: Field): JsonSchema | null => {
    const def = registry.get(f.type);
    return def ? (def.valueSchema as (f: Field, c: (x: Field) => JsonSchema | null) => JsonSchema)(f, valueSchema) : null;
  };
  const properties: Record<string, JsonSchema> = {};
  for (const f of top) {
    const s = valueSchema(f);
    if (s) properties[f.id] = s;
  }
  const jsonSchema: JsonSchema = { type: 'object', properties, patternProperties: { '^_': {} }, additionalProperties: false };
  // The record validator is compiled when first used: ajv's code generation is most of what
  // compiling a big form costs, and the designer's live preview recompiles on every edit but
  // validates only when the analyst submits the preview.
  let validator: ReturnType<Ajv['compile']> | undefined;
  const validateJson = (data: unknown) => (validator ??= ajv.compile(jsonSchema))(data);

  const ctxOf = (data: Record<string, unknown>, rc: RunContext = {}, row?: Record<string, unknown>): EvalContext => ({
    data,
    row,
    now: rc.now ?? new Date(),
    timeZone: rc.timeZone ?? 'Asia/Shanghai',
  });

  // ---- Plans made once per schema version, so the per-record work is plain loops. ----------

  const { topSlots, take } = createIntake(nodes);
  const subSlots = [...topSlots.values()].filter((s) => s.field.type === 'subform');

  const formulaSteps = order.map((n) => ({ id: n.field.id, subId: n.sub?.id, formula: n.formula!, store: storerFor(n.field) }));

  const defaultNodes = nodes.filter((n) => !n.sub && n.field.default);
  /** Processing adds no top-level key: `take` may copy the input whole. */
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,MethodExpression,ArrowFunction: this only picks take's faster copy (see take): a wrong "adds none" adds keys to a spread copy, a wrong "adds some" copies key by key, the same record either way
  const addsNoKeys = defaultNodes.length === 0 && formulaSteps.every((s) => s.subId !== undefined);

  // Stryker disable next-line EqualityOperator: speed only: "rules.length >= 0" checks every field, and one with no check finds nothing
  const checked = (n: Node) => !n.def?.computed && (!!n.field.required || !!n.requiredIf || n.rules.length > 0);
  const checkTop = nodes.filter((n) => !n.sub && checked(n));
  const checkRows = subSlots
    .map((s) => ({ id: s.field.id, nodes: nodes.filter((n) => n.sub?.id === s.field.id && checked(n)) }))
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a subform with no checked cell finds nothing
    .filter((g) => g.nodes.length > 0);
  const hideable = nodes.some((n) => n.field.hidden || n.visible);

  /** Formulas in dependency order, written into `data` (which the caller owns). */
  function runFormulas(data: Record<string, unknown>, rc: RunContext): void {
    const tz = rc.timeZone ?? 'Asia/Shanghai';
    const ctx: EvalContext = { data, row: undefined, now: rc.now ?? new Date(), timeZone: tz };
    for (const step of formulaSteps) {
      if (step.subId === undefined) {
        data[step.id] = step.store(step.formula(ctx), tz);
        continue;
      }
      eachRow(data[step.subId], ctx, (row) => {
        row[step.id] = step.store(step.formula(ctx), tz);
      });
    }
  }

  function compute(input: Record<string, unknown>, rc: RunContext = {}): Record<string, unknown> {
    const data = take(input, false);
    runFormulas(data, rc);
    return data;
  }

  function visibility(data: Record<string, unknown>, rc: RunContext = {}): Record<string, boolean> {
    const out: Record<string, boolean> = {};
    const ctx = ctxOf(data, rc);
    for (const n of nodes) {
      if (n.sub) {
        const parentVisible = out[n.sub.id] !== false;
        // Row cells are listed only when they can be hidden: lists stay small for big subforms.
        if (parentVisible && !n.field.hidden && !n.visible) continue;
        eachRow(data[n.sub.id], ctx, (_row, i) => {
          out[`${n.sub!.id}.${i}.${n.field.id}`] = parentVisible && !n.field.hidden && (!n.visible || truthy(n.visible(ctx)));
        });
      } else {
        out[n.field.id] = !n.field.hidden && (!n.visible || truthy(n.visible(ctx)));
      }
    }
    return out;
  }

  const recordRules = (schema.rules ?? []).map((r) => ({ check: compileRule(r.logic), message: r.message }));
  const label = (f: Field, locale: Locale) => textOf(f.label, locale) || f.id;

  function validate(data: Record<string, unknown>, rc: RunContext = {}): ValidationResult {
    const locale = rc.locale ?? 'zh-CN';
    const issues: Issue[] = [];
    // Only forms with hidden or conditional fields pay for working out what is visible.
    const visible = hideable ? visibility(data, rc) : undefined;
    // A row cell of a hidden subform is listed hidden itself (see visibility).
    const isVisible = (path: string) => !visible || visible[path] !== false;
    const has = (path: string) => issues.some((i) => i.path === path);
    if (!validateJson(data)) {
      for (const e of validator!.errors ?? []) {
        const parts = e.instancePath.split('/').filter(Boolean);
        const top = parts.length ? fieldsById.get(parts[0]) : undefined;
        const inRow = top?.type === 'subform' && parts.length >= 3;
        if (e.keyword === 'additionalProperties' && (parts.length === 0 || (top?.type === 'subform' && parts.length === 2))) {
          // A key that is no field of the record (or of a subform row).
          const extra = String((e.params as { additionalProperty: string }).additionalProperty);
          const path = [...parts, extra].join('.');
          issues.push({ path, fieldId: extra, code: 'unknown_field', message: validationMessage('unknown_field', extra, {}, locale) });
          continue;
        }
        // A value that may be null fails its schema and "null" (a type with if/then: anyOf of it and
        // null): the second says nothing, and the anyOf comes after the first's problem at the same
        // place (has() below drops it) or is skipped with it.
        // Stryker disable next-line ConditionalExpression: only a type error has a type param
        if (e.keyword === 'type' && (e.params as { type?: string }).type === 'null') continue;
        // Every error is reported against a field (or a subform cell), never dropped.
        const depth = inRow ? 3 : 1;
        const path = parts.slice(0, depth).join('.');
        const field = inRow ? fieldsById.get(`${parts[0]}.${parts[2]}`) : top;
        if (!field) {
          if (!has(path)) issues.push({ path, fieldId: parts[depth - 1] ?? '', code: 'invalid', message: validationMessage('invalid', path || '—', {}, locale) });
          continue;
        }
        // Inside a structured value (a file, a location, a related record): malformed, as a whole.
        const deep = parts.slice(depth).some((p) => !/^\d+$/.test(p)) || e.keyword === 'required' || e.keyword === 'additionalProperties';
        // A datetime the date-time format takes that names no instant (a leap second, a year past
        // 9999) fails the datetime type's own pattern: it is no valid datetime, told so.
        // Stryker disable next-line ConditionalExpression: only a pattern error has a pattern param
        const instant = e.keyword === 'pattern' && (e.params as { pattern?: unknown }).pattern === UTC_INSTANT_PATTERN;
        // A hidden field keeps its value unchecked against the form's rules (length, range,
        // options…), but never a value of the wrong kind: that would break lists and reports.
        const shape = deep || instant || e.keyword === 'type' || e.keyword === 'format';
        if (!shape && !isVisible(path)) continue;
        // A problem inside a row means the row is an object.
        const value = inRow ? (data[parts[0]] as Record<string, unknown>[])[Number(parts[1])][parts[2]] : data[parts[0]];
        // An empty value fails only "required" (checked below) and an explicit least number of
        // items (the analyst asked for rows).
        if ((e.keyword !== 'minItems' && isEmptyValue(registry.get(field.type), value)) || has(path)) continue;
        const params = deep ? {} : instant ? { format: 'date-time' } : { ...(e.params as Record<string, unknown>) };
        const code = deep ? 'invalid' : instant ? 'format' : e.keyword;
        const pm = field.validation?.patternMessage;
        const message = code === 'pattern' && pm ? textOf(pm, locale) : validationMessage(code, label(field, locale), params, locale);
        issues.push({ path, fieldId: field.id, code, message, params });
      }
    }
    const ctx = ctxOf(data, rc);
    const checkNode = (n: Node, value: unknown, path: string) => {
      if (!isVisible(path)) return;
      const required = n.field.required || (n.requiredIf ? truthy(n.requiredIf(ctx)) : false);
      const empty = isEmptyValue(n.def, value);
      if (required && empty) {
        const issue = { path, fieldId: n.field.id, code: 'required', message: validationMessage('required', label(n.field, locale), {}, locale) };
        const earlier = issues.findIndex((i) => i.path === path);
        if (earlier >= 0) issues[earlier] = issue;
        else issues.push(issue);
        return;
      }
      if (empty) return;
      for (const r of n.rules) {
        if (!truthy(r.check(ctx))) issues.push({ path, fieldId: n.field.id, code: 'rule', message: textOf(r.message, locale) || validationMessage('rule', label(n.field, locale), {}, locale) });
      }
    };
    for (const n of checkTop) checkNode(n, data[n.field.id], n.field.id);
    for (const g of checkRows) {
      eachRow(data[g.id], ctx, (row, i) => {
        for (const n of g.nodes) checkNode(n, row[n.field.id], `${g.id}.${i}.${n.field.id}`);
      });
    }
    for (const r of recordRules) {
      if (!truthy(r.check(ctx))) issues.push({ path: '', fieldId: '', code: 'rule', message: textOf(r.message, locale) });
    }
    return issues.length ? { ok: false, issues } : { ok: true };
  }

  /** The input as a write takes it: its own copy, with the defaults of a new record and the formulas computed. */
  function prepared(input: Record<string, unknown>, pc: ProcessContext): Record<string, unknown> {
    const data = take(input, true, addsNoKeys);
    if (pc.mode === 'create' && defaultNodes.length) {
      const ctx = ctxOf(data, pc);
      for (const n of defaultNodes) {
        if (n.field.id in data) continue;
        const d = n.field.default!;
        if ('value' in d) {
          // A constant default is stored like typed input: numbers at their declared precision.
          const round = topSlots.get(n.field.id)?.round;
          data[n.field.id] = round && typeof d.value === 'number' ? round(d.value) : structuredClone(d.value);
        } else data[n.field.id] = storeValue(n.field, n.defaultFormula!(ctx), pc.timeZone ?? 'Asia/Shanghai');
      }
    }
    runFormulas(data, pc);
    return data;
  }

  function process(input: Record<string, unknown>, pc: ProcessContext): ProcessResult {
    const data = prepared(input, pc);
    const v = validate(data, pc);
    return v.ok ? { ok: true, data } : v;
  }

  function totals(data: Record<string, unknown>): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const f of top) {
      if (f.type !== 'subform' || !f.totals) continue;
      const rows = Array.isArray(data[f.id]) ? (data[f.id] as Record<string, unknown>[]) : [];
      out[f.id] = {};
      for (const t of f.totals) {
        const nums = rows.map((r) => r[t.field]).filter((x): x is number => typeof x === 'number');
        const sum = nums.reduce((a, b) => a + b, 0);
        const v = t.fn === 'sum' ? sum : t.fn === 'avg' ? (nums.length ? sum / nums.length : 0) : t.fn === 'min' ? (nums.length ? Math.min(...nums) : 0) : t.fn === 'max' ? (nums.length ? Math.max(...nums) : 0) : rows.length;
        const child = fieldsById.get(`${f.id}.${t.field}`) as { precision?: number; type: string } | undefined;
        const digits = child?.precision ?? (child?.type === 'money' ? 2 : undefined);
        out[f.id][t.field] = digits === undefined ? clean15(v) : roundHalfAwayFromZero(v, digits);
      }
    }
    return out;
  }

  const crossCompiled = (schema.crossChecks ?? []).map((c) => ({
    check: c,
    match: Object.entries(c.source.match).map(([k, l]) => [k, compileRule(l)] as const),
    rule: compileRule(c.rule),
  }));

  return {
    schema,
    jsonSchema,
    fields: fieldsById,
    // What a new record starts with, before anyone types: defaults (TODAY() too) and formulas,
    // whether or not the empty record would pass (a required field never does).
    initialValues(rc = {}) {
      return prepared({}, { ...rc, mode: 'create' });
    },
    compute,
    visibility,
    validate,
    process,
    totals,
    planCrossChecks(data, rc = {}) {
      const ctx = ctxOf(data, rc);
      return crossCompiled.map(({ check, match }) => ({
        checkId: check.id,
        formId: check.source.formId,
        // A date field is a DateValue inside rules; the store is asked for the value as stored.
        match: Object.fromEntries(match.map(([k, c]) => {
          const v = c(ctx);
          return [k, v instanceof DateValue ? v.source ?? v.toString() : v];
        })),
        aggregate: check.source.aggregate,
        ...(check.source.field ? { field: check.source.field } : {}),
      }));
    },
    evaluateCrossChecks(data, results, rc = {}) {
      const locale = rc.locale ?? 'zh-CN';
      const issues: Issue[] = [];
      for (const { check, rule } of crossCompiled) {
        const ctx = { ...ctxOf(data, rc), vars: { $source: results[check.id] ?? null } };
        if (!truthy(rule(ctx))) issues.push({ path: check.fieldId ?? '', fieldId: check.fieldId ?? '', code: 'cross_check', message: textOf(check.message, locale), params: { checkId: check.id, source: results[check.id] ?? null } });
      }
      return issues;
    },
    autofill(relationFieldId, related) {
      const f = fieldsById.get(relationFieldId);
      if (!f || f.type !== 'relation' || !related) return {};
      return Object.fromEntries((f.autofill ?? []).map((m) => [m.to, related[m.from] ?? null]));
    },
    lookupValues(related) {
      const out: Record<string, unknown> = {};
      for (const f of top) if (f.type === 'lookup') out[f.id] = related[f.relationField]?.[f.targetField] ?? null;
      return out;
    },
  };
}
