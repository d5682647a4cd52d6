// The month as a grid of whole weeks (Monday first in zh-CN, Sunday in en-US): each day a drop
// target holding its first few records and "+N more", which lists the whole day in a pop-up.
// Days of the months around it are dimmed; today is marked.
import { useState, type ReactNode } from 'react';
import { Button, Popover, theme } from 'antd';
import { useDroppable } from '@dnd-kit/core';
import { fmt } from '../../lib/i18n';
import { dayTitle, shortDay, weekdayName } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import type { Rec } from './rangeRecords';

/** Items a day shows before "+N more". */
const SHOWN = 3;

export interface DayContent {
  items(day: string): Rec[];
  /** One item (draggable or not: the pop-up's are not, it covers the days). */
  item(rec: Rec, day: string, draggable: boolean): ReactNode;
}

function DayCell({ day, inMonth, today, content }: { day: string; inMonth: boolean; today: boolean; content: DayContent }) {
  const { c, locale } = useCalendarT();
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id: `day:${day}`, data: { day } });
  const [more, setMore] = useState(false);
  const items = content.items(day);
  const label = dayTitle(day, locale);
  const number = Number(day.slice(8));
  return (
    <div
      ref={setNodeRef}
      role="gridcell"
      aria-label={label}
      data-day={day}
      style={{
        minHeight: 112,
        minWidth: 0,
        padding: 4,
        borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: isOver ? token.colorPrimaryBgHover : inMonth ? token.colorBgContainer : token.colorFillQuaternary,
        transition: 'background 0.15s',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 2 }}>
        <span
          aria-current={today ? 'date' : undefined}
          style={{
            fontSize: 12,
            lineHeight: '22px',
            minWidth: 22,
            textAlign: 'center',
            borderRadius: 11,
            color: today ? token.colorWhite : inMonth ? token.colorText : token.colorTextQuaternary,
            background: today ? token.colorPrimary : undefined,
          }}
        >
          {number === 1 ? shortDay(day, locale) : number}
        </span>
      </div>
      {items.slice(0, SHOWN).map((r) => content.item(r, day, true))}
      {items.length > SHOWN ? (
        <Popover
          trigger="click"
          open={more}
          onOpenChange={setMore}
          title={fmt(c.moreTitle, { day: label, n: items.length })}
          content={<div style={{ width: 260, maxHeight: 360, overflow: 'auto' }}>{items.map((r) => content.item(r, day, false))}</div>}
        >
          <Button type="link" size="small" style={{ padding: '0 4px', height: 20, fontSize: 12 }}>{fmt(c.more, { n: items.length - SHOWN })}</Button>
        </Popover>
      ) : null}
    </div>
  );
}

export function CalendarMonth({ weeks, month, today, content }: { weeks: string[][]; month: string; today: string; content: DayContent }) {
  const { locale } = useCalendarT();
  const { token } = theme.useToken();
  return (
    <div role="grid" aria-readonly="false" style={{ border: `1px solid ${token.colorBorderSecondary}`, borderInlineEnd: 'none', borderBottom: 'none', borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <div role="row" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }}>
        {weeks[0].map((d) => (
          <div key={d} role="columnheader" style={{ padding: '6px 8px', fontSize: 12, color: token.colorTextSecondary, borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
            {weekdayName(d, locale)}
          </div>
        ))}
      </div>
      {weeks.map((week) => (
        <div key={week[0]} role="row" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }}>
          {week.map((d) => <DayCell key={d} day={d} inMonth={d.slice(0, 7) === month} today={d === today} content={content} />)}
        </div>
      ))}
    </div>
  );
}
