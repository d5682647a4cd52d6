// The designer's command stack: every edit of a form goes through `execute`, so undo / redo,
// "unsaved changes", a history that survives a reload and replaying one's edits on a fresher
// draft after a 409 all come from the same entries. Entries are JSON (see commands/types.ts).
import type { FormSchema } from '@tessera/form-engine';
import { commandRegistry, CommandError, type Command, type CommandType } from './commands';
import type { AnyHandler } from './commands/types';
import { planMerge, type MergePlan } from './merge';

export interface StackEntry {
  /** Unique in this stack's life: what a save remembers (an index moves when entries fold). */
  seq: number;
  cmd: Command;
  /** What revert needs; recomputed when an entry is redone or replayed. */
  context: unknown;
  /** When the entry was made (ms), to merge keystrokes into one step. */
  at: number;
}

export interface StackState {
  schema: FormSchema;
  canUndo: boolean;
  canRedo: boolean;
  /** Edits since the last save (or since opening, when never saved). */
  dirty: boolean;
  /** How many undo steps there are. */
  depth: number;
  /** Bumped on every change (cheap equality for subscribers). */
  revision: number;
}

export interface PersistedStack {
  base: FormSchema;
  entries: Array<{ cmd: Command; at: number }>;
  index: number;
  /** -1 when the saved state is no longer in the history. */
  savedIndex: number;
  /** The draft as the server holds it (the base of a 3-way merge after a 409). */
  saved: FormSchema;
}

/** What a save in flight remembers: the entry it sent, by seq. */
export interface SaveToken {
  seq: number;
  schema: FormSchema;
}

export interface StackOptions {
  /** Oldest entries are folded into the base past this many (≥ 100 undo steps are promised). */
  limit?: number;
  /** Updates of the same properties closer than this merge into one step. */
  mergeMs?: number;
  handlers?: readonly AnyHandler[];
}

export class CommandStack {
  private base: FormSchema;
  private entries: StackEntry[] = [];
  private index = 0;
  private savedIndex = 0;
  /** The seq of the newest entry folded into the base (0: none). */
  private baseSeq = 0;
  private nextSeq = 1;
  /** Entries up to this seq were saved or are being saved: never merged into. */
  private sealedSeq = 0;
  private savedSchema: FormSchema;
  private revision = 0;
  private current: FormSchema;
  private state: StackState;
  private readonly listeners = new Set<() => void>();
  private readonly handlers: ReadonlyMap<CommandType, AnyHandler>;
  private readonly limit: number;
  private readonly mergeMs: number;

  constructor(schema: FormSchema, opts: StackOptions = {}) {
    this.base = schema;
    this.current = schema;
    this.savedSchema = schema;
    this.handlers = commandRegistry(opts.handlers);
    this.limit = Math.max(100, opts.limit ?? 300);
    this.mergeMs = opts.mergeMs ?? 1000;
    this.state = this.snapshot();
  }

  get schema(): FormSchema {
    return this.current;
  }

  /** The draft as last saved to (or loaded from) the server. */
  get saved(): FormSchema {
    return this.savedSchema;
  }

  getState = (): StackState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private handler(type: CommandType): AnyHandler {
    const h = this.handlers.get(type);
    if (!h) throw new CommandError('not_allowed', `unknown command ${type}`);
    return h;
  }

  /** Applies a command; throws CommandError (and changes nothing) when it cannot apply. */
  execute(cmd: Command, now = Date.now()): void {
    const h = this.handler(cmd.type);
    const last = this.index > 0 ? this.entries[this.index - 1] : undefined;
    const r = h.execute(this.current, cmd);
    // A keystroke after the previous one, on the same properties, joins its step; never a step
    // that is already saved (the "unsaved changes" mark must not miss it).
    const merged = last && last.cmd.type === cmd.type && last.seq > this.sealedSeq && now - last.at < this.mergeMs ? h.merge?.(last.cmd, cmd) : null;
    // New work cuts off the steps that were undone; if the saved state was among them, the
    // draft can no longer get back to it by undo (it stays "unsaved" until the next save).
    if (this.savedIndex > this.index) this.savedIndex = -1;
    this.entries.length = this.index;
    if (merged && last) {
      last.cmd = merged;
      last.at = now;
    } else {
      this.entries.push({ seq: this.nextSeq++, cmd, context: r.context, at: now });
      this.index++;
    }
    this.current = r.schema;
    if (this.entries.length > this.limit) this.fold(this.entries.length - this.limit);
    this.changed();
  }

  /** Folds the oldest n entries into the base. */
  private fold(n: number): void {
    for (let i = 0; i < n; i++) this.base = this.handler(this.entries[i].cmd.type).execute(this.base, this.entries[i].cmd).schema;
    this.baseSeq = this.entries[n - 1].seq;
    this.entries.splice(0, n);
    this.index -= n;
    if (this.savedIndex >= 0) this.savedIndex = this.savedIndex - n < 0 ? -1 : this.savedIndex - n;
  }

  undo(): boolean {
    if (this.index === 0) return false;
    const e = this.entries[this.index - 1];
    this.current = this.handler(e.cmd.type).revert(this.current, e.cmd, e.context);
    this.index--;
    this.changed();
    return true;
  }

  redo(): boolean {
    if (this.index >= this.entries.length) return false;
    const e = this.entries[this.index];
    const r = this.handler(e.cmd.type).execute(this.current, e.cmd);
    e.context = r.context;
    e.at = 0;
    this.current = r.schema;
    this.index++;
    this.changed();
    return true;
  }

  /**
   * A save starts: remembers what is being sent, and keeps later keystrokes out of the step
   * being sent (they must be a change of their own, still unsaved when the answer comes).
   */
  beginSave(): SaveToken {
    const seq = this.index > 0 ? this.entries[this.index - 1].seq : this.baseSeq;
    this.sealedSeq = Math.max(this.sealedSeq, seq);
    return { seq, schema: this.current };
  }

  /** The save of `token` succeeded: the server holds what was sent, whatever happened since. */
  markSaved(token: SaveToken = this.beginSave()): void {
    this.savedSchema = token.schema;
    if (token.seq === this.baseSeq) this.savedIndex = 0;
    else {
      const at = this.entries.findIndex((e) => e.seq === token.seq);
      this.savedIndex = at < 0 ? -1 : at + 1;
    }
    this.changed();
  }

  /**
   * Starts over from `fresh` (the server's draft) and reapplies `commands` on it. Commands that
   * no longer apply (their field was deleted meanwhile) are skipped and returned.
   */
  rebase(fresh: FormSchema, commands: readonly Command[]): { applied: number; failed: Command[] } {
    this.base = fresh;
    this.current = fresh;
    this.savedSchema = fresh;
    this.entries = [];
    this.index = 0;
    this.savedIndex = 0;
    this.baseSeq = this.nextSeq++;
    this.sealedSeq = this.baseSeq;
    const failed: Command[] = [];
    let applied = 0;
    for (const cmd of commands) {
      try {
        const r = this.handler(cmd.type).execute(this.current, cmd);
        this.entries.push({ seq: this.nextSeq++, cmd, context: r.context, at: 0 });
        this.index++;
        this.current = r.schema;
        applied++;
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        failed.push(cmd);
      }
    }
    this.changed();
    return { applied, failed };
  }

  /**
   * My edits since the last save, reapplied on `fresh` (the server's newer draft): a three-way
   * merge with the saved draft as the base. The stack then starts from `fresh`, my edits as its
   * history (unsaved). Returns how many edits could not apply. `plan`, when given (the one the
   * analyst was shown), is used if it was worked out from these very drafts.
   */
  reapplyOn(fresh: FormSchema, plan?: MergePlan): { skipped: number } {
    const b = plan?.basis;
    if (!plan || b?.base !== this.savedSchema || b.mine !== this.current || b.theirs !== fresh) plan = planMerge(this.savedSchema, this.current, fresh);
    const { failed } = this.rebase(fresh, plan.commands);
    return { skipped: plan.skipped + failed.length };
  }

  toJSON(): PersistedStack {
    return { base: this.base, entries: this.entries.map((e) => ({ cmd: e.cmd, at: e.at })), index: this.index, savedIndex: this.savedIndex, saved: this.savedSchema };
  }

  /** Rebuilds a stack from its JSON by replaying it; stops at the first entry that no longer applies. */
  static fromJSON(data: PersistedStack, opts: StackOptions = {}): CommandStack {
    const s = new CommandStack(data.base, opts);
    s.savedSchema = data.saved ?? data.base;
    let complete = true;
    for (let i = 0; i < data.entries.length; i++) {
      const e = data.entries[i];
      if (i < data.index) {
        try {
          const r = s.handler(e.cmd.type).execute(s.current, e.cmd);
          s.entries.push({ seq: s.nextSeq++, cmd: e.cmd, context: r.context, at: 0 });
          s.current = r.schema;
          s.index++;
        } catch (err) {
          if (!(err instanceof CommandError)) throw err;
          complete = false;
          break;
        }
      } else if (complete) s.entries.push({ seq: s.nextSeq++, cmd: e.cmd, context: null, at: 0 });
    }
    s.savedIndex = complete && data.savedIndex >= 0 && data.savedIndex <= s.entries.length ? data.savedIndex : -1;
    s.sealedSeq = s.nextSeq;
    s.changed();
    return s;
  }

  private snapshot(): StackState {
    return {
      schema: this.current,
      canUndo: this.index > 0,
      canRedo: this.index < this.entries.length,
      dirty: this.index !== this.savedIndex,
      depth: this.index,
      revision: this.revision,
    };
  }

  private changed(): void {
    this.revision++;
    this.state = this.snapshot();
    for (const fn of this.listeners) fn();
  }
}
