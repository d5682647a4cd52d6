// What a record in a package must be for the store to take it, without checking it again
// against today's form (see validate.ts): keys the store and the system accept (no `$`, no
// `.`, no system `_` keys) and a bounded depth. A value of another kind than its field's today
// is kept: a field's type can change after records were written (publishing asks first), and
// those records must export and import unchanged. Values of fields the form does not have are
// dropped, as an export leaves them out too.
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';
import { isObject } from '../json';

const MAX_DEPTH = 32;
const isString = (v: unknown) => typeof v === 'string';

export interface ShapeProblem {
  path: string;
  code: 'invalid_key' | 'too_deep' | 'type';
  key?: string;
  field?: Field;
}

/** The first key or depth the store cannot take, anywhere inside a value. */
function keysProblem(v: unknown, path: string, depth: number): ShapeProblem | null {
  if (depth > MAX_DEPTH) return { path, code: 'too_deep' };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = keysProblem(v[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$') || k.includes('.')) return { path: `${path}.${k}`, code: 'invalid_key', key: k };
      const p = keysProblem(x, `${path}.${k}`, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/** The values of one record (or subform row) as they will be stored, or the first problem. */
function shapeOf(fields: Field[], values: Record<string, unknown>, at: string, row: boolean): { values: Record<string, unknown> } | { problem: ShapeProblem } {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (row && k === '_rowId') {
      if (!isString(v)) return { problem: { path: `${at}._rowId`, code: 'type' } };
      out[k] = v;
      continue;
    }
    if (k.startsWith('_') || k.startsWith('$') || k.includes('.')) return { problem: { path: `${at}.${k}`, code: 'invalid_key', key: k } };
    const f = byId.get(k);
    if (!f) continue;
    const deep = keysProblem(v, `${at}.${k}`, 1);
    if (deep) return { problem: deep };
    if (f.type === 'subform' && Array.isArray(v)) {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < v.length; i++) {
        if (!isObject(v[i])) return { problem: { path: `${at}.${k}[${i}]`, code: 'type', field: f } };
        const r = shapeOf(dataFields(f.fields), v[i] as Record<string, unknown>, `${at}.${k}[${i}]`, true);
        if ('problem' in r) return r;
        rows.push(r.values);
      }
      out[k] = rows;
    } else out[k] = v;
  }
  return { values: out };
}

export function recordShape(schema: FormSchema, values: Record<string, unknown>, at: string): { values: Record<string, unknown> } | { problem: ShapeProblem } {
  return shapeOf(dataFields(schema.fields), values, at, false);
}
