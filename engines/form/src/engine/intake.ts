// How values enter a record and are stored: the intake of input (coercion, numbers at their
// declared precision, subform rows, system and unknown keys) planned once per form version, and
// how a computed value (a formula result, a default) is stored for its field.
import type { Field } from '../schema';
import { capText, DateValue, isFormulaError } from '../formula';
import { toText } from '../formula/values';
import { clean15, roundHalfAwayFromZero } from '../numbers';
import { fromDayNumber, serialToIso } from '../dates';
import type { FieldTypeDef } from '../fields';

/** Rounds a stored number: to `precision` digits (money 2 by default, percent as a fraction), else to Excel's 15 significant digits. */
export function rounderFor(kind: string, precision: number | undefined): (n: number) => number {
  const digits = precision ?? (kind === 'money' ? 2 : undefined);
  if (digits === undefined) return clean15;
  const d = kind === 'percent' ? digits + 2 : digits;
  return (n) => roundHalfAwayFromZero(n, d);
}

/** json-logic truthiness for rules and stored booleans: an empty list or a formula error is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isFormulaError(v)) return false;
  return !!v;
}

/** A computed value (formula result, formula default) as stored for field `f`; errors store as null. */
export function storeValue(f: Field, v: unknown, timeZone: string): unknown {
  if (isFormulaError(v) || v === undefined) return null;
  // A formula without a result type stores what it gave; anything but a number, a date or a boolean as text (below).
  const kind = f.type === 'formula' ? f.resultType ?? (typeof v === 'number' ? 'number' : v instanceof DateValue ? 'date' : typeof v === 'boolean' ? 'boolean' : undefined) : f.type;
  if (kind === 'number' || kind === 'money' || kind === 'percent') {
    if (v === null || v === '') return null;
    const n = v instanceof DateValue ? v.days : Number(v);
    if (!Number.isFinite(n)) return null;
    return rounderFor(kind, (f as { precision?: number }).precision)(n);
  }
  // A date field holds the day (NOW() as a default: today in the zone); a date formula keeps a time it has.
  if (kind === 'date') return v instanceof DateValue ? (v.hasTime && f.type === 'formula' ? serialToIso(v.days, timeZone) : fromDayNumber(v.days)) : v ?? null;
  if (kind === 'boolean') return truthy(v);
  // A datetime is an instant (NOW() keeps its time; TODAY() is the day's start in the zone).
  if (kind === 'datetime' && v instanceof DateValue) return serialToIso(v.days, timeZone);
  if (v === null) return null;
  // As Excel's cell shows it: TRUE / FALSE, numbers in general format, a date as YYYY-MM-DD (what & gives too); a list
  // too long to join is an error, stored as none.
  const t = toText(v);
  return typeof t === 'string' ? storedText(t) : null;
}

/** A computed text longer than a cell holds (MAX_TEXT) is stored as an error is: not at all. */
const storedText = (s: string): string | null => (typeof capText(s) === 'string' ? s : null);

/** A formula's result as it is stored, specialised by the result type. */
export function storerFor(f: Field): (v: unknown, tz: string) => unknown {
  const kind = f.type === 'formula' ? f.resultType : undefined;
  // Stryker disable next-line ConditionalExpression,BlockStatement: fast paths for a result type; storeValue stores every value the same way
  if (kind === 'number' || kind === 'money' || kind === 'percent') {
    const round = rounderFor(kind, (f as { precision?: number }).precision);
    return (v, tz) => (typeof v === 'number' ? (Number.isFinite(v) ? round(v) : null) : storeValue(f, v, tz));
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; storeValue stores a text the same way
  if (kind === 'text') return (v, tz) => (typeof v === 'string' ? storedText(v) : storeValue(f, v, tz));
  return (v, tz) => storeValue(f, v, tz);
}

/** What intake needs of a field: its type definition and, for a subform column, its subform. */
export interface IntakeField {
  field: Field;
  def: FieldTypeDef | undefined;
  sub?: Field;
}

/** How an input value of a field is taken in. */
export interface Slot {
  field: Field;
  /** Filled by the engine or the server: input is ignored. */
  computed: boolean;
  coerce?: (v: unknown) => unknown;
  /** Numbers are kept at their declared precision: no 0.30000000000000004 anywhere. */
  round?: (n: number) => number;
  children?: Map<string, Slot>;
}

function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  // An own "__proto__" key (JSON can carry one) is no field: left out, never made the prototype.
  if (k !== '__proto__') o[k] = v;
}

function slotOf({ field: f, def }: IntakeField): Slot {
  const coerce = def?.coerce;
  const numeric = f.type === 'number' || f.type === 'money' || f.type === 'percent';
  return {
    field: f,
    computed: !!def?.computed,
    coerce: coerce ? (v) => coerce(v, f as never) : undefined,
    round: numeric ? rounderFor(f.type, (f as { precision?: number }).precision) : undefined,
  };
}

/**
 * The intake of one form version (fields in schema order, subform columns after their subform):
 * its top-level slots, and `take` — a copy of an input the engine may write to, numbers rounded,
 * coerced when `coerce` (what a client sends) rather than as-is (what the renderer computes on).
 */
export function createIntake(fields: readonly IntakeField[]) {
  const topSlots = new Map<string, Slot>();
  for (const n of fields) {
    if (!n.sub) topSlots.set(n.field.id, slotOf(n));
    else {
      const parent = topSlots.get(n.sub.id)!;
      (parent.children ??= new Map()).set(n.field.id, slotOf(n));
    }
  }

  /** Whether what a client sends for top-level key `k` is not taken: a '_…' system key is the server's, a formula's value the engine's. */
  const leftOut = (k: string, slot: Slot | undefined) => (slot ? slot.computed && slot.field.type !== 'serial' && slot.field.type !== 'lookup' : k.charCodeAt(0) === 95);

  /** Whether `take` must leave out one of the input's keys (so it cannot copy the whole input). */
  function dropsAny(input: Record<string, unknown>, coerce: boolean): boolean {
    for (const k of Object.keys(input)) {
      // Answering "drops" when nothing is dropped only takes the slower key-by-key copy, which leaves out the same keys: mutants that answer so more often are speed only.
      // Stryker disable next-line ConditionalExpression: speed only (above)
      if (input[k] === undefined) return true;
      // Stryker disable next-line ConditionalExpression,LogicalOperator: speed only (above): without coerce, the key-by-key copy keeps these keys too
      if (coerce && leftOut(k, topSlots.get(k))) return true;
    }
    return false;
  }

  /**
   * A copy of the input the engine may write to; numbers rounded, optionally coerced.
   * `complete`: the engine will add no key to it (no top-level formula or default), so when no
   * key is left out the copy is one spread of the input — a fast V8 object like the parsed JSON
   * it came from. Built key by key, a copy of more than about sixteen keys is a slow dictionary
   * object, and so was every record made from it; but keys added after a spread are slow too,
   * hence only when nothing will be added.
   */
  // Stryker disable next-line BooleanLiteral: complete only picks the faster copy; keys added to a spread copy are slower, never other
  function take(input: Record<string, unknown>, coerce: boolean, complete = false): Record<string, unknown> {
    if (complete && !dropsAny(input, coerce)) {
      const data: Record<string, unknown> = { ...input };
      for (const k of Object.keys(data)) {
        const slot = topSlots.get(k);
        if (!slot) continue;
        const v = data[k];
        let value = coerce && slot.coerce ? slot.coerce(v) : v;
        if (slot.round && typeof value === 'number') value = slot.round(value);
        else if (slot.children && Array.isArray(value)) value = takeRows(slot.children, value, coerce);
        // Stryker disable next-line ConditionalExpression: writing back the same value to a key the copy already has changes nothing
        if (value !== v) data[k] = value;
      }
      return data;
    }
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(input)) {
      const v = input[k];
      if (v === undefined) continue; // as in JSON: an undefined value is no value
      const slot = topSlots.get(k);
      if (coerce && leftOut(k, slot)) continue;
      if (!slot) {
        setKey(data, k, v);
        continue;
      }
      let value = coerce && slot.coerce ? slot.coerce(v) : v;
      if (slot.round && typeof value === 'number') value = slot.round(value);
      else if (slot.children && Array.isArray(value)) value = takeRows(slot.children, value, coerce);
      data[k] = value;
    }
    return data;
  }

  function takeRows(children: Map<string, Slot>, rows: unknown[], coerce: boolean): unknown[] {
    // Stryker disable next-line ArrayDeclaration: sized up front for speed; every index is set below
    const out = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!row || typeof row !== 'object' || Array.isArray(row)) {
        out[i] = row;
        continue;
      }
      const src = row as Record<string, unknown>;
      const copy: Record<string, unknown> = coerce ? { _rowId: typeof src._rowId === 'string' ? src._rowId : `r${i + 1}` } : {};
      for (const ck of Object.keys(src)) {
        if (coerce && ck === '_rowId') continue;
        const cs = children.get(ck);
        const cv = src[ck];
        if (!cs) setKey(copy, ck, cv);
        else if (!(coerce && cs.computed)) {
          let value = coerce && cs.coerce ? cs.coerce(cv) : cv;
          if (cs.round && typeof value === 'number') value = cs.round(value);
          copy[ck] = value;
        }
      }
      out[i] = copy;
    }
    return out;
  }

  return { topSlots, take };
}
