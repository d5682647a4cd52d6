// A kanban view: the page's records in columns by a select (its options, in the form's order) or
// a member field (the people present), plus the records without a value; each column's first
// cards come in one call (GET …/records/board), "load more" is the list filtered by the column.
// A card dragged (or moved from its menu) to another column is the record's validated PATCH: it
// moves at once, and a refusal (a rule, a required field, someone else's change) puts it back
// with the server's reason. Column order, folding and card fields are the view's settings.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Popover, Skeleton, Space, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, closestCenter, pointerWithin, rectIntersection, useSensor, useSensors, type Active, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, horizontalListSortingStrategy, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { dataFields, textOf, titleFieldOf } from '@tessera/form-engine';
import { OptionTags, rendererText, useMemberNames } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../../lib/api';
import { fmt } from '../../lib/i18n';
import { useFormServices } from '../../lib/session';
import { formAllows, readonlyOf, recordAllows, useFormAccess } from '../access';
import { fieldLabel, useCardDisplay, wantedFields } from './cardDisplay';
import { LISTABLE } from './cells';
import { refusalText } from './dateWrite';
import { CardGhost, KanbanCard } from './KanbanCard';
import { KanbanColumn } from './KanbanColumn';
import { appendPage, columnFilter, defaultCardFields, keyId, locate, MAX_CARD_FIELDS, MAX_PEOPLE, moveColumn, ordered, PAGE, placeCard, putCard, toggleFolded, type Column, type Rec } from './kanbanModel';
import { useKanbanT } from './kanbanStrings';
import type { ViewBodyProps } from './model';

type DragData = { type: 'card'; rec: Rec; from: string | null } | { type: 'column'; key: string | null; name: string };

// A card goes to the column under the pointer; from the keyboard (no pointer) to the nearest.
const collide: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  if (hits.length) return hits;
  return args.active.data.current?.type === 'column' ? closestCenter(args) : rectIntersection(args);
};

export function KanbanView({ appId, formId, schema, config, onConfig, filter, q, onOpen, reloadKey, phone }: ViewBodyProps) {
  const { k, t, l, locale } = useKanbanT();
  const { message } = App.useApp();
  const access = useFormAccess(formId);
  const kanban = config.kanban;
  const by = kanban?.by ?? '';
  const byField = dataFields(schema.fields).find((f) => f.id === by && (f.type === 'select' || f.type === 'member'));
  const hidden = useMemo(() => access?.hidden ?? [], [access]);
  const choosable = useMemo(() => dataFields(schema.fields).filter((f) => LISTABLE(f) && !hidden.includes(f.id)), [schema, hidden]);
  const titleId = titleFieldOf(schema, choosable)?.id;
  const cardIds = useMemo(() => kanban?.cardFields ?? defaultCardFields(choosable, titleId, by), [kanban?.cardFields, choosable, titleId, by]);
  const cardShown = useMemo(() => cardIds.filter((id) => id !== by), [cardIds, by]);
  const [columns, setColumns] = useState<Column[] | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [truncated, setTruncated] = useState(false);
  // The last refusal, until the next move or a close: the server's reason stays on screen.
  const [notice, setNotice] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const [dragging, setDragging] = useState<DragData | null>(null);
  // Only the answer to the latest request is shown (a slow earlier one never overwrites it).
  const asked = useRef(0);
  const items = useMemo(() => columns?.flatMap((c) => c.items) ?? [], [columns]);
  const display = useCardDisplay(appId, formId, schema, items, cardShown);
  const wanted = wantedFields(schema, [titleId ?? '', by], cardIds, hidden).join(',');
  const filterJson = filter && Object.keys(filter).length ? JSON.stringify(filter) : '';
  const base = recordsUrl(appId, formId);
  const services = useFormServices(appId, formId);
  const people = useMemo(() => (byField?.type === 'member' ? (columns ?? []).flatMap((c) => (c.key === null ? [] : [c.key])) : []), [byField, columns]);
  const memberName = useMemberNames(services, people, rendererText(locale));

  const load = useCallback(async () => {
    if (!byField) return;
    const n = ++asked.current;
    setFailure(null);
    try {
      const p = new URLSearchParams({ by, limit: String(PAGE) });
      if (wanted) p.set('cardFields', wanted);
      if (filterJson) p.set('filter', filterJson);
      if (q.trim()) p.set('q', q.trim());
      if (config.sort) p.set('sort', config.sort);
      const r = await api<{ columns: Column[]; truncated: boolean }>('GET', `${base}/board?${p}`);
      if (n !== asked.current) return;
      setColumns(r.columns);
      setTruncated(r.truncated);
    } catch (e) {
      if (n !== asked.current) return;
      setColumns(null);
      setFailure({ error: e });
    }
  }, [byField, by, wanted, filterJson, q, config.sort, base]);
  useEffect(() => void load(), [load, reloadKey]);

  const nameOf = (key: string | null) => {
    if (key === null) return k.blankColumn;
    if (byField?.type === 'select') return textOf(byField.options.find((o) => o.value === key)?.label, locale) || key;
    return memberName(key);
  };
  const labelOf = (key: string | null) =>
    key === null ? <Typography.Text type="secondary">{k.blankColumn}</Typography.Text>
    : byField?.type === 'select' ? <OptionTags field={byField} value={key} locale={locale} />
    : <Typography.Text strong>{memberName(key)}</Typography.Text>;
  const movable = (rec: Rec) => formAllows(access, 'edit') && recordAllows(rec, 'edit') && !readonlyOf(rec, access).includes(by);

  const move = async (rec: Rec, from: string | null, to: string | null) => {
    if (from === to || !columns) return;
    const was = locate(columns, rec._id);
    const name = display.title(rec);
    const column = nameOf(to);
    setNotice(null);
    setColumns((cols) => cols && placeCard(cols, { ...rec, [by]: to }, to));
    try {
      const saved = await api<Rec>('PATCH', `${base}/${encodeURIComponent(rec._id)}`, { [by]: to, _v: rec._v });
      setColumns((cols) => cols && putCard(cols, saved));
      message.success(fmt(k.moved, { name, column }));
    } catch (e) {
      setColumns((cols) => cols && placeCard(cols, rec, from, was?.index ?? 0));
      if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') {
        setNotice(fmt(k.stale, { name }));
        void load();
      } else setNotice(fmt(k.refused, { name, column, reason: refusalText(e, t) }));
    }
  };

  const loadMore = async (col: Column) => {
    if (!col.nextCursor) return;
    setLoadingMore(keyId(col.key));
    try {
      const p = new URLSearchParams({ limit: String(PAGE), filter: JSON.stringify(columnFilter(by, col.key, filter)), cursor: col.nextCursor });
      if (wanted) p.set('fields', wanted);
      if (q.trim()) p.set('q', q.trim());
      if (config.sort) p.set('sort', config.sort);
      const r = await api<{ items: Rec[]; nextCursor: string | null }>('GET', `${base}?${p}`);
      setColumns((cols) => cols && appendPage(cols, col.key, r.items, r.nextCursor));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setLoadingMore(null);
    }
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  if (!kanban || !byField) return <Empty description={k.noField} />;
  if (!columns) {
    if (!failure) return <Skeleton active paragraph={{ rows: 6 }} />;
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<div role="alert"><Typography.Text strong>{k.failed}</Typography.Text><br /><Typography.Text type="secondary">{errorText(failure.error, t)}</Typography.Text></div>}>
        <Button type="primary" onClick={() => void load()}>{l.retry}</Button>
      </Empty>
    );
  }

  const shown = ordered(columns, kanban.order);
  const folded = new Set(kanban.folded ?? []);
  const setKanban = (patch: Partial<NonNullable<typeof kanban>>) => onConfig({ kanban: { ...kanban, ...patch } });
  const shift = (i: number, d: -1 | 1) => setKanban({ order: moveColumn(shown, i, i + d) });
  const total = columns.reduce((n, c) => n + c.total, 0);
  const targets = shown.map((c) => ({ key: c.key, name: nameOf(c.key) }));
  const activeName = (a: Active) => {
    const d = a.data.current as DragData | undefined;
    return d?.type === 'card' ? display.title(d.rec) : d?.name ?? '';
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const a = e.active.data.current as DragData | undefined;
    const o = e.over?.data.current as DragData | undefined;
    if (!a || o?.type !== 'column') return;
    if (a.type === 'card') void move(a.rec, a.from, o.key);
    else if (a.key !== o.key) setKanban({ order: moveColumn(shown, shown.findIndex((c) => c.key === a.key), shown.findIndex((c) => c.key === o.key)) });
  };
  const setCards = (id: string, on: boolean) => {
    const next = on ? [...cardIds, id] : cardIds.filter((x) => x !== id);
    setKanban({ cardFields: choosable.map((f) => f.id).filter((x) => next.includes(x)) });
  };
  const cardChooser = (
    <div style={{ maxHeight: 320, overflow: 'auto', maxWidth: 280 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{fmt(k.cardFieldsHint, { n: MAX_CARD_FIELDS })}</Typography.Paragraph>
      {choosable.filter((f) => f.id !== titleId && f.id !== by).map((f) => {
        const on = cardIds.includes(f.id);
        return <div key={f.id}><Checkbox checked={on} disabled={!on && cardIds.length >= MAX_CARD_FIELDS} onChange={(e) => setCards(f.id, e.target.checked)}>{fieldLabel(f, locale)}</Checkbox></div>;
      })}
    </div>
  );

  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Popover trigger="click" placement="bottomLeft" title={k.cardFields} content={cardChooser}>
          <Button icon={<SettingOutlined aria-hidden />}>{k.cardFields}</Button>
        </Popover>
        <Typography.Text type="secondary" aria-live="polite">{fmt(t.total, { n: total })}</Typography.Text>
        {total === 0 ? <Typography.Text type="secondary">{filterJson || q.trim() ? t.noMatch : formAllows(access, 'create') ? t.emptyList : t.emptyListNoCreate}</Typography.Text> : null}
      </Space>
      {notice ? <Alert type="error" showIcon closable onClose={() => setNotice(null)} message={notice} style={{ marginBottom: 8 }} /> : null}
      {truncated ? <Alert type="info" showIcon message={fmt(k.tooManyPeople, { n: MAX_PEOPLE })} style={{ marginBottom: 8 }} /> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collide}
        onDragStart={(e) => setDragging((e.active.data.current as DragData | undefined) ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: k.dragInstructions },
          announcements: {
            onDragStart: ({ active }) => fmt(k.pickedUp, { name: activeName(active) }),
            onDragOver: ({ active, over }) => (over ? fmt(k.over, { name: activeName(active), column: String(over.data.current?.name ?? '') }) : undefined),
            onDragEnd: ({ active }) => fmt(k.dropped, { name: activeName(active) }),
            onDragCancel: ({ active }) => fmt(k.cancelled, { name: activeName(active) }),
          },
        }}
      >
        <SortableContext items={shown.map((c) => `col:${keyId(c.key)}`)} strategy={horizontalListSortingStrategy}>
          <div role="region" aria-label={fmt(k.board, { field: fieldLabel(byField, locale) })} style={{ display: 'flex', gap: phone ? 8 : 12, overflowX: 'auto', alignItems: 'stretch', paddingBottom: 8, scrollSnapType: phone ? 'x mandatory' : undefined }}>
            {shown.map((col, i) => (
              <KanbanColumn
                key={keyId(col.key) || '\u2205'}
                col={col}
                name={nameOf(col.key)}
                label={labelOf(col.key)}
                index={i}
                count={shown.length}
                folded={folded.has(keyId(col.key))}
                phone={phone}
                loadingMore={loadingMore === keyId(col.key)}
                onFold={() => setKanban({ folded: toggleFolded(kanban.folded, col.key) })}
                onShift={(d) => shift(i, d)}
                onMore={() => void loadMore(col)}
              >
                {col.items.map((rec) => (
                  <KanbanCard key={rec._id} rec={rec} at={col.key} display={display} movable={movable(rec)} draggable={!phone} targets={targets} href={`/apps/${appId}/forms/${formId}/records/${encodeURIComponent(rec._id)}`} onOpen={onOpen} onMove={(r, from, to) => void move(r, from, to)} />
                ))}
              </KanbanColumn>
            ))}
          </div>
        </SortableContext>
        <DragOverlay dropAnimation={null}>{dragging ? <CardGhost name={dragging.type === 'card' ? display.title(dragging.rec) : dragging.name} /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}
