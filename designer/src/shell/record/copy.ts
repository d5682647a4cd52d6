// A record's copy (复制): the values a new record starts with. Left out: system fields (_id, _v,
// _created…), serial numbers (the new record draws its own), formulas (worked out again as the form
// is filled), and files (attachments, images, signatures: not copied by default). Lookups keep
// what they show, and the server looks them up again on save. Subform rows get new row ids.
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';

const NOT_COPIED: ReadonlySet<string> = new Set(['serial', 'formula']);
const FILES: ReadonlySet<string> = new Set(['attachment', 'image', 'signature']);

let rowSeq = 0;
const newRowId = () => `r${Date.now().toString(36)}c${(rowSeq++).toString(36)}`;

const kept = (f: Field) => !NOT_COPIED.has(f.type) && !FILES.has(f.type);

function copyRow(fields: readonly Field[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { _rowId: newRowId() };
  for (const f of fields) if (kept(f) && row[f.id] !== undefined) out[f.id] = row[f.id];
  return out;
}

/** The copied values, over the form's first values (defaults) for what is not copied. */
export function copyValues(schema: FormSchema, record: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...initial };
  for (const f of dataFields(schema.fields)) {
    if (!kept(f) || record[f.id] === undefined) continue;
    const v = record[f.id];
    if (f.type === 'subform') out[f.id] = Array.isArray(v) ? v.map((r) => copyRow(f.fields, (r ?? {}) as Record<string, unknown>)) : v;
    else out[f.id] = v;
  }
  return out;
}

/** The form's file fields (top level and in subforms), which a copy leaves empty. */
export function fileFields(schema: FormSchema): Field[] {
  const top = dataFields(schema.fields);
  return [...top, ...top.flatMap((f) => (f.type === 'subform' ? f.fields : []))].filter((f) => FILES.has(f.type));
}
