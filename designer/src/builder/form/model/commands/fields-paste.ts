// fields.paste: copied fields (already given fresh ids by the clipboard) at a position. Same
// effect as field.add; a command of its own so the history says what the analyst did.
import { addingCommand } from './field-add';

export const fieldsPaste = addingCommand('fields.paste');
