// A calendar view of a form's records (issue #10), by a date or a datetime field: a month grid,
// a week or a day (the mode is saved with the view through onConfig), an agenda by day on a phone.
// Records come from the records list, the range ANDed to the page's filter (rangeRecords.ts); a
// drag to another day (another hour in week and day modes) or "move to…" writes through the
// record's validated PATCH (dateWrite.ts), and a refusal puts the item back with the reason.
import { useMemo, useState } from 'react';
import { Button, Card, Segmented, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { dataFields, todayIn, type Field } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { formAllows, readonlyOf, recordAllows, useFormAccess } from '../access';
import { ListEmpty } from '../list/ListStates';
import { useTenantTimeZone } from '../record/timeZone';
import type { ViewBodyProps } from './model';
import { dayOf, dayTitle, minutesOf, monthTitle, monthWeeks, shortDay, step, timeText, valueOnDay, visibleRange, weekStart, daysBetween, type CalendarMode, type DateKind } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import { fieldLabel, useCardDisplay, wantedFields } from './cardDisplay';
import { CalendarAgenda } from './CalendarAgenda';
import { CalendarItem, ItemGhost } from './CalendarItem';
import { CalendarMonth, type DayContent } from './CalendarMonth';
import { CalendarTime } from './CalendarTime';
import { DateFieldsForm, DateFieldsPicker } from './DateFieldsPicker';
import { MoveDialog } from './MoveDialog';
import { RangeFrame } from './RangeFrame';
import { useRangeRecords, type Rec } from './rangeRecords';
import { Unplaced } from './Unplaced';
import { useDateWrite } from './dateWrite';

/** The move button shows on hover or focus where there is a pointer that hovers; always on touch. */
const CSS = '@media (hover: hover) { .tessera-cal-item .tessera-cal-move { opacity: 0 } .tessera-cal-item:hover .tessera-cal-move, .tessera-cal-item:focus-within .tessera-cal-move { opacity: 1 } }';

const isDateField = (f: Field | undefined): f is Field & { type: DateKind } => !!f && (f.type === 'date' || f.type === 'datetime');

export function CalendarView(props: ViewBodyProps) {
  const { schema, config, onConfig } = props;
  const { c } = useCalendarT();
  const field = dataFields(schema.fields).find((f) => f.id === config.calendar?.date);
  if (isDateField(field)) return <CalendarBody {...props} field={field} />;
  // No date field chosen (or it is gone from the form): choose one here.
  return (
    <Card title={c.pickDateField} style={{ maxWidth: 360 }}>
      <DateFieldsForm
        schema={schema}
        pick={{ dates: [{ key: 'date', label: c.dateField, value: undefined }], cardFields: config.calendar?.cardFields }}
        onChange={(d, cardFields) => d.date && onConfig({ calendar: { ...config.calendar, date: d.date, cardFields } })}
      />
      {!dataFields(schema.fields).some(isDateField) ? <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{c.noDateFieldHint}</Typography.Paragraph> : null}
    </Card>
  );
}

function CalendarBody({ appId, formId, schema, config, onConfig, filter, q, onOpen, reloadKey, phone, field }: ViewBodyProps & { field: Field & { type: DateKind } }) {
  const { c, locale } = useCalendarT();
  const timeZone = useTenantTimeZone();
  const access = useFormAccess(formId);
  const settings = config.calendar!;
  const mode: CalendarMode = settings.mode ?? 'month';
  const kind = field.type;
  const today = todayIn(timeZone);
  const [anchor, setAnchor] = useState(today);
  const start = weekStart(locale);
  const { from, to } = visibleRange(mode, anchor, start);
  const fields = useMemo(() => wantedFields(schema, [field.id], settings.cardFields, access?.hidden ?? []), [schema, field.id, settings.cardFields, access]);
  const data = useRangeRecords({
    appId, formId, filter, q, reloadKey, fields, sort: field.id,
    range: { [field.id]: { $gte: from, $lt: to } },
    unplaced: { [field.id]: { $exists: false } },
  });
  const display = useCardDisplay(appId, formId, schema, data.items, settings.cardFields);
  const { write, notice, clearNotice } = useDateWrite(appId, formId, data.put, data.reload, display.title);
  const [moving, setMoving] = useState<Rec | null>(null);
  const [dragged, setDragged] = useState<Rec | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  // Records by the day they fall on in the tenant's zone, each day by time, then title.
  const byDay = useMemo(() => {
    const map = new Map<string, Rec[]>();
    for (const r of data.items) {
      const d = dayOf(r[field.id], kind, timeZone);
      if (d) map.set(d, [...(map.get(d) ?? []), r]);
    }
    for (const list of map.values()) list.sort((a, b) => minutesOf(a[field.id], kind, timeZone) - minutesOf(b[field.id], kind, timeZone));
    return map;
  }, [data.items, field.id, kind, timeZone]);
  const editable = (r: Rec) => formAllows(access, 'edit') && recordAllows(r, 'edit') && !readonlyOf(r, access).includes(field.id);
  const timeOf = (r: Rec) => (kind === 'datetime' ? timeText(minutesOf(r[field.id], kind, timeZone)) : null);

  const moveTo = (r: Rec, value: string) => {
    if (value === r[field.id]) return;
    const day = dayOf(value, kind, timeZone) ?? value;
    void write(r, { [field.id]: value }, fmt(c.moved, { name: display.title(r), day: kind === 'datetime' ? `${dayTitle(day, locale)} ${timeText(minutesOf(value, kind, timeZone))}` : dayTitle(day, locale) }));
  };
  const content: DayContent = {
    items: (d) => byDay.get(d) ?? [],
    item: (r, d, draggable) => (
      <CalendarItem key={r._id} rec={r} display={display} time={timeOf(r)} when={dayTitle(d, locale)} editable={editable(r)} draggable={draggable && !phone && editable(r)} full={mode !== 'month' || phone} onOpen={onOpen} onMove={setMoving} />
    ),
  };
  const byId = (id: unknown) => data.items.find((r) => r._id === id) ?? null;
  /** A drop target's day (and hour in a datetime's week or day). */
  const target = (id: unknown): { day: string; hour?: number } | null => {
    const m = /^(day|slot):(\d{4}-\d{2}-\d{2})(?::(\d+))?$/.exec(String(id ?? ''));
    return m ? { day: m[2], hour: m[3] === undefined ? undefined : Number(m[3]) } : null;
  };
  const dropped = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const r = byId(active.id);
    const at = target(over?.id);
    if (!r || !at) return;
    const minutes = at.hour === undefined ? undefined : at.hour * 60 + (minutesOf(r[field.id], kind, timeZone) % 60);
    moveTo(r, valueOnDay(r[field.id], kind, at.day, timeZone, minutes));
  };
  // A screen reader hears titles and days, never ids.
  const nameOf = (id: unknown) => { const r = byId(id); return r ? display.title(r) : ''; };
  const placeOf = (id: unknown) => { const at = target(id); return at ? `${dayTitle(at.day, locale)}${at.hour === undefined ? '' : ` ${timeText(at.hour * 60)}`}` : ''; };
  const announcements: Announcements = {
    onDragStart: ({ active }) => fmt(c.pickedUp, { name: nameOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? fmt(c.overDay, { name: nameOf(active.id), day: placeOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? fmt(c.dropped, { name: nameOf(active.id), day: placeOf(over.id) }) : fmt(c.dragCancelled, { name: nameOf(active.id) })),
    onDragCancel: ({ active }) => fmt(c.dragCancelled, { name: nameOf(active.id) }),
  };

  const visibleDays = mode === 'month' ? daysBetween(`${anchor.slice(0, 7)}-01`, step('month', anchor, 1)) : daysBetween(from, to);
  const heading = mode === 'month' ? monthTitle(anchor, locale) : mode === 'week' ? fmt(c.weekOf, { from: shortDay(from, locale), to: shortDay(visibleDays[6], locale) }) : dayTitle(anchor, locale);
  const [prevLabel, nextLabel] = mode === 'month' ? [c.prevMonth, c.nextMonth] : mode === 'week' ? [c.prevWeek, c.nextWeek] : [c.prevDay, c.nextDay];

  const toolbar = (
    <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        <Button onClick={() => setAnchor(today)}>{c.today}</Button>
        <Space.Compact>
          <Button icon={<LeftOutlined aria-hidden />} aria-label={prevLabel} title={prevLabel} onClick={() => setAnchor(step(mode, anchor, -1))} />
          <Button icon={<RightOutlined aria-hidden />} aria-label={nextLabel} title={nextLabel} onClick={() => setAnchor(step(mode, anchor, 1))} />
        </Space.Compact>
        <Typography.Title level={5} style={{ margin: 0 }} aria-live="polite">{heading}</Typography.Title>
      </Space>
      <Space wrap>
        <Unplaced unplaced={data.unplaced} title={display.title} onOpen={onOpen} />
        <Segmented<CalendarMode>
          aria-label={c.mode}
          value={mode}
          onChange={(m) => onConfig({ calendar: { ...settings, mode: m } })}
          options={[{ value: 'month', label: c.month }, { value: 'week', label: c.week }, { value: 'day', label: c.day }]}
        />
        {!phone ? (
          <DateFieldsPicker
            schema={schema}
            pick={{ dates: [{ key: 'date', label: c.dateField, value: settings.date }], cardFields: settings.cardFields }}
            onChange={(d, cardFields) => onConfig({ calendar: { ...settings, date: d.date ?? settings.date, cardFields } })}
          />
        ) : null}
      </Space>
    </Space>
  );

  let body;
  if (data.status === 'failed') body = <ListEmpty state={{ kind: 'failed', error: data.error }} onRetry={data.reload} onClear={() => undefined} />;
  else if (phone) body = <CalendarAgenda days={visibleDays} today={today} content={content} />;
  else {
    body = (
      <DndContext sensors={sensors} accessibility={{ announcements }} onDragStart={({ active }) => setDragged(byId(active.id))} onDragCancel={() => setDragged(null)} onDragEnd={dropped}>
        {mode === 'month' ? (
          <CalendarMonth weeks={monthWeeks(anchor, start)} month={anchor.slice(0, 7)} today={today} content={content} />
        ) : (
          <CalendarTime days={visibleDays} kind={kind} today={today} content={content} minutes={(r) => minutesOf(r[field.id], kind, timeZone)} />
        )}
        <DragOverlay dropAnimation={null}>{dragged ? <ItemGhost text={[timeOf(dragged), display.title(dragged)].filter(Boolean).join(' ')} /> : null}</DragOverlay>
      </DndContext>
    );
  }

  return (
    <section aria-label={c.calendar}>
      <style>{CSS}</style>
      {toolbar}
      <RangeFrame truncated={data.truncated} shown={data.items.length} phone={phone} notice={notice} onClearNotice={clearNotice} loading={data.status === 'loading'}>{body}</RangeFrame>
      <MoveDialog
        title={moving ? fmt(c.moveTitle, { name: display.title(moving) }) : null}
        entries={moving ? [{ key: field.id, label: fieldLabel(field, locale), kind, value: moving[field.id] }] : []}
        timeZone={timeZone}
        onCancel={() => setMoving(null)}
        onMove={(v) => {
          const r = moving;
          setMoving(null);
          if (r) moveTo(r, v[field.id]);
        }}
      />
    </section>
  );
}
