// What the renderer works out from the schema besides values: which fields are required now
// (`required` or a `requiredIf` that holds), and the field a lookup shows (so a looked-up select
// reads as its option's label, not its stored value).
import { dataFields, type Field, type FormSchema } from '../schema';
import type { CompiledForm, FormEngine, RunContext } from '../engine';
import { isFormulaError } from '../formula';

type Values = Record<string, unknown>;

/** Which top-level fields with a `requiredIf` are required for these values; cheap when there are none. */
export function requiredIfOf(engine: FormEngine, compiled: CompiledForm): (values: Values, rc: RunContext) => Record<string, boolean> {
  const typeOf = (path: string): string | undefined => {
    const f = compiled.fields.get(path.startsWith('$row.') ? path.slice(5) : path);
    return f?.type === 'formula' && f.resultType === 'date' ? 'date' : f?.type;
  };
  const rules = dataFields(compiled.schema.fields)
    .filter((f) => f.requiredIf !== undefined && !f.required)
    .map((f) => ({ id: f.id, rule: engine.formulas.compile(f.requiredIf!, { typeOf, semantics: 'rule' }) }));
  if (!rules.length) return () => ({});
  return (values, rc) => {
    const ctx = { data: values, now: rc.now ?? new Date(), timeZone: rc.timeZone ?? 'Asia/Shanghai' };
    const out: Record<string, boolean> = {};
    for (const { id, rule } of rules) {
      let v: unknown;
      try {
        v = rule(ctx);
      } catch {
        v = false;
      }
      out[id] = Array.isArray(v) ? v.length > 0 : !isFormulaError(v) && !!v;
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
