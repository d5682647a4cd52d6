// Copy and paste of fields, within a form and between forms. What is copied is plain JSON (it
// goes through localStorage, so another tab or another form can paste it); pasting gives every
// field, tab and column a fresh id and points references among the pasted fields at the copies.
import type { Field, FormSchema } from '@tessera/form-engine';
import { textOf } from '@tessera/form-engine';
import { locate, mapInner, usedIds, visualOrder, walk } from './tree';
import { renameField } from './commands';
import { fieldIdsOf } from './commands/ids';
import { idMaker, type Random } from './fieldTypes';

export interface ClipboardData {
  kind: 'tessera.fields';
  /** The form they came from (a paste into it labels the copies apart). */
  formId: string;
  fields: Field[];
  /** Set when they were columns of one subform: their $row references point at each other. */
  rowOf?: string;
  /** Cut, not copied: pasted once into the same form, they keep their ids (and their data). */
  cut?: boolean;
}

export function copyFields(schema: FormSchema, ids: readonly string[], opts: { cut?: boolean } = {}): ClipboardData {
  const set = new Set(ids);
  const located = visualOrder(schema, ids)
    .map((id) => locate(schema, id)!)
    .filter((l) => !l.ancestors.some((a) => set.has(a)));
  const rows = new Set(located.map((l) => l.subform));
  const rowOf = rows.size === 1 ? [...rows][0] : undefined;
  return { kind: 'tessera.fields', formId: schema.id, fields: located.map((l) => structuredClone(l.field)), ...(rowOf ? { rowOf } : {}), ...(opts.cut ? { cut: true } : {}) };
}

export function isClipboardData(v: unknown): v is ClipboardData {
  const d = v as ClipboardData;
  return !!d && d.kind === 'tessera.fields' && typeof d.formId === 'string' && Array.isArray(d.fields) && d.fields.every((f) => f && typeof f.id === 'string' && typeof f.type === 'string');
}

/** The copied fields ready to insert into `target`: fresh ids, internal references kept, labels apart. */
export function prepareFields(target: FormSchema, data: ClipboardData, random?: Random): Field[] {
  const taken = usedIds(target);
  // Cut and pasted back into its form: the same fields, ids and all (their records' values stay theirs).
  if (data.cut && data.formId === target.id && !data.fields.flatMap(fieldIdsOf).some((id) => taken.has(id))) return structuredClone(data.fields);
  for (const f of data.fields) for (const id of fieldIdsOf(f)) taken.add(id);
  const newId = idMaker(taken, random);
  // Rename inside a scratch form holding only the copies (inside a scratch subform when they
  // were columns of one, so $row references follow them too): references to fields outside
  // the copied set stay as they are (they still work when pasted into the same form).
  // The scratch form has an id no relation can name, so a copied relation to the target form
  // keeps showing the target's own fields, not the copies.
  const ROW = '__copied_row';
  const SCRATCH = '__scratch';
  let scratch: FormSchema = data.rowOf
    ? { id: SCRATCH, title: '', fields: [{ id: ROW, type: 'subform', label: '', fields: structuredClone(data.fields) }] }
    : { id: SCRATCH, title: '', fields: structuredClone(data.fields) };
  for (const l of walk(scratch)) {
    const f = l.field;
    if (f.id !== ROW) scratch = renameField(scratch, f.id, newId(f.type));
  }
  const copies = data.rowOf ? (scratch.fields[0] as Extract<Field, { type: 'subform' }>).fields : scratch.fields;
  const labels = new Set(walk(target).map((l) => textOf(l.field.label, 'zh-CN')));
  const relabel = (f: Field): Field => {
    let next = f;
    if (next.type === 'tabs') next = { ...next, tabs: next.tabs.map((t) => ({ ...t, id: newId('tab') })) };
    else if (next.type === 'columns') next = { ...next, columns: next.columns.map((c) => ({ ...c, id: newId('col') })) };
    next = mapInner(next, (list) => list.map(relabel));
    const label = textOf(next.label, 'zh-CN');
    if (labels.has(label) && typeof next.label === 'string') {
      let n = 2;
      while (labels.has(`${label} ${n}`)) n++;
      next = { ...next, label: `${label} ${n}` };
    }
    labels.add(textOf(next.label, 'zh-CN'));
    return next;
  };
  return copies.map(relabel);
}
