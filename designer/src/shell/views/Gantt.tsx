// A Gantt view of a form's records (issue #10): a row per record, a bar from its start to its end
// date on an axis of days or weeks. Dragging the bar moves both dates, dragging an edge changes
// one; either is one validated PATCH of the record (dateWrite.ts), the same write as the calendar
// and the record drawer, and a refusal puts the bar back with the server's reason. Records the
// axis cannot place (no start or no end) are counted and listed apart.
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Segmented, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { dataFields, dayNumber, formatDatetime, fromDayNumber, todayIn, type Field } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { formAllows, readonlyOf, recordAllows, useFormAccess } from '../access';
import { ListEmpty } from '../list/ListStates';
import { useTenantTimeZone } from '../record/timeZone';
import type { ViewBodyProps } from './model';
import { serialOf, shiftDays, shortDay, startOfWeek, weekStart, type DateKind } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import { fieldLabel, useCardDisplay, wantedFields } from './cardDisplay';
import { DateFieldsForm, DateFieldsPicker } from './DateFieldsPicker';
import { GanttChart, type GanttRow, type GanttScale } from './GanttChart';
import type { BarDrag } from './GanttBar';
import { MoveDialog } from './MoveDialog';
import { RangeFrame } from './RangeFrame';
import { useRangeRecords, type Rec } from './rangeRecords';
import { Unplaced } from './Unplaced';
import { useDateWrite } from './dateWrite';

type DateField = Field & { type: DateKind };
const isDateField = (f: Field | undefined): f is DateField => !!f && (f.type === 'date' || f.type === 'datetime');

/** Per scale: pixels a day, days before the anchor's week, days shown, days a step moves. */
const SCALES: Record<GanttScale, { day: number; phoneDay: number; before: number; days: number; step: number }> = {
  day: { day: 32, phoneDay: 26, before: 7, days: 42, step: 28 },
  week: { day: 8, phoneDay: 6, before: 28, days: 182, step: 91 },
};

export function GanttView(props: ViewBodyProps) {
  const { schema, config, onConfig } = props;
  const { c } = useCalendarT();
  const fields = dataFields(schema.fields);
  const start = fields.find((f) => f.id === config.gantt?.start);
  const end = fields.find((f) => f.id === config.gantt?.end);
  if (isDateField(start) && isDateField(end) && start !== end) return <GanttBody {...props} startField={start} endField={end} />;
  return (
    <Card title={c.needFields} style={{ maxWidth: 360 }}>
      <DateFieldsForm
        schema={schema}
        pick={{ dates: [{ key: 'start', label: c.startField, value: start?.id }, { key: 'end', label: c.endField, value: end?.id }], cardFields: config.gantt?.cardFields }}
        onChange={(d, cardFields) => onConfig({ gantt: { start: d.start ?? '', end: d.end ?? '', cardFields } })}
      />
      {!fields.some(isDateField) ? <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{c.noDateFieldHint}</Typography.Paragraph> : null}
    </Card>
  );
}

function GanttBody({ appId, formId, schema, config, onConfig, filter, q, onOpen, reloadKey, phone, startField, endField }: ViewBodyProps & { startField: DateField; endField: DateField }) {
  const { c, locale } = useCalendarT();
  const timeZone = useTenantTimeZone();
  const access = useFormAccess(formId);
  const settings = config.gantt!;
  const today = todayIn(timeZone);
  const [anchor, setAnchor] = useState(today);
  const [scale, setScale] = useState<GanttScale>('day');
  const s = SCALES[scale];
  const from = fromDayNumber(dayNumber(startOfWeek(anchor, weekStart(locale))) - s.before);
  const to = fromDayNumber(dayNumber(from) + s.days);
  const [sf, ef] = [startField.id, endField.id];
  const fields = useMemo(() => wantedFields(schema, [sf, ef], settings.cardFields, access?.hidden ?? []), [schema, sf, ef, settings.cardFields, access]);
  const data = useRangeRecords({
    appId, formId, filter, q, reloadKey, fields, sort: sf,
    // Bars that overlap the axis: starting before its end and ending on or after its first day.
    range: { [sf]: { $lt: to }, [ef]: { $gte: from } },
    unplaced: { $or: [{ [sf]: { $exists: false } }, { [ef]: { $exists: false } }] },
  });
  const display = useCardDisplay(appId, formId, schema, data.items, settings.cardFields);
  const { write, notice, clearNotice } = useDateWrite(appId, formId, data.put, data.reload, display.title);
  const [moving, setMoving] = useState<Rec | null>(null);

  const shown = (f: DateField, v: unknown) => (typeof v !== 'string' ? '' : f.type === 'datetime' ? formatDatetime(v, timeZone) : v);
  const rows: GanttRow[] = useMemo(() => {
    const out: GanttRow[] = [];
    for (const rec of data.items) {
      const a = serialOf(rec[sf], startField.type, timeZone);
      const b = serialOf(rec[ef], endField.type, timeZone);
      if (a === null || b === null) continue;
      // A date ends with its whole day; a datetime at its instant.
      out.push({ rec, start: a, end: endField.type === 'date' ? b + 1 : b, fromText: shown(startField, rec[sf]), toText: shown(endField, rec[ef]) });
    }
    return out.sort((x, y) => x.start - y.start);
  }, [data.items, sf, ef, startField, endField, timeZone]);

  const editable = (r: Rec) => formAllows(access, 'edit') && recordAllows(r, 'edit') && !readonlyOf(r, access).some((f) => f === sf || f === ef);
  const drag = (r: Rec, kind: BarDrag, days: number) => {
    const changes: Record<string, unknown> = {};
    if (kind !== 'end') changes[sf] = shiftDays(String(r[sf]), startField.type, days, timeZone);
    if (kind !== 'start') changes[ef] = shiftDays(String(r[ef]), endField.type, days, timeZone);
    void write(r, changes, fmt(c.resized, { name: display.title(r) }));
  };

  const toolbar = (
    <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        <Button onClick={() => setAnchor(today)}>{c.today}</Button>
        <Space.Compact>
          <Button icon={<LeftOutlined aria-hidden />} aria-label={c.prev} title={c.prev} onClick={() => setAnchor(fromDayNumber(dayNumber(anchor) - s.step))} />
          <Button icon={<RightOutlined aria-hidden />} aria-label={c.next} title={c.next} onClick={() => setAnchor(fromDayNumber(dayNumber(anchor) + s.step))} />
        </Space.Compact>
        <Typography.Title level={5} style={{ margin: 0 }} aria-live="polite">{fmt(c.weekOf, { from: shortDay(from, locale), to: shortDay(fromDayNumber(dayNumber(to) - 1), locale) })}</Typography.Title>
      </Space>
      <Space wrap>
        <Unplaced unplaced={data.unplaced} title={display.title} onOpen={onOpen} gantt />
        <Segmented<GanttScale> aria-label={c.scale} value={scale} onChange={setScale} options={[{ value: 'day', label: c.byDay }, { value: 'week', label: c.byWeek }]} />
        {!phone ? (
          <DateFieldsPicker
            schema={schema}
            pick={{ dates: [{ key: 'start', label: c.startField, value: sf }, { key: 'end', label: c.endField, value: ef }], cardFields: settings.cardFields }}
            onChange={(d, cardFields) => onConfig({ gantt: { start: d.start ?? sf, end: d.end ?? ef, cardFields } })}
          />
        ) : null}
      </Space>
    </Space>
  );

  let body;
  if (data.status === 'failed') body = <ListEmpty state={{ kind: 'failed', error: data.error }} onRetry={data.reload} onClear={() => undefined} />;
  else if (data.status === 'ready' && rows.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{c.empty}</div><Typography.Text type="secondary">{c.emptyHint}</Typography.Text></>} />;
  else {
    body = (
      <GanttChart
        from={from}
        focus={anchor}
        days={s.days}
        dayWidth={phone ? s.phoneDay : s.day}
        scale={scale}
        today={today}
        rows={rows}
        display={display}
        leftWidth={phone ? 120 : 220}
        editable={editable}
        onOpen={onOpen}
        onDrag={drag}
        onMove={setMoving}
      />
    );
  }

  return (
    <section aria-label={c.gantt}>
      {toolbar}
      <RangeFrame truncated={data.truncated} shown={data.items.length} phone={phone} notice={notice} onClearNotice={clearNotice} loading={data.status === 'loading'}>{body}</RangeFrame>
      <MoveDialog
        title={moving ? fmt(c.moveTitle, { name: display.title(moving) }) : null}
        entries={moving ? [
          { key: sf, label: fieldLabel(startField, locale), kind: startField.type, value: moving[sf] },
          { key: ef, label: fieldLabel(endField, locale), kind: endField.type, value: moving[ef] },
        ] : []}
        timeZone={timeZone}
        onCancel={() => setMoving(null)}
        onMove={(v) => {
          const r = moving;
          setMoving(null);
          if (r && (v[sf] !== r[sf] || v[ef] !== r[ef])) void write(r, { [sf]: v[sf], [ef]: v[ef] }, fmt(c.resized, { name: display.title(r) }));
        }}
      />
    </section>
  );
}
