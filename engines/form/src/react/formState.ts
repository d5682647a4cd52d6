// What the renderer works out from the schema besides values: which fields are required now
// (`required` or a `requiredIf` that holds), and the field a lookup shows (so a looked-up select
// reads as its option's label, not its stored value).
import { dataFields, type Field, type FormSchema } from '../schema';
import type { CompiledForm, FormEngine, RunContext } from '../engine';
import { isFormulaError } from '../formula';

type Values = Record<string, unknown>;

/**
 * Which fields with a `requiredIf` are required for these values: top-level fields by their id,
 * a subform's columns per row by `<subform>.<row>.<column>` (the condition sees the row as
 * `$row`). Cheap when there are none.
 */
export function requiredIfOf(engine: FormEngine, compiled: CompiledForm): (values: Values, rc: RunContext) => Record<string, boolean> {
  const typeOf = (path: string): string | undefined => {
    const f = compiled.fields.get(path.startsWith('$row.') ? path.slice(5) : path);
    return f?.type === 'formula' && f.resultType === 'date' ? 'date' : f?.type;
  };
  const compile = (f: Field) => ({ id: f.id, rule: engine.formulas.compile(f.requiredIf!, { typeOf, semantics: 'rule' }) });
  const conditional = (f: Field) => f.requiredIf !== undefined && !f.required;
  const top = dataFields(compiled.schema.fields);
  const rules = top.filter(conditional).map(compile);
  const columns = top.flatMap((f) => (f.type === 'subform' ? [{ id: f.id, rules: dataFields(f.fields).filter(conditional).map(compile) }] : [])).filter((s) => s.rules.length);
  if (!rules.length && !columns.length) return () => ({});
  const holds = (rule: (ctx: never) => unknown, ctx: unknown) => {
    let v: unknown;
    try {
      v = rule(ctx as never);
    } catch {
      v = false;
    }
    return Array.isArray(v) ? v.length > 0 : !isFormulaError(v) && !!v;
  };
  return (values, rc) => {
    const ctx: { data: Values; now: Date; timeZone: string; row?: Values } = { data: values, now: rc.now ?? new Date(), timeZone: rc.timeZone ?? 'Asia/Shanghai' };
    const out: Record<string, boolean> = {};
    for (const { id, rule } of rules) out[id] = holds(rule, ctx);
    for (const sub of columns) {
      const rows = values[sub.id];
      if (!Array.isArray(rows)) continue;
      rows.forEach((row, i) => {
        if (!row || typeof row !== 'object') return;
        ctx.row = row as Values;
        for (const { id, rule } of sub.rules) out[`${sub.id}.${i}.${id}`] = holds(rule, ctx);
      });
      ctx.row = undefined;
    }
    return out;
  };
}

/**
 * The field a lookup shows: the target field of the related form, found among `forms` (the
 * app's other forms the host knows). Undefined when the related form is not known.
 */
export function lookupTarget(field: Field, siblings: readonly Field[], forms: readonly FormSchema[] | undefined): Field | undefined {
  if (field.type !== 'lookup' || !forms?.length) return undefined;
  const relation = dataFields(siblings).find((f) => f.id === field.relationField);
  if (!relation || relation.type !== 'relation') return undefined;
  const form = forms.find((f) => f.id === relation.formId);
  const target = form ? dataFields(form.fields).find((f) => f.id === field.targetField) : undefined;
  // A lookup of a lookup (or of a field without a type of its own) reads as text.
  return target && target.type !== 'lookup' ? { ...target, id: field.id, label: field.label } as Field : undefined;
}
