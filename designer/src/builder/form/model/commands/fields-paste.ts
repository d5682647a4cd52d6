// fields.paste: copied fields (already given fresh ids by the clipboard) at a position. Same
// effect as field.add; a command of its own so the history says what the analyst did.
import { defineCommand } from './types';
import { addFields, removeAdded } from './field-add';

export const fieldsPaste = defineCommand<'fields.paste', null>({
  type: 'fields.paste',
  execute: (schema, cmd) => ({ schema: addFields(schema, cmd), context: null }),
  revert: (schema, cmd) => removeAdded(schema, cmd),
});
