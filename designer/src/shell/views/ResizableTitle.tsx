// A table header cell whose right edge can be dragged (or moved with the arrow keys when focused)
// to set the column's width. The width changes on screen while dragging and is handed to the view
// once, when the drag ends, so a drag is one unsaved change, not hundreds.
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ThHTMLAttributes } from 'react';

export interface ResizeProps {
  width?: number;
  /** The column's name, for the handle's accessible name. */
  label?: string;
  onResized?: (width: number) => void;
}

const MIN = 60;
const MAX = 1200;

export function ResizableTitle({ width, label, onResized, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & ResizeProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const start = useRef<{ x: number; w: number } | null>(null);
  if (!onResized) return <th {...rest} />;
  const shown = dragging ?? width;
  const down = (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const th = (e.currentTarget.parentElement as HTMLElement | null)?.getBoundingClientRect().width ?? width ?? 120;
    start.current = { x: e.clientX, w: width ?? Math.round(th) };
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragging(start.current.w);
  };
  const move = (e: PointerEvent<HTMLSpanElement>) => {
    if (!start.current) return;
    setDragging(Math.min(MAX, Math.max(MIN, Math.round(start.current.w + e.clientX - start.current.x))));
  };
  const up = () => {
    if (start.current && dragging !== null && dragging !== start.current.w) onResized(dragging);
    start.current = null;
    setDragging(null);
  };
  const key = (e: KeyboardEvent<HTMLSpanElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const th = (e.currentTarget.parentElement as HTMLElement | null)?.getBoundingClientRect().width ?? 120;
    const w = width ?? Math.round(th);
    onResized(Math.min(MAX, Math.max(MIN, w + (e.key === 'ArrowRight' ? 20 : -20))));
  };
  return (
    <th {...rest} style={{ ...rest.style, ...(shown ? { width: shown, maxWidth: shown } : {}), position: 'relative' }}>
      {rest.children}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={shown}
        tabIndex={0}
        className="tessera-col-resize"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={key}
        onClick={(e) => e.stopPropagation()}
        style={{ position: 'absolute', right: 0, top: 0, bottom: 0, width: 8, cursor: 'col-resize', zIndex: 2, touchAction: 'none' }}
      />
    </th>
  );
}
