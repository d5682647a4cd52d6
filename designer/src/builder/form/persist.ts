// The designer's history in localStorage, per form: reloading the page (or the browser
// crashing) keeps every unsaved edit and the undo history. Stored with the server draft version
// it was based on, so edits made on an older draft are replayed on the newer one.
import type { FormSchema } from '@tessera/form-engine';
import { CommandStack, type PersistedStack } from './model/stack';

interface Stored {
  serverVersion: number;
  stack: PersistedStack;
}

const keyOf = (appId: string, formId: string) => `tessera.designer.${appId}.${formId}`;

export function saveHistory(appId: string, formId: string, serverVersion: number, stack: CommandStack): void {
  try {
    localStorage.setItem(keyOf(appId, formId), JSON.stringify({ serverVersion, stack: stack.toJSON() } satisfies Stored));
  } catch {
    // Storage full or disabled: the designer still works, only the history will not survive a
    // reload. An older copy must not stay behind to be replayed later as if it were current.
    try {
      localStorage.removeItem(keyOf(appId, formId));
    } catch {
      /* storage disabled */
    }
  }
}

export function clearHistory(appId: string, formId: string): void {
  localStorage.removeItem(keyOf(appId, formId));
}

export type Restored =
  | { kind: 'fresh'; stack: CommandStack }
  | { kind: 'restored'; stack: CommandStack; unsaved: boolean }
  | { kind: 'rebased'; stack: CommandStack; skipped: number };

/** The stack to open the designer with: the stored history when it is still good, else a fresh one. */
export function openStack(appId: string, formId: string, draft: FormSchema, serverVersion: number): Restored {
  let stored: Stored | null;
  try {
    stored = JSON.parse(localStorage.getItem(keyOf(appId, formId)) ?? 'null') as Stored | null;
  } catch {
    stored = null;
  }
  if (stored && stored.stack && Array.isArray(stored.stack.entries)) {
    try {
      const stack = CommandStack.fromJSON(stored.stack);
      if (stored.serverVersion === serverVersion) return { kind: 'restored', stack, unsaved: stack.getState().dirty };
      // Saved meanwhile (elsewhere): my unsaved edits, if any, go onto the newer draft.
      if (stack.getState().dirty) {
        const { skipped } = stack.reapplyOn(draft);
        return { kind: 'rebased', stack, skipped };
      }
    } catch {
      /* a history from an incompatible version: start afresh */
    }
  }
  return { kind: 'fresh', stack: new CommandStack(draft) };
}
