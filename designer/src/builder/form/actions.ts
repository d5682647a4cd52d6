// What the analyst can do to the selection, shared by the keyboard, the toolbar, the canvas
// buttons and the palette: every action ends in one command on the stack.
import type { FieldType, Locale } from '@tessera/form-engine';
import { textOf } from '@tessera/form-engine';
import type { DesignerApi } from './context';
import { idMaker, newField } from './model/fieldTypes';
import { innerContainers, isContainer, listOf, locate, ownerOf, usedIds, walk, ROOT, type Position } from './model/tree';
import { canPlace, placingOf, type Placing } from './model/rules';
import { copyFields, isClipboardData, prepareFields, type ClipboardData } from './model/clipboard';

const CLIPBOARD_KEY = 'tessera.designer.clipboard';

/** Where a new or pasted field goes: into the selected container, after the selected field, or at the end. */
export function insertionPoint(d: DesignerApi, types: FieldType[]): Position {
  const schema = d.stack.schema;
  const sel = d.selection.get();
  const at = sel.length ? locate(schema, sel[sel.length - 1]) : undefined;
  if (at) {
    if (isContainer(at.field)) {
      const inner = innerContainers(at.field)[0];
      if (inner && canPlace(schema, types.map((type) => ({ type })), inner.key).ok) return { container: inner.key, index: inner.fields.length };
    }
    if (canPlace(schema, types.map((type) => ({ type })), at.container).ok) return { container: at.container, index: at.index + 1 };
    // A layout field chosen while a subform column is selected: after the subform.
    const owner = ownerOf(at.container);
    const o = owner ? locate(schema, owner) : undefined;
    if (o) return { container: o.container, index: o.index + 1 };
  }
  return { container: ROOT, index: schema.fields.length };
}

export function addField(d: DesignerApi, type: FieldType, locale: Locale, to?: Position): string | null {
  const schema = d.stack.schema;
  const pos = to ?? insertionPoint(d, [type]);
  const labels = new Set(walk(schema).map((l) => textOf(l.field.label, locale)));
  const field = newField(type, { newId: idMaker(usedIds(schema)), locale, labels, schema, forms: d.siblings });
  if (!d.run({ type: 'field.add', fields: [field], to: pos })) return null;
  d.selection.set([field.id]);
  return field.id;
}

export function removeSelection(d: DesignerApi): void {
  const ids = d.selection.get();
  if (!ids.length) return;
  // After deleting, select the neighbour so the keyboard user stays in place.
  const at = locate(d.stack.schema, ids[0]);
  if (!d.run({ type: 'fields.remove', ids: [...ids] })) return;
  const list = at ? listOf(d.stack.schema, at.container) : undefined;
  const next = list?.[Math.min(at!.index, list.length - 1)];
  d.selection.set(next ? [next.id] : []);
}

export function copySelection(d: DesignerApi, ids = d.selection.get(), opts: { cut?: boolean } = {}): ClipboardData | null {
  if (!ids.length) return null;
  const data = copyFields(d.stack.schema, ids, opts);
  localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(data));
  // Best effort: also the system clipboard, so it can be pasted into another browser window.
  if (typeof navigator !== 'undefined') void navigator.clipboard?.writeText(JSON.stringify(data)).catch(() => undefined);
  return data;
}

export function readClipboard(text?: string): ClipboardData | null {
  for (const raw of [text, localStorage.getItem(CLIPBOARD_KEY)]) {
    if (!raw) continue;
    try {
      const v = JSON.parse(raw) as unknown;
      if (isClipboardData(v)) return v;
    } catch {
      /* not ours */
    }
  }
  return null;
}

/** Cut: the fields go to the clipboard and leave the form; pasted back, they keep their ids. */
export function cutSelection(d: DesignerApi): void {
  if (copySelection(d, d.selection.get(), { cut: true })) removeSelection(d);
}

export function paste(d: DesignerApi, data: ClipboardData | null, at?: Position): boolean {
  if (!data || !data.fields.length) return false;
  const schema = d.stack.schema;
  const fields = prepareFields(schema, data);
  // A cut pasted back keeps its ids, so what named it still does: only where it is named the same
  // way (not into or out of a subform while formulas, rules or settings use it).
  const kept = new Set(data.fields.map((c) => c.id));
  const placing: Placing = fields.map((f) => (kept.has(f.id) ? { type: f.type, id: f.id, origin: { subform: data.rowOf, field: f } } : { type: f.type }));
  let to = at ?? insertionPoint(d, fields.map((f) => f.type));
  let verdict = canPlace(schema, placing, to.container);
  if (!verdict.ok && verdict.reason !== 'referenced') {
    to = { container: ROOT, index: schema.fields.length };
    verdict = canPlace(schema, placing, ROOT);
  }
  if (!verdict.ok) {
    d.refuse('referenced');
    return false;
  }
  if (!d.run({ type: 'fields.paste', fields, to })) return false;
  // A cut is pasted once as the fields themselves; pasting again makes copies. (Not before the
  // paste went in: a refused paste leaves the cut as it was.)
  if (data.cut) localStorage.setItem(CLIPBOARD_KEY, JSON.stringify({ ...data, cut: false }));
  d.selection.set(fields.map((f) => f.id));
  return true;
}

/** Copies of the fields right after the last of them. */
export function duplicateSelection(d: DesignerApi, ids = d.selection.get()): void {
  if (!ids.length) return;
  const data = copyFields(d.stack.schema, ids);
  const last = locate(d.stack.schema, data.fields[data.fields.length - 1]?.id ?? '');
  paste(d, data, last ? { container: last.container, index: last.index + 1 } : undefined);
}

/** Alt+↑ / Alt+↓: one step up or down; past the end of a list, out of its container. */
export function moveSelection(d: DesignerApi, dir: -1 | 1): boolean {
  const schema = d.stack.schema;
  const ids = d.selection.get();
  if (!ids.length) return false;
  const located = ids.map((id) => locate(schema, id)).filter((l) => !!l);
  const container = located[0]!.container;
  if (located.some((l) => l!.container !== container)) return false;
  const list = listOf(schema, container)!;
  const indexes = located.map((l) => l!.index).sort((a, b) => a - b);
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  const items = placingOf(located.map((l) => l!.field));
  let to: Position | null = null;
  if (dir < 0 && first > 0) to = { container, index: first - 1 };
  else if (dir > 0 && last < list.length - 1) to = { container, index: last + 2 };
  else {
    const owner = ownerOf(container);
    const o = owner ? locate(schema, owner) : undefined;
    if (o && canPlace(schema, items, o.container).ok) to = { container: o.container, index: dir < 0 ? o.index : o.index + 1 };
  }
  if (!to) return false;
  return d.run({ type: 'fields.move', ids: [...ids], to });
}
