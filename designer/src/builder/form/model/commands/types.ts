// Designer edits as data. A command names fields and containers by id, so the history is JSON:
// it survives a page reload, can be replayed on a fresher draft after a 409, and undo / redo,
// "unsaved changes" and paste all come from one stack. Each handler is pure: `execute` records
// in its context what `revert` needs (diagram-js's CommandHandler, without the mutable canvas).
import type { Field, FormSchema, I18nText } from '@tessera/form-engine';
import type { Position } from '../tree';

export type Command =
  | { type: 'field.add'; fields: Field[]; to: Position }
  | { type: 'fields.paste'; fields: Field[]; to: Position }
  | { type: 'fields.move'; ids: string[]; to: Position }
  | { type: 'fields.remove'; ids: string[] }
  | { type: 'field.update'; id: string; set: Record<string, unknown>; unset?: string[] }
  | { type: 'field.rename'; from: string; to: string }
  /** The tabs of a tabs field or the columns of a columns field: order, labels, spans (never their fields). */
  | { type: 'field.layout'; id: string; items: LayoutItem[] }
  | { type: 'form.update'; set: Record<string, unknown>; unset?: string[] };

export interface LayoutItem {
  id: string;
  label?: I18nText;
  span?: number;
}

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export interface CommandHandler<T extends CommandType, C = unknown> {
  type: T;
  execute(schema: FormSchema, cmd: CommandOf<T>): { schema: FormSchema; context: C };
  revert(schema: FormSchema, cmd: CommandOf<T>, context: C): FormSchema;
  /**
   * Folds `next` into the entry `prev` (typing in one field is one undo step). Returns the merged
   * command, or null when the two must stay separate. The context of `prev` is kept.
   */
  merge?(prev: CommandOf<T>, next: Command): CommandOf<T> | null;
}

export type AnyHandler = CommandHandler<CommandType, unknown>;

/** Declares a handler with its command type narrowed. */
export function defineCommand<T extends CommandType, C>(h: CommandHandler<T, C>): AnyHandler {
  return h as unknown as AnyHandler;
}

/** Thrown when a command cannot apply to the schema it meets (e.g. replayed on a changed draft). */
export class CommandError extends Error {
  constructor(
    readonly code: 'unknown_field' | 'unknown_container' | 'id_taken' | 'not_allowed',
    message: string,
  ) {
    super(message);
  }
}
