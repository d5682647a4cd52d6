// The Gantt's drawing: a row per record, its title and card fields at the left (sticky while the
// axis scrolls sideways), then its bar on a time axis of days or weeks, months above, weekends and
// today marked. What a drag means is the caller's (Gantt.tsx); this file only lays things out.
import { useEffect, useRef } from 'react';
import { Button, Typography, theme } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { dayNumber, fromDayNumber } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { monthTitle, shortDay, weekday } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import type { CardDisplay } from './cardDisplay';
import { GanttBar, type BarDrag } from './GanttBar';
import type { Rec } from './rangeRecords';

export type GanttScale = 'day' | 'week';

export interface GanttRow {
  rec: Rec;
  /** Start and end on the axis in days (day numbers, a datetime's fraction of a day kept); `end` excluded. */
  start: number;
  end: number;
  /** The start and the end as a person reads them (the accessible name: "L-01，2026-03-09 至 2026-03-12"). */
  fromText: string;
  toText: string;
}

interface ChartProps {
  from: string;
  /** The day the axis opens on (scrolled to, a few days before it showing). */
  focus: string;
  days: number;
  dayWidth: number;
  scale: GanttScale;
  today: string;
  rows: GanttRow[];
  display: CardDisplay;
  leftWidth: number;
  editable(r: Rec): boolean;
  onOpen(id: string): void;
  onDrag(r: Rec, kind: BarDrag, days: number): void;
  onMove(r: Rec): void;
}

const ROW = 40;

export function GanttChart({ from, focus, days, dayWidth, scale, today, rows, display, leftWidth, editable, onOpen, onDrag, onMove }: ChartProps) {
  const { c, locale } = useCalendarT();
  const { token } = theme.useToken();
  const line = `1px solid ${token.colorBorderSecondary}`;
  const first = dayNumber(from);
  const width = days * dayWidth;
  const all = Array.from({ length: days }, (_, i) => fromDayNumber(first + i));
  // Months above the days (or weeks): a label where each starts.
  const months = all.filter((d, i) => i === 0 || d.endsWith('-01'));
  const ticks = scale === 'day' ? all : all.filter((_, i) => i % 7 === 0);
  const todayAt = (dayNumber(today) - first) * dayWidth;
  const scroller = useRef<HTMLDivElement>(null);
  // Opens on the focus day (today, or where the arrows went), whatever the screen's width.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = Math.max(0, (dayNumber(focus) - first - 3) * dayWidth);
  }, [focus, first, dayWidth]);
  const sticky = { position: 'sticky' as const, left: 0, zIndex: 3, background: token.colorBgContainer, borderInlineEnd: line, width: leftWidth, minWidth: leftWidth, flex: 'none' };

  const weekends = all.map((d, i) => (scale === 'day' && (weekday(d) === 0 || weekday(d) === 6) ? <div key={d} style={{ position: 'absolute', top: 0, bottom: 0, left: i * dayWidth, width: dayWidth, background: token.colorFillQuaternary }} /> : null));
  const todayLine = todayAt >= 0 && todayAt < width ? <div aria-hidden style={{ position: 'absolute', top: 0, bottom: 0, left: todayAt + dayWidth / 2, width: 2, background: token.colorError, opacity: 0.6, zIndex: 1 }} /> : null;

  return (
    <div ref={scroller} role="region" aria-label={c.gantt} tabIndex={0} style={{ overflow: 'auto', maxHeight: 'calc(100vh - 260px)', minHeight: 240, border: line, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <div style={{ width: leftWidth + width, position: 'relative' }}>
        <div style={{ display: 'flex', position: 'sticky', top: 0, zIndex: 4, background: token.colorBgContainer, borderBottom: line }}>
          <div style={{ ...sticky, zIndex: 5, padding: '0 8px', display: 'flex', alignItems: 'flex-end', fontSize: 12, color: token.colorTextSecondary, paddingBottom: 4 }}>{c.task}</div>
          <div aria-label={c.timeline} style={{ position: 'relative', width, height: 48 }}>
            {months.map((d) => (
              <div key={d} style={{ position: 'absolute', top: 0, left: (dayNumber(d) - first) * dayWidth, paddingInlineStart: 4, fontSize: 12, fontWeight: 500, whiteSpace: 'nowrap', borderInlineStart: line, height: 24, lineHeight: '24px' }}>{monthTitle(d, locale)}</div>
            ))}
            {ticks.map((d) => (
              <div
                key={d}
                aria-current={d === today ? 'date' : undefined}
                style={{ position: 'absolute', top: 24, left: (dayNumber(d) - first) * dayWidth, width: scale === 'day' ? dayWidth : dayWidth * 7, height: 24, lineHeight: '24px', fontSize: 11, textAlign: 'center', whiteSpace: 'nowrap', overflow: 'hidden', borderInlineStart: line, color: d === today ? token.colorPrimary : token.colorTextSecondary, fontWeight: d === today ? 600 : 400 }}
              >
                {scale === 'day' ? Number(d.slice(8)) : shortDay(d, locale)}
              </div>
            ))}
          </div>
        </div>
        {rows.map((row) => {
          const r = row.rec;
          const name = display.title(r);
          const extra = display.cardFields.filter((f) => display.text(f, r));
          return (
            <div key={r._id} style={{ display: 'flex', borderBottom: line, height: ROW }} data-row={r._id}>
              <div style={{ ...sticky, display: 'flex', alignItems: 'center', gap: 4, padding: '0 4px 0 8px', overflow: 'hidden' }}>
                <div style={{ flex: 1, minWidth: 0, lineHeight: '16px' }}>
                  <Typography.Link onClick={() => onOpen(r._id)} ellipsis style={{ display: 'block', fontSize: 13 }}>{name}</Typography.Link>
                  {extra.length ? <div style={{ fontSize: 11, color: token.colorTextSecondary, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{extra.map((f) => display.text(f, r)).join(' · ')}</div> : null}
                </div>
                {editable(r) ? <Button type="text" size="small" icon={<SwapOutlined aria-hidden />} aria-label={fmt(c.moveNamed, { name })} title={c.moveTo} onClick={() => onMove(r)} /> : null}
              </div>
              <div style={{ position: 'relative', width, height: ROW, flex: 'none' }}>
                {weekends}
                {todayLine}
                <GanttBar
                  recordId={r._id}
                  left={(row.start - first) * dayWidth}
                  width={(row.end - row.start) * dayWidth}
                  dayWidth={dayWidth}
                  label={[name, ...extra.map((f) => display.text(f, r))].join(' · ')}
                  name={fmt(c.barLabel, { name, from: row.fromText, to: row.toText })}
                  draggable={editable(r)}
                  onOpen={() => onOpen(r._id)}
                  onDrag={(kind, n) => onDrag(r, kind, n)}
                />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
