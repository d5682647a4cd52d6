// What in a form refers to a field, found the way the engine resolves names: formulas, rules,
// defaults and cross-form checks read var paths ('qty', 'lines.qty', '$row.qty'); relations,
// lookups, totals and the title field name fields directly.
import { referencedFields, type Field, type FormSchema, type Logic } from '@tessera/form-engine';
import { walk } from './tree';

/** Every logic expression of a field (its formula, default, rules). */
export function logicOf(f: Field): Logic[] {
  const out: Logic[] = [];
  if (f.type === 'formula' && f.formula.logic !== undefined) out.push(f.formula.logic);
  if (f.default && 'formula' in f.default && f.default.formula.logic !== undefined) out.push(f.default.formula.logic);
  if (f.visibleIf !== undefined) out.push(f.visibleIf);
  if (f.requiredIf !== undefined) out.push(f.requiredIf);
  for (const r of f.rules ?? []) out.push(r.logic);
  return out;
}

// Worked out once per schema object: a drag asks on every pointer move.
const cache = new WeakMap<FormSchema, Map<string, Set<string>>>();

/** The paths and names the form uses, each with the fields that use it ('' for the form itself). */
export function usesOf(schema: FormSchema): Map<string, Set<string>> {
  const hit = cache.get(schema);
  if (hit) return hit;
  const uses = new Map<string, Set<string>>();
  cache.set(schema, uses);
  const add = (name: string, by: string) => {
    if (!uses.has(name)) uses.set(name, new Set());
    uses.get(name)!.add(by);
  };
  const selfRelations = new Set(walk(schema).flatMap((l) => (l.field.type === 'relation' && l.field.formId === schema.id ? [l.field.id] : [])));
  for (const { field: f } of walk(schema)) {
    for (const l of logicOf(f)) for (const p of referencedFields(l)) add(p, f.id);
    if (f.type === 'lookup') add(f.relationField, f.id);
    if (f.type === 'relation') for (const m of f.autofill ?? []) add(m.to, f.id);
    if (f.type === 'subform') for (const t of f.totals ?? []) add(`${f.id}.${t.field}`, f.id);
    // A relation to this same form shows, scans and copies fields of this form (a lookup through it reads one).
    if (f.type === 'relation' && selfRelations.has(f.id)) for (const name of [f.displayField, f.scanField, ...(f.autofill ?? []).map((m) => m.from)]) if (name) add(name, f.id);
    if (f.type === 'lookup' && selfRelations.has(f.relationField)) add(f.targetField, f.id);
  }
  for (const r of schema.rules ?? []) for (const p of referencedFields(r.logic)) add(p, '');
  for (const c of schema.crossChecks ?? []) {
    for (const p of [...referencedFields(c.rule), ...Object.values(c.source.match).flatMap((m) => referencedFields(m))]) add(p, '');
    if (c.fieldId) add(c.fieldId, '');
  }
  if (schema.titleField) add(schema.titleField, '');
  return uses;
}

/** Is the field (top level, or a column of `subform`) used by anything other than itself? */
export function isUsed(uses: Map<string, Set<string>>, id: string, subform?: string): boolean {
  const names = subform ? [`${subform}.${id}`, `$row.${id}`] : [id];
  return names.some((n) => [...(uses.get(n) ?? [])].some((by) => by !== id));
}

/** Does the field's own logic read its row's other columns? */
export const readsRow = (f: Field) => logicOf(f).some((l) => referencedFields(l).some((p) => p.startsWith('$row.')));
