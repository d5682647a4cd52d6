// fields.remove: deletes fields (and what containers hold); revert puts them back in place.
import { visualOrder } from '../tree';
import { CommandError, defineCommand } from './types';
import { outermost, putBack, takeOut, type Origin } from './positions';

export const fieldsRemove = defineCommand<'fields.remove', { origins: Origin[] }>({
  type: 'fields.remove',
  execute(schema, cmd) {
    const ids = outermost(schema, visualOrder(schema, cmd.ids));
    if (ids.length === 0) throw new CommandError('unknown_field', `no field ${cmd.ids.join(', ')}`);
    const { schema: next, origins } = takeOut(schema, ids);
    return { schema: next, context: { origins } };
  },
  revert: (schema, _cmd, { origins }) => putBack(schema, origins),
});
