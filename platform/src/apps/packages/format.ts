// The app package, format "tessera-app@1": the draft definition of an app (meta, navigation,
// forms without versions) and, optionally, the live records of its forms and the files they
// refer to. Helpers to visit the values in records that point elsewhere (files, relations).
import { dataFields, type Field, type FormEngine, type FormSchema } from '@tessera/form-engine';
import type { AppMeta, NavNode } from '../model';

export const FORMAT = 'tessera-app@1';

export interface PackageApp extends AppMeta {
  id: string;
  navigation?: NavNode[];
}

/** A record: its `_id` and field values (no other system field). */
export type PackageRecord = { _id: string } & Record<string, unknown>;

export interface PackageFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** The bytes, base64. */
  data: string;
}

export interface AppPackage {
  format: typeof FORMAT;
  app: PackageApp;
  forms: FormSchema[];
  records?: Record<string, PackageRecord[]>;
  files?: PackageFile[];
}

/** Fields whose values are file refs, as the engine's field types say. */
const holdsFiles = (engine: Pick<FormEngine, 'fieldType'>) => (f: Field) => engine.fieldType(f.type)?.files === true;

/** A value in a record: its path (`lines[0].att`), its field, and a way to replace it. */
export interface Slot {
  path: string;
  field: Field;
  value: unknown;
  set(value: unknown): void;
}

/** Every filled value of a record whose field passes `want`, subform cells included. */
export function slots(schema: FormSchema, record: Record<string, unknown>, want: (f: Field) => boolean): Slot[] {
  const out: Slot[] = [];
  for (const f of dataFields(schema.fields)) {
    const v = record[f.id];
    if (v === null || v === undefined) continue;
    if (want(f)) out.push({ path: f.id, field: f, value: v, set: (nv) => (record[f.id] = nv) });
    if (f.type !== 'subform' || !Array.isArray(v)) continue;
    const children = dataFields(f.fields).filter(want);
    v.forEach((row, i) => {
      if (!row || typeof row !== 'object') return;
      const r = row as Record<string, unknown>;
      for (const c of children) {
        if (r[c.id] === null || r[c.id] === undefined) continue;
        out.push({ path: `${f.id}[${i}].${c.id}`, field: c, value: r[c.id], set: (nv) => (r[c.id] = nv) });
      }
    });
  }
  return out;
}

/** The file refs (`{ id, name, … }`) a record holds. */
export function fileRefs(engine: Pick<FormEngine, 'fieldType'>, schema: FormSchema, record: Record<string, unknown>): Array<{ path: string; ref: { id: string } }> {
  return slots(schema, record, holdsFiles(engine)).flatMap((s) =>
    (Array.isArray(s.value) ? s.value : [s.value])
      .filter((r): r is { id: string } => !!r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string')
      .map((ref) => ({ path: s.path, ref })),
  );
}

/** Replaces the ids of a record's file refs. */
export function remapFileRefs(engine: Pick<FormEngine, 'fieldType'>, schema: FormSchema, record: Record<string, unknown>, id: (old: string) => string): void {
  for (const s of slots(schema, record, holdsFiles(engine))) {
    const ref = (r: unknown) => (r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string' ? { ...(r as object), id: id((r as { id: string }).id) } : r);
    s.set(Array.isArray(s.value) ? s.value.map(ref) : ref(s.value));
  }
}

/** Replaces the record ids a record's relation values point at (`id(formId, recordId)`). */
export function remapRelations(schema: FormSchema, record: Record<string, unknown>, id: (formId: string, recordId: string) => string): void {
  for (const s of slots(schema, record, (f) => f.type === 'relation')) {
    const target = (s.field as Extract<Field, { type: 'relation' }>).formId;
    const ref = (r: unknown) => (r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string' ? { ...(r as object), id: id(target, (r as { id: string }).id) } : r);
    s.set(Array.isArray(s.value) ? s.value.map(ref) : ref(s.value));
  }
}
