// Which fields are selected on the canvas. A store of its own (not React state of the page) so
// that selecting a field re-renders that field and the property panel, not all 200 fields.
export class Selection {
  private ids: readonly string[] = [];
  /** The field a Shift-click extends from. */
  anchor: string | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): readonly string[] => this.ids;

  has(id: string): boolean {
    return this.ids.includes(id);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  set(ids: readonly string[], anchor: string | null = ids[ids.length - 1] ?? null): void {
    const same = ids.length === this.ids.length && ids.every((x, i) => x === this.ids[i]);
    this.anchor = anchor;
    if (same) return;
    this.ids = [...ids];
    for (const fn of this.listeners) fn();
  }

  /** Ctrl/⌘-click: add or take away one field. */
  toggle(id: string): void {
    this.set(this.has(id) ? this.ids.filter((x) => x !== id) : [...this.ids, id], id);
  }

  /** Shift-click: everything between the anchor and `id` in `order` (the visual order of their list). */
  extend(id: string, order: readonly string[]): void {
    const from = this.anchor ? order.indexOf(this.anchor) : -1;
    const to = order.indexOf(id);
    if (from < 0 || to < 0) return this.set([id]);
    const [a, b] = from < to ? [from, to] : [to, from];
    this.set(order.slice(a, b + 1), this.anchor);
  }

  /** Drops ids that no longer exist (after undo, delete or a reload). */
  keep(exists: (id: string) => boolean): void {
    const next = this.ids.filter(exists);
    if (next.length !== this.ids.length) this.set(next, next.includes(this.anchor ?? '') ? this.anchor : next[next.length - 1] ?? null);
  }
}
