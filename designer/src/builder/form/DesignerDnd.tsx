// Drag and drop for the palette and the canvas (dnd-kit). The layout never moves while
// dragging: the target is worked out from the pointer (innermost droppable, then before or
// after by the half it is in), shown as a line, and the form changes once, at the drop, by one
// command (dnd-kit's Sortable story: state changes only in onDragEnd).
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DndContext, DragOverlay, PointerSensor, useSensor, useSensors, type Collision, type CollisionDetection, type DragStartEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { App, Tag } from 'antd';
import { textOf, type FieldType, type Locale } from '@tessera/form-engine';
import { useDesigner } from './context';
import { DropIndicator } from './Canvas';
import { targetOf, TargetStore, type Box, type DropData, type Target } from './dnd';
import { canPlace, placingOf, type Placing, type Verdict } from './model/rules';
import { locate, ownerOf } from './model/tree';
import { addField } from './actions';
import { DESIGNER_TYPES } from './model/fieldTypes';
import { FIELD_ICONS } from '../icons';
import { useBT, type BuilderDict } from '../i18n';
import { fmt } from '../../lib/i18n';
import type { PaletteDrag } from './Palette';
import type { FieldDrag } from './Canvas';

type DragData = PaletteDrag | FieldDrag;

interface Dragging {
  data: DragData;
  placing: Placing;
  /** What the rules said of each container so far (the form does not change during a drag). */
  verdicts: Map<string, Verdict>;
  /** Field ids moved (the selection when the dragged field is part of it). */
  ids: string[];
  label: string;
}

const toBox = (r: { left: number; top: number; width: number; height: number }): Box => ({ left: r.left, top: r.top, width: r.width, height: r.height });

/** "第 3 位" in which list, for screen readers. */
function describeTarget(t: Target, schema: Parameters<typeof locate>[0], b: BuilderDict, locale: Locale): string {
  const owner = ownerOf(t.container);
  const where = owner ? textOf(locate(schema, owner)?.field.label, locale) : b.canvas;
  return fmt(b.positionIn, { where, n: t.index + 1 });
}

/** Why a drop is refused, in words. */
function refusal(v: Exclude<Verdict, { ok: true }>, b: BuilderDict, locale: Locale): string {
  if (v.reason === 'not_in_subform') return fmt(b.notInSubform, { type: DESIGNER_TYPES[v.type!].name[locale] });
  if (v.reason === 'referenced') return b.referencedMove;
  return b.intoItself;
}

/** While over a place the rules refuse, why (under the dragged label). */
function RefusedReason({ store }: { store: TargetStore }) {
  const reason = useSyncExternalStore(store.subscribe, () => {
    const t = store.get();
    return t && !t.allowed ? t.reason ?? null : null;
  });
  return reason ? <div style={{ color: '#cf1322', fontSize: 12, whiteSpace: 'normal', maxWidth: 280 }}>{reason}</div> : null;
}

export function DesignerDnd({ children }: { children: React.ReactNode }) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const { message } = App.useApp();
  const store = useMemo(() => new TargetStore(), []);
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const draggingRef = useRef<Dragging | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  // The collision pass runs on every pointer move: the place to work out the target (and the
  // indicator) in one go. The browser's own hit test finds what is under the pointer (reading
  // 400 droppables' rects on every move cost more than a frame); the answer is the same array
  // while the target stays, so dnd-kit does not re-render every block for nothing.
  const last = useRef<{ key: string; result: Collision[] }>({ key: '', result: [] });
  const collide = useMemo<CollisionDetection>(
    () =>
      ({ droppableContainers, droppableRects, pointerCoordinates }) => {
        const drag = draggingRef.current;
        const miss = () => {
          store.set(null);
          if (last.current.key !== '') last.current = { key: '', result: [] };
          return last.current.result;
        };
        if (!pointerCoordinates || !drag) return miss();
        const el = document
          .elementsFromPoint(pointerCoordinates.x, pointerCoordinates.y)
          .find((x) => x instanceof HTMLElement && (x.dataset.fieldId !== undefined || x.dataset.zone !== undefined)) as HTMLElement | undefined;
        if (!el) return miss();
        const id: UniqueIdentifier = el.dataset.fieldId !== undefined ? `drop:${el.dataset.fieldId}` : `zone:${el.dataset.zone}`;
        const hit = droppableContainers.find((c) => c.id === id);
        const data = hit?.data.current as DropData | undefined;
        if (!hit || !data) return miss();
        const rect = toBox(el.getBoundingClientRect());
        const siblings =
          data.kind === 'zone'
            ? droppableContainers.flatMap((c) => {
                const dd = c.data.current as DropData | undefined;
                const r = dd && dd.kind === 'field' && dd.container === data.container ? droppableRects.get(c.id) : undefined;
                return r && dd?.kind === 'field' ? [{ index: dd.index, rect: toBox(r) }] : [];
              })
            : [];
        const t = targetOf({ data, rect }, pointerCoordinates, siblings);
        let verdict = drag.verdicts.get(t.container);
        if (!verdict) drag.verdicts.set(t.container, (verdict = canPlace(d.stack.schema, drag.placing, t.container)));
        store.set({ ...t, allowed: verdict.ok, reason: verdict.ok ? undefined : refusal(verdict, b, locale) });
        const key = String(id);
        if (last.current.key !== key) last.current = { key, result: [{ id }] };
        return last.current.result;
      },
    [d, store, b, locale],
  );

  const start = (e: DragStartEvent) => {
    const data = e.active.data.current as DragData;
    let drag: Dragging;
    if (data.kind === 'palette') drag = { data, placing: [{ type: data.type }], verdicts: new Map(), ids: [], label: data.label };
    else {
      const sel = d.selection.get();
      const ids = sel.includes(data.id) ? [...sel] : [data.id];
      if (!sel.includes(data.id)) d.selection.set([data.id]);
      const placing = placingOf(ids.flatMap((id) => locate(d.stack.schema, id)?.field ?? []));
      drag = { data, placing, verdicts: new Map(), ids, label: ids.length > 1 ? fmt(b.fieldsSelected, { n: ids.length }) : data.label };
    }
    draggingRef.current = drag;
    setDragging(drag);
  };

  const finish = (drop: boolean) => {
    const drag = draggingRef.current;
    const t = store.get();
    draggingRef.current = null;
    setDragging(null);
    store.set(null);
    if (!drop || !drag || !t) return;
    // Refused: say why (the line only turned red).
    if (!t.allowed) {
      if (t.reason) {
        message.warning(t.reason);
        d.announce(t.reason);
      }
      return;
    }
    if (drag.data.kind === 'palette') addField(d, drag.data.type, locale, { container: t.container, index: t.index });
    else d.run({ type: 'fields.move', ids: drag.ids, to: { container: t.container, index: t.index } });
  };

  const announcements = useMemo(
    () => ({
      onDragStart: () => fmt(b.announcePickup, { label: draggingRef.current?.label ?? '' }),
      onDragOver: () => {
        const t = store.get();
        return t ? fmt(b.announceOver, { label: draggingRef.current?.label ?? '', target: describeTarget(t, d.stack.schema, b, locale) }) : undefined;
      },
      onDragEnd: () => fmt(b.announceDrop, { label: draggingRef.current?.label ?? '' }),
      onDragCancel: () => fmt(b.announceCancel, { label: draggingRef.current?.label ?? '' }),
    }),
    [b, d, store, locale],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collide}
      onDragStart={start}
      onDragEnd={() => finish(true)}
      onDragCancel={() => finish(false)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: b.dragInstructions } }}
    >
      {children}
      <DropIndicator store={store} />
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div style={{ display: 'inline-block', padding: '6px 12px', background: '#fff', borderRadius: 6, boxShadow: '0 6px 16px rgba(0,0,0,0.12)', border: '1px solid #e5e5e5' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap' }}>
              {dragging.placing.length === 1 ? FIELD_ICONS[dragging.placing[0].type as FieldType] : null}
              <span>{dragging.label}</span>
              {dragging.placing.length > 1 ? <Tag>{dragging.placing.length}</Tag> : null}
            </div>
            <RefusedReason store={store} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
