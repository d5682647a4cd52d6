// Structural sharing across postMessage: the preview frame receives a fresh copy of the draft
// on every edit, which would make every field look changed to React's memoised cells. `reuse`
// hands back the previous objects wherever nothing changed (list items matched by id), so an
// edit re-renders the field it touched, not all 200.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (isObject(v) && typeof v.id === 'string' ? v.id : undefined);

export function reuse<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const byId = new Map<string, unknown>();
    for (const p of prev) {
      const id = idOf(p);
      if (id !== undefined) byId.set(id, p);
    }
    let same = prev.length === next.length;
    const out = next.map((x, i) => {
      const id = idOf(x);
      const before = id !== undefined && byId.has(id) ? byId.get(id) : prev[i];
      const r = reuse(before, x);
      if (r !== prev[i]) same = false;
      return r;
    });
    return (same ? prev : out) as T;
  }
  if (isObject(prev) && isObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const r = reuse(prev[k], next[k]);
      if (r !== prev[k] || !(k in prev)) same = false;
      out[k] = r;
    }
    return (same ? prev : out) as T;
  }
  return next;
}
