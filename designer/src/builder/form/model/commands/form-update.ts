// form.update: the form's own properties (title, description, title field, form-level rules).
import { CommandError, defineCommand } from './types';
import { applyChange, keysOf, restore, touched, type Before } from './field-update';

/** The form's own properties form.update may not change (its id, its version, its fields). */
export const FORM_LOCKED: ReadonlySet<string> = new Set(['id', 'version', 'fields']);

export const formUpdate = defineCommand<'form.update', Before>({
  type: 'form.update',
  execute(schema, cmd) {
    const bad = touched(cmd).find((k) => FORM_LOCKED.has(k));
    if (bad) throw new CommandError('not_allowed', `form.update cannot change ${bad}`);
    const { next, before } = applyChange(schema, cmd.set, cmd.unset);
    return { schema: next, context: before };
  },
  revert: (schema, _cmd, before) => restore(schema, before),
  merge(prev, next) {
    return next.type === 'form.update' && keysOf(prev) === keysOf(next) ? next : null;
  },
});
