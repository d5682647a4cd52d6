// fields.move: one or several fields to a position. `to.index` is where the drop indicator
// stood in the target list as it looked before the move; the fields keep their visual order.
import { listOf, locate, ownerOf, visualOrder, withList } from '../tree';
import { CommandError, defineCommand } from './types';
import { outermost, putBack, takeOut, type Origin } from './positions';

export const fieldsMove = defineCommand<'fields.move', { origins: Origin[]; moved: string[] }>({
  type: 'fields.move',
  execute(schema, cmd) {
    const target = listOf(schema, cmd.to.container);
    if (!target) throw new CommandError('unknown_container', `no container ${cmd.to.container}`);
    const moved = outermost(schema, visualOrder(schema, cmd.ids));
    if (moved.length === 0) throw new CommandError('unknown_field', `no field ${cmd.ids.join(', ')}`);
    const owner = ownerOf(cmd.to.container);
    const holder = owner === undefined ? undefined : locate(schema, owner);
    if (owner !== undefined && (moved.includes(owner) || holder?.ancestors.some((a) => moved.includes(a)))) {
      throw new CommandError('not_allowed', 'a container cannot go into itself');
    }
    // The first field at or after the drop index that stays put: the moved fields go before it.
    const staying = new Set(moved);
    const anchor = target.slice(cmd.to.index).find((f) => !staying.has(f.id))?.id;
    const { schema: without, origins } = takeOut(schema, moved);
    const next = withList(without, cmd.to.container, (list) => {
      const i = anchor === undefined ? list.length : list.findIndex((f) => f.id === anchor);
      return [...list.slice(0, i), ...origins.map((o) => o.field), ...list.slice(i)];
    });
    return { schema: next, context: { origins, moved } };
  },
  revert(schema, _cmd, { origins, moved }) {
    return putBack(takeOut(schema, moved).schema, origins);
  },
});
