// Taking fields out of the form and putting them back exactly where they were: shared by
// move and remove (their reverts restore the original positions).
import type { Field, FormSchema } from '@tessera/form-engine';
import { locate, removeAt, insertAt, walk, type ContainerKey } from '../tree';
import { CommandError } from './types';

export interface Origin {
  field: Field;
  container: ContainerKey;
  index: number;
}

/** Drops ids nested inside another listed field (moving a section moves what it holds). */
export function outermost(schema: FormSchema, ids: readonly string[]): string[] {
  const set = new Set(ids);
  return walk(schema)
    .filter((l) => set.has(l.field.id) && !l.ancestors.some((a) => set.has(a)))
    .map((l) => l.field.id);
}

/** Removes the fields (outermost first, in visual order) and says where each was. */
export function takeOut(schema: FormSchema, ids: readonly string[]): { schema: FormSchema; origins: Origin[] } {
  const origins: Origin[] = [];
  for (const id of ids) {
    const at = locate(schema, id);
    if (!at) throw new CommandError('unknown_field', `no field ${id}`);
    origins.push({ field: at.field, container: at.container, index: at.index });
  }
  let next = schema;
  for (const o of origins) next = removeAt(next, o.container, o.field.id);
  return { schema: next, origins };
}

/** Puts fields back where `takeOut` found them. */
export function putBack(schema: FormSchema, origins: readonly Origin[]): FormSchema {
  // Within one container, lower indexes first: each lands after the ones restored before it.
  const rank = new Map<string, number>();
  for (const o of origins) if (!rank.has(o.container)) rank.set(o.container, rank.size);
  const sorted = [...origins].sort((a, b) => rank.get(a.container)! - rank.get(b.container)! || a.index - b.index);
  let next = schema;
  for (const o of sorted) next = insertAt(next, { container: o.container, index: o.index }, [o.field]);
  return next;
}
