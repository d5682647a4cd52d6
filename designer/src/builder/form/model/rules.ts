// One place answers "may these fields go there?" for dragging, keyboard moves and paste
// (diagram-js's RuleProvider, as a function): a container cannot go into itself, and a subform
// row holds only plain data fields.
import type { Field, FieldType, FormSchema } from '@tessera/form-engine';
import { listOf, locate, ownerOf, subformAt, type ContainerKey } from './tree';
import { DESIGNER_TYPES } from './fieldTypes';
import { isUsed, readsRow, usesOf } from './refs';

export type Refusal = 'unknown_container' | 'into_itself' | 'not_in_subform' | 'referenced';
export type Verdict = { ok: true } | { ok: false; reason: Refusal; type?: FieldType; id?: string };

/**
 * What is being placed: new fields by type, or fields by id — in the form (a move), or cut from
 * it and pasted back with their ids (`origin`: the subform they were cut from, if any, and the
 * field itself), whose names must still mean them where they land.
 */
export type Placing = Array<{ type: FieldType; id?: string; origin?: { subform?: string; field: Field } }>;

export function canPlace(schema: Pick<FormSchema, 'fields'>, items: Placing, container: ContainerKey): Verdict {
  if (!listOf(schema, container)) return { ok: false, reason: 'unknown_container' };
  const ownerId = ownerOf(container);
  const owner = ownerId === undefined ? undefined : locate(schema, ownerId);
  if (owner) {
    const moving = new Set(items.map((i) => i.id).filter((x): x is string => !!x));
    if (moving.has(owner.field.id) || owner.ancestors.some((a) => moving.has(a))) return { ok: false, reason: 'into_itself' };
  }
  if (owner?.field.type === 'subform') {
    const bad = items.find((i) => !DESIGNER_TYPES[i.type].inSubform);
    if (bad) return { ok: false, reason: 'not_in_subform', type: bad.type };
  }
  // Into, out of or between subforms, a field is named differently (qty ↔ lines.qty / $row.qty):
  // refused while formulas, rules or settings name it, or while its own formula reads its row.
  const target = subformAt(schema, container);
  let uses: ReturnType<typeof usesOf> | undefined;
  for (const item of items) {
    if (!item.id) continue;
    const at = locate(schema, item.id) ?? item.origin;
    if (!at) continue;
    if (at.subform === target) continue;
    uses ??= usesOf(schema as FormSchema);
    if (isUsed(uses, item.id, at.subform) || (at.subform !== undefined && readsRow(at.field))) return { ok: false, reason: 'referenced', id: item.id };
  }
  return { ok: true };
}

/** The placing list of fields in the form. */
export const placingOf = (fields: readonly Field[]): Placing => fields.map((f) => ({ type: f.type, id: f.id }));
