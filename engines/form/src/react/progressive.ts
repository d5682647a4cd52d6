// Drawing a long list a screenful at a time, and the User Timing marks that say when a page is
// usable and when it is complete (the benchmarks and monitoring read them by name).
import { startTransition, useEffect, useState } from 'react';

/** A User Timing mark for the page on screen now (the previous page's is dropped, so they do not pile up). */
export function markOnce(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Runs `fn` once the next frame has been drawn; returns a cancel. */
export function afterNextFrame(fn: () => void): () => void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn();
  const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
  return () => {
    cancelAnimationFrame(frame);
    channel.port1.close();
  };
}

export interface ProgressiveOptions {
  /** Drawn at once. */
  first: number;
  /** Added in each following task. */
  step: number;
  /** Marked (markOnce) on the frame after all `total` are drawn. */
  mark?: string;
  /** Off: everything at once, and no mark. */
  on?: boolean;
}

/**
 * How many of `total` items to draw now. A big form opens a screenful at a time: the first items
 * at once, the rest in the following tasks as interruptible updates (typing or a click goes
 * first), so it is usable before item 200 exists.
 */
export function useProgressive(total: number, { first, step, mark, on = true }: ProgressiveOptions): number {
  const [limit, setLimit] = useState(on ? first : Infinity);
  useEffect(() => {
    if (!on) return;
    if (limit >= total) return mark ? afterNextFrame(() => markOnce(mark)) : undefined;
    const h = setTimeout(() => startTransition(() => setLimit((l) => l + step)), 0);
    return () => clearTimeout(h);
  }, [limit, total, on, step, mark]);
  return on ? limit : Infinity;
}
