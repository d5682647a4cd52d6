// "Move to…" from the keyboard (or a phone, where nothing is dragged): a dialog with the item's
// date (a calendar) or its start and end (a Gantt), a time beside a datetime, all in the tenant's
// zone, whatever the browser's. OK writes through the same path as a drag.
import { useEffect, useState } from 'react';
import { DatePicker, Form, Modal, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { dayOf, minutesOf, valueOnDay, type DateKind } from './calendarDates';
import { useCalendarT } from './calendarStrings';

export interface MoveEntry {
  /** The field written. */
  key: string;
  label: string;
  kind: DateKind;
  value: unknown;
}

/** A wall-clock day and time as the pickers hold them (their zone plays no part: only the digits are read). */
const pickerDay = (day: string | null) => (day ? dayjs(`${day}T00:00:00`) : null);
const pickerTime = (minutes: number) => dayjs('2000-01-01T00:00:00').add(minutes, 'minute');

export function MoveDialog({ title, entries, timeZone, onCancel, onMove }: { title: string | null; entries: MoveEntry[]; timeZone: string; onCancel(): void; onMove(values: Record<string, string>): void }) {
  const { c } = useCalendarT();
  const [days, setDays] = useState<Record<string, Dayjs | null>>({});
  const [times, setTimes] = useState<Record<string, Dayjs | null>>({});
  const key = entries.map((e) => `${e.key}=${String(e.value)}`).join('&');
  useEffect(() => {
    setDays(Object.fromEntries(entries.map((e) => [e.key, pickerDay(dayOf(e.value, e.kind, timeZone))])));
    setTimes(Object.fromEntries(entries.map((e) => [e.key, pickerTime(minutesOf(e.value, e.kind, timeZone))])));
  }, [key, timeZone]);
  const complete = entries.every((e) => days[e.key]);
  const ok = () => {
    const out: Record<string, string> = {};
    for (const e of entries) {
      const d = days[e.key];
      if (!d) return;
      const time = times[e.key];
      out[e.key] = valueOnDay(e.value, e.kind, d.format('YYYY-MM-DD'), timeZone, e.kind === 'datetime' && time ? time.hour() * 60 + time.minute() : undefined);
    }
    onMove(out);
  };
  return (
    <Modal open={title !== null} title={title} onCancel={onCancel} onOk={ok} okButtonProps={{ disabled: !complete }} destroyOnHidden>
      <Form layout="vertical" component="div">
        {entries.map((e) => (
          <Form.Item key={e.key} label={entries.length > 1 ? e.label : c.newDate} required>
            <div style={{ display: 'flex', gap: 8 }}>
              <DatePicker
                aria-label={entries.length > 1 ? e.label : c.newDate}
                value={days[e.key] ?? null}
                onChange={(d) => setDays((x) => ({ ...x, [e.key]: d }))}
                format="YYYY-MM-DD"
                allowClear={false}
                autoFocus={e === entries[0]}
                style={{ flex: 1 }}
              />
              {e.kind === 'datetime' ? (
                <TimePicker aria-label={`${entries.length > 1 ? e.label : ''}${c.newTime}`} value={times[e.key] ?? null} onChange={(t) => setTimes((x) => ({ ...x, [e.key]: t }))} format="HH:mm" allowClear={false} needConfirm={false} style={{ width: 110 }} />
              ) : null}
            </div>
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
