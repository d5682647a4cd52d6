// field.add: new fields at a position (from the palette, by drag or by Enter). The fields,
// with their ids, are part of the command, so redo gives back the very same fields.
import type { FormSchema } from '@tessera/form-engine';
import { insertAt, listOf, usedIds, withList } from '../tree';
import { CommandError, defineCommand, type Command } from './types';
import { fieldIdsOf } from './ids';

type Adding = Extract<Command, { type: 'field.add' | 'fields.paste' }>;

function addFields(schema: FormSchema, cmd: Adding): FormSchema {
  if (!listOf(schema, cmd.to.container)) throw new CommandError('unknown_container', `no container ${cmd.to.container}`);
  const taken = usedIds(schema);
  const clash = cmd.fields.flatMap(fieldIdsOf).find((id) => taken.has(id));
  if (clash) throw new CommandError('id_taken', `id ${clash} is taken`);
  return insertAt(schema, cmd.to, cmd.fields);
}

function removeAdded(schema: FormSchema, cmd: Adding): FormSchema {
  const ids = new Set(cmd.fields.map((f) => f.id));
  return withList(schema, cmd.to.container, (list) => list.filter((f) => !ids.has(f.id)));
}

/** A command that adds fields (field.add, fields.paste: the same effect, told apart in the history). */
export const addingCommand = (type: Adding['type']) =>
  defineCommand<Adding['type'], null>({
    type,
    execute: (schema, cmd) => ({ schema: addFields(schema, cmd), context: null }),
    revert: (schema, cmd) => removeAdded(schema, cmd),
  });

export const fieldAdd = addingCommand('field.add');
