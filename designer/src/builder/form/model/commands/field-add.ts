// field.add: new fields at a position (from the palette, by drag or by Enter). The fields,
// with their ids, are part of the command, so redo gives back the very same fields.
import type { FormSchema } from '@tessera/form-engine';
import { insertAt, listOf, usedIds, withList } from '../tree';
import { CommandError, defineCommand, type Command } from './types';
import { fieldIdsOf } from './ids';

type Adding = Extract<Command, { type: 'field.add' | 'fields.paste' }>;

export function addFields(schema: FormSchema, cmd: Adding): FormSchema {
  if (!listOf(schema, cmd.to.container)) throw new CommandError('unknown_container', `no container ${cmd.to.container}`);
  const taken = usedIds(schema);
  const clash = cmd.fields.flatMap(fieldIdsOf).find((id) => taken.has(id));
  if (clash) throw new CommandError('id_taken', `id ${clash} is taken`);
  return insertAt(schema, cmd.to, cmd.fields);
}

export function removeAdded(schema: FormSchema, cmd: Adding): FormSchema {
  const ids = new Set(cmd.fields.map((f) => f.id));
  return withList(schema, cmd.to.container, (list) => list.filter((f) => !ids.has(f.id)));
}

export const fieldAdd = defineCommand<'field.add', null>({
  type: 'field.add',
  execute: (schema, cmd) => ({ schema: addFields(schema, cmd), context: null }),
  revert: (schema, cmd) => removeAdded(schema, cmd),
});
