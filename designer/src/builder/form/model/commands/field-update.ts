// field.update: sets (and unsets) properties of one field. Typing in the property panel sends
// one update per keystroke; consecutive updates of the same properties of the same field merge
// into one undo step (the stack decides how close in time they must be).
import type { Field } from '@tessera/form-engine';
import { CHILD_KEYS, locate, withField } from '../tree';
import { CommandError, defineCommand } from './types';

export interface Before {
  /** Old values of the keys that existed. */
  values: Record<string, unknown>;
  /** Keys that did not exist before. */
  absent: string[];
}

/** Applies set / unset to an object, and records what revert needs. */
export function applyChange<T extends object>(obj: T, set: Record<string, unknown>, unset: readonly string[] = []): { next: T; before: Before } {
  const before: Before = { values: {}, absent: [] };
  const next = { ...obj } as Record<string, unknown>;
  for (const key of touched({ set, unset })) {
    if (key in before.values || before.absent.includes(key)) continue;
    if (Object.prototype.hasOwnProperty.call(obj, key)) before.values[key] = (obj as Record<string, unknown>)[key];
    else before.absent.push(key);
  }
  for (const [k, v] of Object.entries(set)) next[k] = v;
  for (const k of unset) delete next[k];
  return { next: next as T, before };
}

export function restore<T extends object>(obj: T, before: Before): T {
  const next = { ...obj } as Record<string, unknown>;
  for (const k of before.absent) delete next[k];
  Object.assign(next, before.values);
  return next as T;
}

type Change = { set: Record<string, unknown>; unset?: readonly string[] };

/** The properties a set / unset change touches. */
export const touched = (c: Change): string[] => [...Object.keys(c.set), ...(c.unset ?? [])];

/** The same for any order (changes to the same properties merge into one undo step). */
export const keysOf = (c: Change): string => touched(c).sort().join('|');

export const fieldUpdate = defineCommand<'field.update', Before>({
  type: 'field.update',
  execute(schema, cmd) {
    if ('id' in cmd.set) throw new CommandError('not_allowed', 'use field.rename to change an id');
    // What a field holds changes by its own commands (add, move, remove, layout): an update that
    // carried children would bring back stale copies of them when replayed on another draft.
    const held = touched(cmd).find((k) => CHILD_KEYS.has(k));
    if (held) throw new CommandError('not_allowed', `field.update cannot change ${held}`);
    if (!locate(schema, cmd.id)) throw new CommandError('unknown_field', `no field ${cmd.id}`);
    let before: Before = { values: {}, absent: [] };
    const next = withField(schema, cmd.id, (f) => {
      const r = applyChange(f, cmd.set, cmd.unset);
      before = r.before;
      return r.next as Field;
    });
    return { schema: next, context: before };
  },
  revert: (schema, cmd, before) => withField(schema, cmd.id, (f) => restore(f, before)),
  merge(prev, next) {
    if (next.type !== 'field.update' || next.id !== prev.id) return null;
    return keysOf(prev) === keysOf(next) ? next : null;
  },
});
