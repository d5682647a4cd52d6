// form.update: the form's own properties (title, description, title field, form-level rules).
import { CommandError, defineCommand } from './types';
import { applyChange, restore, type Before } from './field-update';

const LOCKED = new Set(['id', 'version', 'fields']);

export const formUpdate = defineCommand<'form.update', Before>({
  type: 'form.update',
  execute(schema, cmd) {
    const bad = [...Object.keys(cmd.set), ...(cmd.unset ?? [])].find((k) => LOCKED.has(k));
    if (bad) throw new CommandError('not_allowed', `form.update cannot change ${bad}`);
    const { next, before } = applyChange(schema, cmd.set, cmd.unset);
    return { schema: next, context: before };
  },
  revert: (schema, _cmd, before) => restore(schema, before),
  merge(prev, next) {
    if (next.type !== 'form.update') return null;
    const keys = (c: { set: Record<string, unknown>; unset?: string[] }) => [...Object.keys(c.set), ...(c.unset ?? [])].sort().join('|');
    return keys(prev) === keys(next) ? next : null;
  },
});
