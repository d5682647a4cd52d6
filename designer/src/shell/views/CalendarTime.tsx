// The week and day modes: a column per day. A date field's records stack in their day (a drop
// changes the day); a datetime's sit in the row of their hour, and a drop on another hour keeps
// the minutes ("09:30" dropped on 14 is 14:30). Opens scrolled to the working day or the earliest
// record, whichever is first.
import { useEffect, useRef, type ReactNode } from 'react';
import { theme } from 'antd';
import { useDroppable } from '@dnd-kit/core';
import { dayTitle, timeText, type DateKind } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import type { DayContent } from './CalendarMonth';
import type { Rec } from './rangeRecords';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const GUTTER = 56;

function Slot({ id, label, minHeight, children }: { id: string; label: string; minHeight: number; children: ReactNode }) {
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div
      ref={setNodeRef}
      role="gridcell"
      aria-label={label}
      data-slot={id}
      style={{ minHeight, minWidth: 0, padding: 3, borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, borderBottom: `1px solid ${token.colorBorderSecondary}`, background: isOver ? token.colorPrimaryBgHover : undefined }}
    >
      {children}
    </div>
  );
}

export function CalendarTime({ days, kind, today, content, minutes }: { days: string[]; kind: DateKind; today: string; content: DayContent; minutes(r: Rec): number }) {
  const { locale, c } = useCalendarT();
  const { token } = theme.useToken();
  const scroller = useRef<HTMLDivElement>(null);
  const cols = `${kind === 'datetime' ? `${GUTTER}px ` : ''}repeat(${days.length}, minmax(0, 1fr))`;
  const line = `1px solid ${token.colorBorderSecondary}`;
  const earliest = Math.min(7, ...days.flatMap((d) => content.items(d).map((r) => Math.floor(minutes(r) / 60))));

  useEffect(() => {
    const box = scroller.current;
    const row = box?.querySelector<HTMLElement>(`[data-hour="${earliest}"]`);
    if (box && row) box.scrollTop = row.offsetTop;
  }, [days[0], days.length, kind]);

  const header = (
    <div role="row" style={{ display: 'grid', gridTemplateColumns: cols, borderBottom: line }}>
      {kind === 'datetime' ? <div role="columnheader" aria-label={c.allDay} style={{ borderInlineEnd: line }} /> : null}
      {days.map((d) => (
        <div key={d} role="columnheader" aria-current={d === today ? 'date' : undefined} style={{ padding: '6px 8px', fontSize: 13, borderInlineEnd: line, color: d === today ? token.colorPrimary : token.colorText, fontWeight: d === today ? 600 : 400 }}>
          {dayTitle(d, locale)}
        </div>
      ))}
    </div>
  );

  if (kind === 'date') {
    return (
      <div role="grid" style={{ border: line, borderInlineEnd: 'none', borderRadius: token.borderRadius, background: token.colorBgContainer }}>
        {header}
        <div role="row" style={{ display: 'grid', gridTemplateColumns: cols }}>
          {days.map((d) => (
            <Slot key={d} id={`day:${d}`} label={dayTitle(d, locale)} minHeight={420}>
              {content.items(d).map((r) => content.item(r, d, true))}
            </Slot>
          ))}
        </div>
      </div>
    );
  }
  return (
    <div role="grid" style={{ border: line, borderInlineEnd: 'none', borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      {header}
      <div ref={scroller} style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 360, overflowY: 'auto', position: 'relative' }}>
        {HOURS.map((h) => (
          <div key={h} role="row" data-hour={h} style={{ display: 'grid', gridTemplateColumns: cols }}>
            <div role="rowheader" style={{ fontSize: 12, color: token.colorTextSecondary, padding: '2px 6px', borderInlineEnd: line, borderBottom: line, textAlign: 'end' }}>{timeText(h * 60)}</div>
            {days.map((d) => {
              const here = content.items(d).filter((r) => Math.floor(minutes(r) / 60) === h);
              return (
                <Slot key={d} id={`slot:${d}:${h}`} label={`${dayTitle(d, locale)} ${timeText(h * 60)}`} minHeight={40}>
                  {here.map((r) => content.item(r, d, true))}
                </Slot>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
