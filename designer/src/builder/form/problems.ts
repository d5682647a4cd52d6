// The problems the form engine finds in the draft (an id used twice, a formula naming a deleted
// field, a relation without a form …), checked a moment after each edit with the very check
// the server runs at save and publish, and marked on the canvas by field.
import { useCallback, useSyncExternalStore } from 'react';
import type { FormEngine, FormSchema, Issue, Locale } from '@tessera/form-engine';

const NONE: readonly Issue[] = [];

export class ProblemStore {
  private issues: readonly Issue[] = NONE;
  private byField = new Map<string, Issue[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly engine: FormEngine,
    private readonly locale: Locale,
    private readonly siblings: readonly FormSchema[],
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  all = (): readonly Issue[] => this.issues;

  of(fieldId: string): readonly Issue[] {
    return this.byField.get(fieldId) ?? NONE;
  }

  /** Checks now. */
  check(schema: FormSchema): readonly Issue[] {
    clearTimeout(this.timer);
    const others = new Map(this.siblings.map((f) => [f.id, f]));
    const r = this.engine.checkSchema(schema, { forms: (id) => others.get(id), locale: this.locale });
    this.issues = r.ok ? NONE : r.issues;
    const by = new Map<string, Issue[]>();
    for (const i of this.issues) {
      const id = i.fieldId || '';
      by.set(id, [...(by.get(id) ?? []), i]);
    }
    this.byField = by;
    for (const fn of this.listeners) fn();
    return this.issues;
  }

  /** Checks shortly after the last edit (typing stays smooth on big forms). */
  schedule(schema: FormSchema, ms = 200): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(schema), ms);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

export function useProblems(store: ProblemStore): readonly Issue[] {
  return useSyncExternalStore(store.subscribe, store.all);
}

export function useProblemsOf(store: ProblemStore, fieldId: string): readonly Issue[] {
  const get = useCallback(() => store.of(fieldId), [store, fieldId]);
  return useSyncExternalStore(store.subscribe, get);
}
