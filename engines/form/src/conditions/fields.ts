// The fields a rule may test, with the paths conditions name them by.
import { dataFields, type Field, type FormSchema } from '../schema';
import type { ConditionField } from './types';

/** The data fields `testable` admits (Conditions.fields says which), row siblings first as `$row.<id>`. */
export function conditionFields(schema: Pick<FormSchema, 'fields'>, testable: (f: Field) => boolean, opts: { rowOf?: string } = {}): ConditionField[] {
  const top = dataFields(schema.fields);
  const out: ConditionField[] = [];
  const sub = opts.rowOf ? top.find((f) => f.id === opts.rowOf) : undefined;
  if (sub?.type === 'subform') {
    for (const f of dataFields(sub.fields)) if (testable(f)) out.push({ path: `$row.${f.id}`, field: f, label: f.label });
  }
  for (const f of top) if (testable(f)) out.push({ path: f.id, field: f, label: f.label });
  return out;
}
