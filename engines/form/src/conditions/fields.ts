// The fields a rule may test, with the paths conditions name them by.
import { dataFields, type FormSchema } from '../schema';
import { fieldOperators } from '../fields';
import type { ConditionField } from './types';

/**
 * Every data field conditions can test (a type offering operators: not files, signatures,
 * places or subforms). Inside a subform row (`rowOf`), the row's siblings come first, as
 * `$row.<id>`, then the top-level fields.
 */
export function conditionFields(schema: Pick<FormSchema, 'fields'>, opts: { rowOf?: string } = {}): ConditionField[] {
  const top = dataFields(schema.fields);
  const out: ConditionField[] = [];
  const sub = opts.rowOf ? top.find((f) => f.id === opts.rowOf) : undefined;
  if (sub?.type === 'subform') {
    for (const f of dataFields(sub.fields)) if (fieldOperators(f).length) out.push({ path: `$row.${f.id}`, field: f, label: f.label });
  }
  for (const f of top) if (fieldOperators(f).length) out.push({ path: f.id, field: f, label: f.label });
  return out;
}
