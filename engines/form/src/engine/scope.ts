// The names a formula may use in a form: every data field by its labels (both languages) and
// id, with subform columns as children.
import { dataFields, type Field, type FormSchema, type I18nText } from '../schema';
import type { FormulaScope, ScopeField } from '../formula';

function labels(text: I18nText): string[] {
  if (typeof text === 'string') return [text];
  return [text['zh-CN'], text['en-US']].filter((x): x is string => !!x);
}

function scopeField(f: Field): ScopeField {
  return {
    id: f.id,
    labels: labels(f.label),
    type: f.type,
    ...(f.type === 'subform' ? { children: dataFields(f.fields).map(scopeField) } : {}),
  };
}

export function formulaScope(schema: Pick<FormSchema, 'fields'>, rowOf?: string): FormulaScope {
  return { fields: dataFields(schema.fields).map(scopeField), ...(rowOf ? { rowOf } : {}) };
}
