// Where a drag would drop: from the droppable under the pointer (the innermost one), the
// pointer's position and the layout of that list, to a container, an index and the line that
// shows it. Pure, so the same answer serves the indicator, the drop and the tests.
import type { ContainerKey } from './model/tree';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What each droppable says about itself (dnd-kit `data`). */
export type DropData =
  | { kind: 'field'; id: string; container: ContainerKey; index: number; axis: 'x' | 'y' }
  | { kind: 'zone'; container: ContainerKey; count: number; axis: 'x' | 'y' };

export interface Target {
  container: ContainerKey;
  index: number;
  /** The insertion line, in viewport coordinates. */
  line: Box;
}

const LINE = 3;

function lineAt(r: Box, axis: 'x' | 'y', after: boolean): Box {
  return axis === 'y'
    ? { left: r.left, top: (after ? r.top + r.height : r.top) - LINE / 2, width: r.width, height: LINE }
    : { left: (after ? r.left + r.width : r.left) - LINE / 2, top: r.top, width: LINE, height: r.height };
}

/**
 * The drop target for the pointer over `over`. On a field: before or after it, by the half the
 * pointer is in. In a list's free space: before the first item whose middle is past the
 * pointer, else at the end. `siblings` are the field droppables of the zone's list.
 */
export function targetOf(over: { data: DropData; rect: Box }, p: { x: number; y: number }, siblings: Array<{ index: number; rect: Box }>): Target {
  const { data, rect } = over;
  if (data.kind === 'field') {
    const after = data.axis === 'y' ? p.y > rect.top + rect.height / 2 : p.x > rect.left + rect.width / 2;
    return { container: data.container, index: data.index + (after ? 1 : 0), line: lineAt(rect, data.axis, after) };
  }
  const sorted = [...siblings].sort((a, b) => a.index - b.index);
  const next = sorted.find((s) => {
    // Items flow in rows: in the same row as the pointer, compare across; otherwise by rows.
    if (data.axis === 'x') return p.x < s.rect.left + s.rect.width / 2;
    const sameRow = p.y >= s.rect.top && p.y <= s.rect.top + s.rect.height;
    return sameRow ? p.x < s.rect.left + s.rect.width / 2 : p.y < s.rect.top + s.rect.height / 2;
  });
  if (next) return { container: data.container, index: next.index, line: lineAt(next.rect, data.axis, false) };
  const last = sorted[sorted.length - 1];
  if (last) return { container: data.container, index: data.count, line: lineAt(last.rect, data.axis, true) };
  // An empty list: the line across the middle of the zone.
  return { container: data.container, index: 0, line: data.axis === 'y' ? { left: rect.left + 8, top: rect.top + rect.height / 2, width: Math.max(0, rect.width - 16), height: LINE } : { left: rect.left + 8, top: rect.top + 4, width: LINE, height: Math.max(0, rect.height - 8) } };
}

/** A tiny store for the current target, so only the indicator re-renders while dragging. */
export class TargetStore {
  private value: (Target & { allowed: boolean; reason?: string }) | null = null;
  private readonly listeners = new Set<() => void>();
  get = () => this.value;
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  set(v: (Target & { allowed: boolean; reason?: string }) | null): void {
    const a = this.value;
    if (a === v || (a && v && a.container === v.container && a.index === v.index && a.allowed === v.allowed && a.line.left === v.line.left && a.line.top === v.line.top)) return;
    this.value = v;
    for (const fn of this.listeners) fn();
  }
}
