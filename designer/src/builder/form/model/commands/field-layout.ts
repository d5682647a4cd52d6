// field.layout: the tabs of a tabs field, or the columns of a columns field — their order,
// labels and widths, new empty ones, removed ones (with what they held). The command carries
// only the tabs' own properties, never their fields, so replaying it on another analyst's draft
// cannot bring back stale copies of fields that were moved meanwhile.
import type { Field } from '@tessera/form-engine';
import { locate, usedIds, withField } from '../tree';
import { isValidId } from '../fieldTypes';
import { CommandError, defineCommand } from './types';

type Tabs = Extract<Field, { type: 'tabs' }>;
type Columns = Extract<Field, { type: 'columns' }>;
type Layout = Tabs | Columns;

export const fieldLayout = defineCommand<'field.layout', { before: Tabs['tabs'] | Columns['columns'] }>({
  type: 'field.layout',
  execute(schema, cmd) {
    const at = locate(schema, cmd.id);
    if (!at) throw new CommandError('unknown_field', `no field ${cmd.id}`);
    const f = at.field;
    if (f.type !== 'tabs' && f.type !== 'columns') throw new CommandError('not_allowed', `${cmd.id} has no tabs or columns`);
    if (!cmd.items.length) throw new CommandError('not_allowed', 'at least one tab or column');
    const current = f.type === 'tabs' ? f.tabs : f.columns;
    const own = new Set(current.map((x) => x.id));
    const taken = usedIds(schema);
    const ids = new Set<string>();
    for (const it of cmd.items) {
      if (!isValidId(it.id) || ids.has(it.id) || (!own.has(it.id) && taken.has(it.id))) throw new CommandError('id_taken', `id ${it.id} is taken`);
      ids.add(it.id);
    }
    const next = withField(schema, cmd.id, (field) => {
      const lay = field as Layout;
      const list = lay.type === 'tabs' ? lay.tabs : lay.columns;
      const items = cmd.items.map((it) => {
        const { fields = [] } = (list as Array<{ id: string; fields: Field[] }>).find((x) => x.id === it.id) ?? {};
        return lay.type === 'tabs' ? { id: it.id, label: it.label ?? '', fields } : { id: it.id, ...(it.span !== undefined ? { span: it.span } : {}), fields };
      });
      return lay.type === 'tabs' ? { ...lay, tabs: items as Tabs['tabs'] } : { ...lay, columns: items as Columns['columns'] };
    });
    return { schema: next, context: { before: current } };
  },
  revert: (schema, cmd, { before }) =>
    withField(schema, cmd.id, (f) => (f.type === 'tabs' ? { ...f, tabs: before as Tabs['tabs'] } : ({ ...f, columns: before as Columns['columns'] } as Field))),
  merge(prev, next) {
    return next.type === 'field.layout' && next.id === prev.id && next.items.length === prev.items.length ? next : null;
  },
});
