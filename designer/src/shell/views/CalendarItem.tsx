// One record on the calendar: its time (a datetime), its title and its card fields, as the table
// shows them. A button opens it (Tab, Enter); a pointer drags it to another day or hour (dnd-kit,
// a few pixels first, so a click is still a click); "move to…" does the same from the keyboard.
import type { CSSProperties } from 'react';
import { Button, Tooltip, theme } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { fmt } from '../../lib/i18n';
import { useCalendarT } from './calendarStrings';
import type { CardDisplay } from './cardDisplay';
import type { Rec } from './rangeRecords';

export interface ItemProps {
  rec: Rec;
  display: CardDisplay;
  /** "08:30" for a datetime; null for a date. */
  time: string | null;
  /** May the caller change its date (and is dragging on here). */
  draggable: boolean;
  editable: boolean;
  /** Card fields on a second line (week and day modes, the agenda); the month shows them in a tooltip line too. */
  full?: boolean;
  /** A day's full label, for the accessible name ("3月9日 周一"). */
  when: string;
  onOpen(id: string): void;
  onMove(rec: Rec): void;
}

export function CalendarItem({ rec, display, time, draggable, editable, full = false, when, onOpen, onMove }: ItemProps) {
  const { c } = useCalendarT();
  const { token } = theme.useToken();
  // One draggable per record: a copy that is not dragged (the "+N more" pop-up, the agenda) has an id of its own.
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: draggable ? rec._id : `still:${rec._id}`, disabled: !draggable });
  const name = display.title(rec);
  const extra = display.cardFields.filter((f) => display.text(f, rec));
  const tip = [name, ...extra.map((f) => display.text(f, rec))].join(' · ');
  const box: CSSProperties = {
    display: 'flex',
    alignItems: 'flex-start',
    gap: 2,
    background: token.colorPrimaryBg,
    borderInlineStart: `3px solid ${token.colorPrimary}`,
    borderRadius: 4,
    marginBottom: 2,
    opacity: isDragging ? 0.4 : 1,
    cursor: draggable ? 'grab' : 'pointer',
    touchAction: draggable ? 'none' : undefined,
    minWidth: 0,
  };
  return (
    <div ref={setNodeRef} {...(draggable ? listeners : {})} style={box} data-record={rec._id} className="tessera-cal-item">
      <Tooltip title={full ? null : tip} mouseEnterDelay={0.6}>
        <button
          type="button"
          onClick={() => onOpen(rec._id)}
          aria-label={fmt(c.itemLabel, { name: tip, when: time ? `${when} ${time}` : when })}
          style={{ all: 'unset', cursor: 'inherit', flex: 1, minWidth: 0, padding: '1px 4px', fontSize: 12, lineHeight: '18px', outlineOffset: 1 }}
        >
          <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {time ? <span style={{ color: token.colorTextSecondary, marginInlineEnd: 4 }}>{time}</span> : null}
            <span style={{ fontWeight: 500 }}>{name}</span>
          </div>
          {extra.length ? (
            <div style={{ display: 'flex', flexWrap: full ? 'wrap' : 'nowrap', gap: 4, overflow: 'hidden', color: token.colorTextSecondary, whiteSpace: 'nowrap' }}>
              {extra.map((f) => <span key={f.id} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{display.cell(f, rec)}</span>)}
            </div>
          ) : null}
        </button>
      </Tooltip>
      {editable ? (
        <Button
          type="text"
          size="small"
          className="tessera-cal-move"
          icon={<SwapOutlined aria-hidden />}
          aria-label={fmt(c.moveNamed, { name })}
          title={c.moveTo}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => onMove(rec)}
          style={{ height: 20, width: 20, minWidth: 20, flex: 'none' }}
        />
      ) : null}
    </div>
  );
}

/** The look of an item while it is dragged (dnd-kit's overlay, above everything). */
export function ItemGhost({ text }: { text: string }) {
  const { token } = theme.useToken();
  return (
    <div style={{ background: token.colorPrimaryBg, borderInlineStart: `3px solid ${token.colorPrimary}`, borderRadius: 4, padding: '1px 6px', fontSize: 12, boxShadow: token.boxShadowSecondary, whiteSpace: 'nowrap', cursor: 'grabbing' }}>{text}</div>
  );
}
