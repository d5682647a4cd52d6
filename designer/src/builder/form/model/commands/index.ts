// The designer's command handlers, by type. A registry is made per stack, never shared.
import type { AnyHandler, CommandType } from './types';
import { fieldAdd } from './field-add';
import { fieldsPaste } from './fields-paste';
import { fieldsMove } from './fields-move';
import { fieldsRemove } from './fields-remove';
import { fieldUpdate } from './field-update';
import { fieldRename } from './field-rename';
import { formUpdate } from './form-update';
import { fieldLayout } from './field-layout';

export type { Command, CommandType, CommandOf, LayoutItem } from './types';
export { CommandError } from './types';
export { renameField } from './field-rename';

export const BUILTIN_COMMANDS: readonly AnyHandler[] = [fieldAdd, fieldsPaste, fieldsMove, fieldsRemove, fieldUpdate, fieldRename, formUpdate, fieldLayout];

export function commandRegistry(handlers: readonly AnyHandler[] = BUILTIN_COMMANDS): ReadonlyMap<CommandType, AnyHandler> {
  return new Map(handlers.map((h) => [h.type, h]));
}
