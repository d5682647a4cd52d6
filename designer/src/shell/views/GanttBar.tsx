// One record's bar on the Gantt's time axis, dragged with plain pointer events (a horizontal
// drag needs no more): the bar moves both dates, an edge moves one; the drag snaps to whole days
// and commits once, on release. A press without a move is a click (it opens the record), as is
// Enter on the focused bar.
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { theme } from 'antd';
import { useCalendarT } from './calendarStrings';

export type BarDrag = 'move' | 'start' | 'end';

/** Pixels a press may travel and still be a click. */
const CLICK_SLOP = 4;
const EDGE = 8;

export interface BarProps {
  /** Position and width in pixels on the track. */
  left: number;
  width: number;
  dayWidth: number;
  label: string;
  /** The accessible name (title and dates). */
  name: string;
  draggable: boolean;
  recordId: string;
  onOpen(): void;
  onDrag(kind: BarDrag, days: number): void;
}

export function GanttBar({ left, width, dayWidth, label, name, draggable, recordId, onOpen, onDrag }: BarProps) {
  const { c } = useCalendarT();
  const { token } = theme.useToken();
  const [drag, setDrag] = useState<{ kind: BarDrag; x0: number; dx: number } | null>(null);
  // A drag may end in a click on the bar too: a click just after a drag opens nothing.
  const draggedAt = useRef(0);

  const down = (kind: BarDrag) => (e: ReactPointerEvent<HTMLElement>) => {
    if (!draggable || e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ kind, x0: e.clientX, dx: 0 });
  };
  const move = (e: ReactPointerEvent<HTMLElement>) => {
    if (drag) setDrag({ ...drag, dx: e.clientX - drag.x0 });
  };
  // An edge's moves and release bubble up to the bar's handlers (the edge has none: one release, one write).
  const up = () => {
    if (!drag) return;
    const { kind, dx } = drag;
    setDrag(null);
    if (Math.abs(dx) < CLICK_SLOP) return; // the click that follows opens the record
    draggedAt.current = Date.now();
    const days = Math.round(dx / dayWidth);
    if (days !== 0) onDrag(kind, days);
  };
  const cancel = () => setDrag(null);

  // While dragged: where the bar would land (snapped to days).
  const shift = drag ? Math.round(drag.dx / dayWidth) * dayWidth : 0;
  const l = drag?.kind === 'end' ? left : left + shift;
  const w = drag?.kind === 'move' || !drag ? width : drag.kind === 'start' ? width - shift : width + shift;
  const edge = (kind: 'start' | 'end') => (
    <span
      aria-hidden
      title={kind === 'start' ? c.startEdge : c.endEdge}
      data-edge={kind}
      onPointerDown={down(kind)}
      style={{ position: 'absolute', top: 0, bottom: 0, [kind === 'start' ? 'left' : 'right']: 0, width: EDGE, cursor: 'ew-resize', touchAction: 'none' }}
    />
  );
  return (
    <button
      type="button"
      data-bar={recordId}
      aria-label={name}
      title={name}
      onPointerDown={down('move')}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={cancel}
      onClick={() => {
        if (Date.now() - draggedAt.current > 300) onOpen();
      }}
      style={{
        position: 'absolute',
        top: 8,
        height: 24,
        left: l,
        width: Math.max(w, 6),
        padding: `0 ${EDGE + 2}px`,
        border: 'none',
        borderRadius: 4,
        background: w < 1 ? token.colorErrorBg : token.colorPrimary,
        color: token.colorWhite,
        fontSize: 12,
        lineHeight: '24px',
        textAlign: 'start',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        cursor: draggable ? (drag ? 'grabbing' : 'grab') : 'pointer',
        touchAction: draggable ? 'none' : undefined,
        boxShadow: drag ? token.boxShadowSecondary : undefined,
        opacity: drag ? 0.85 : 1,
        zIndex: drag ? 2 : 1,
      }}
    >
      {label}
      {draggable ? edge('start') : null}
      {draggable ? edge('end') : null}
    </button>
  );
}
