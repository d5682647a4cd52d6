// Props compared for memo, leaving out callbacks. The property panel hands its editors inline
// callbacks that do the same thing on every render (update this field, keyed by its id, with
// what the editor gives), so a new one is no reason to re-render a rule builder or a formula
// editor on each keystroke elsewhere in the panel.
import type { FormSchema } from '@tessera/form-engine';

export function sameProps<P extends object>(a: P, b: P): boolean {
  const ka = Object.keys(a) as Array<keyof P>;
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => typeof a[k] === 'function' || Object.is(a[k], b[k]));
}

/**
 * sameProps for an editor given the whole form: every edit makes a new schema, so `schema` is
 * compared by what the editor reads of it (`reads`: its field list or formula scope), not by identity.
 */
export function samePropsReading<P extends { schema: FormSchema }>(reads: (a: P, b: P) => boolean): (a: P, b: P) => boolean {
  return (a, b) => sameProps({ ...a, schema: undefined }, { ...b, schema: undefined }) && (a.schema === b.schema || reads(a, b));
}
