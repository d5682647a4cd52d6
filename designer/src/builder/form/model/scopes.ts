// The fields a formula or a condition may name, worked out once per version of the form's
// fields and shared by everything that shows them: the property panel's rule builders, custom
// checks and formula editor re-render on each keystroke, and every formula on the canvas
// re-reads its labels on every edit. Schemas are immutable, so a version is an object.
import { dataFields, formulaScope, type ConditionField, type Conditions, type Field, type FormSchema, type FormulaScope } from '@tessera/form-engine';
import { sameJson } from './threeWay';

function cached<T>(store: WeakMap<readonly Field[], Map<string, T>>, schema: Pick<FormSchema, 'fields'>, rowOf: string | undefined, make: () => T): T {
  let byRow = store.get(schema.fields);
  if (!byRow) store.set(schema.fields, (byRow = new Map()));
  const key = rowOf ?? '';
  let hit = byRow.get(key);
  if (hit === undefined) byRow.set(key, (hit = make()));
  return hit;
}

const scopes = new WeakMap<readonly Field[], Map<string, FormulaScope>>();
const choices = new WeakMap<Conditions, WeakMap<readonly Field[], Map<string, ConditionField[]>>>();
const candidates = new WeakMap<readonly Field[], Map<string, Field[]>>();

/** What a formula may name, at the form's level or in a row of `rowOf`. */
export const scopeOf = (schema: Pick<FormSchema, 'fields'>, rowOf?: string): FormulaScope => cached(scopes, schema, rowOf, () => formulaScope(schema, rowOf));

/** The fields a condition may test (with the engine's `conditions`), at the form's level or in a row of `rowOf`. */
export function choicesOf(conditions: Conditions, schema: Pick<FormSchema, 'fields'>, rowOf?: string): ConditionField[] {
  let byFields = choices.get(conditions);
  if (!byFields) choices.set(conditions, (byFields = new WeakMap()));
  return cached(byFields, schema, rowOf, () => conditions.fields(schema, { rowOf }));
}

/** Every data field a condition there could name (the row's siblings, then the form's): what choicesOf picks from. */
const candidatesOf = (schema: Pick<FormSchema, 'fields'>, rowOf?: string): Field[] =>
  cached(candidates, schema, rowOf, () => {
    const top = dataFields(schema.fields);
    const row = rowOf ? top.find((f) => f.id === rowOf) : undefined;
    return [...(row?.type === 'subform' ? dataFields(row.fields) : []), ...top];
  });

/** A field's settings that no condition reads (how it is filled in, checked or shown in the form). */
const NOT_READ = new Set(['help', 'placeholder', 'span', 'required', 'readonly', 'hidden', 'searchable', 'visibleIf', 'requiredIf', 'rules', 'default', 'validation', 'formula']);

function sameForConditions(a: Field, b: Field): boolean {
  if (a === b) return true;
  const pick = (f: Field) => Object.fromEntries(Object.entries(f).filter(([k]) => !NOT_READ.has(k)));
  return sameJson(pick(a), pick(b));
}

/** Do two lists of fields read the same to a condition (ids, labels, types, options)? */
function sameChoices(a: readonly Field[], b: readonly Field[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => sameForConditions(x, b[i])));
}

type Reading = { schema: Pick<FormSchema, 'fields'>; rowOf?: string };

/**
 * Do two forms offer an editor (in the row of `rowOf`) the same condition fields? Compared over
 * every field it could name, whichever the engine's types make testable: same candidates, same
 * choices.
 */
export const sameChoicesFor = (a: Reading, b: Reading): boolean => a.rowOf === b.rowOf && sameChoices(candidatesOf(a.schema, a.rowOf), candidatesOf(b.schema, b.rowOf));

/** Do two forms give a formula (in the row of `rowOf`) the same names? */
export const sameScopeFor = (a: Reading, b: Reading): boolean => a.rowOf === b.rowOf && sameJson(scopeOf(a.schema, a.rowOf), scopeOf(b.schema, b.rowOf));
