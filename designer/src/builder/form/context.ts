// What the designer's parts share: the command stack, the selection, the form engine, the
// other forms of the app (relations, lookups) and the problems the engine finds in the draft.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Conditions, FormEngine, FormSchema } from '@tessera/form-engine';
import type { CommandStack, StackState } from './model/stack';
import type { Selection } from './model/selection';
import type { Command } from './model/commands';
import type { ProblemStore } from './problems';

export interface DesignerApi {
  stack: CommandStack;
  selection: Selection;
  engine: FormEngine;
  /** The operators table (rule builder). */
  conditions: Conditions;
  problems: ProblemStore;
  appId: string;
  /** Drafts of the app's other forms (for relations and lookups). */
  siblings: FormSchema[];
  /** Field ids of the published version: their ids can no longer change. */
  publishedIds: ReadonlySet<string>;
  /** Runs a command, saying why in a message when it cannot apply. */
  run(cmd: Command): boolean;
  /** Speaks to screen readers (aria-live). */
  announce(text: string): void;
  /** Says why something cannot be done (a move or paste the rules refuse). */
  refuse(reason: 'referenced'): void;
}

export const DesignerContext = createContext<DesignerApi | null>(null);

export function useDesigner(): DesignerApi {
  const d = useContext(DesignerContext);
  if (!d) throw new Error('useDesigner outside the designer');
  return d;
}

export function useStackState(): StackState {
  const { stack } = useDesigner();
  return useSyncExternalStore(stack.subscribe, stack.getState);
}

export function useIsSelected(id: string): boolean {
  const { selection } = useDesigner();
  const get = useCallback(() => selection.has(id), [selection, id]);
  return useSyncExternalStore(selection.subscribe, get);
}

export function useSelectedIds(): readonly string[] {
  const { selection } = useDesigner();
  return useSyncExternalStore(selection.subscribe, selection.get);
}
