// Which fields the person changed in the form, to put back on a fresh record after a conflict
// (409): only what they edited, so whatever someone else saved in the other fields stays.
import { dataFields, type FormSchema } from '@tessera/form-engine';

/** Values the server works out (formulas, lookups, serials): never the person's edit. */
const COMPUTED = new Set(['formula', 'lookup', 'serial']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `mine` that differ from `base` (what the form opened with), locked ones left out. */
export function editedFields(schema: FormSchema, base: Record<string, unknown>, mine: Record<string, unknown>, locked: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of dataFields(schema.fields)) {
    if (COMPUTED.has(f.type) || locked.includes(f.id) || !(f.id in mine)) continue;
    if (!same(mine[f.id], base[f.id])) out[f.id] = mine[f.id];
  }
  return out;
}
