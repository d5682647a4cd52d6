// The canvas: the form as it will be laid out, each field a block that can be selected, dragged
// and dropped before or after another, or into a section, a tab, a column or a subform.
import { memo, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useProgressive } from '@tessera/form-engine/react';
import { Button, Tooltip } from 'antd';
import { CopyOutlined, DeleteOutlined, WarningFilled } from '@ant-design/icons';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { textOf, type Field, type FormSchema } from '@tessera/form-engine';
import { useDesigner, useIsSelected } from './context';
import { useProblemsOf } from './problems';
import { FieldFace } from './FieldFace';
import { isContainer, listOf, ROOT, type ContainerKey } from './model/tree';
import type { DropData, TargetStore } from './dnd';
import { useBT } from '../i18n';
import { duplicateSelection } from './actions';
import { spanOf } from './model/fieldTypes';


interface BlockProps {
  field: Field;
  container: ContainerKey;
  index: number;
  axis: 'x' | 'y';
  /** The subform this block is a column of. */
  rowOf?: string;
}

/** The drag data of a canvas field (read by the drag-and-drop handlers). */
export interface FieldDrag {
  kind: 'field';
  id: string;
  label: string;
}

/**
 * The part of a block that dnd-kit re-renders on every pointer move of a drag (its hooks read
 * contexts that change then): kept to two divs, with everything inside passed in as elements
 * that do not change, so a drag over 200 fields re-renders 200 small shells, not 200 fields.
 */
function DragShell({ id, drag: dragData, drop: dropData, roleDescription, outer, inner, children, after }: {
  id: string;
  drag: FieldDrag;
  drop: DropData;
  roleDescription: string;
  outer: React.CSSProperties;
  inner: React.HTMLAttributes<HTMLDivElement> & { 'data-field-id': string; 'aria-description'?: string };
  children: React.ReactNode;
  after: React.ReactNode;
}) {
  const drag = useDraggable({ id: `field:${id}`, data: dragData, attributes: { roleDescription } });
  const drop = useDroppable({ id: `drop:${id}`, data: dropData });
  const setRef = useCallback(
    (el: HTMLDivElement | null) => {
      drag.setNodeRef(el);
      drop.setNodeRef(el);
    },
    [drag.setNodeRef, drop.setNodeRef],
  );
  const { role: _role, tabIndex: _tab, 'aria-pressed': _pressed, ...dragAttrs } = drag.attributes;
  return (
    <div style={drag.isDragging ? { ...outer, opacity: 0.4 } : outer}>
      <div ref={setRef} {...dragAttrs} {...drag.listeners} {...inner}>
        {children}
      </div>
      {after}
    </div>
  );
}

const FieldBlock = memo(function FieldBlock({ field, container, index, axis, rowOf }: BlockProps) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const selected = useIsSelected(field.id);
  const problems = useProblemsOf(d.problems, field.id);
  const label = textOf(field.label, locale) || b.untitledField;
  // A field selected from elsewhere (the problems list, a paste, the keyboard) comes into view.
  useEffect(() => {
    if (selected) document.querySelector(`[data-field-id="${CSS.escape(field.id)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, field.id]);
  const select = (e: React.MouseEvent | React.KeyboardEvent) => {
    e.stopPropagation();
    const order = (listOf(d.stack.schema, container) ?? []).map((f) => f.id);
    if (e.shiftKey) d.selection.extend(field.id, order);
    else if (e.ctrlKey || e.metaKey) d.selection.toggle(field.id);
    else d.selection.set([field.id]);
  };
  const width = axis === 'x' ? 180 : `${(spanOf(field) / 24) * 100}%`;
  const problemText = problems.map((p) => p.message).join('\n');
  // A container holds other blocks, so it is a group (a button may not hold buttons); its
  // selection is told by aria-current. Its action buttons sit beside it, not inside.
  const holder = isContainer(field) ? field : null;
  return (
    <DragShell
      id={field.id}
      drag={{ kind: 'field', id: field.id, label }}
      drop={{ kind: 'field', id: field.id, container, index, axis }}
      roleDescription={b.draggableField}
      outer={{ width, flex: axis === 'x' ? '0 0 180px' : undefined, padding: 4, boxSizing: 'border-box', position: 'relative' }}
      inner={{
        'data-field-id': field.id,
        role: holder ? 'group' : 'button',
        tabIndex: 0,
        'aria-pressed': holder ? undefined : selected,
        'aria-current': holder && selected ? 'true' : undefined,
        'aria-label': label,
        'aria-invalid': problems.length > 0 || undefined,
        'aria-description': problemText || undefined,
        onClick: select,
        onKeyDown: (e) => {
          if ((e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
            e.preventDefault();
            select(e);
          }
        },
        className: 'ts-block',
        style: {
          position: 'relative',
          padding: '8px 10px',
          borderRadius: 8,
          border: `1px ${selected ? 'solid' : 'dashed'} ${problems.length ? '#ff4d4f' : selected ? 'var(--ts-primary, #1677ff)' : 'transparent'}`,
          background: selected ? 'rgba(22,119,255,0.04)' : '#fff',
          boxShadow: selected ? '0 0 0 1px var(--ts-primary, #1677ff)' : undefined,
          cursor: 'grab',
          outlineOffset: 2,
          touchAction: 'none',
        },
      }}
      after={selected ? <BlockActions id={field.id} /> : null}
    >
      {problems.length ? (
        <Tooltip title={<div style={{ whiteSpace: 'pre-wrap' }}>{problemText}</div>}>
          <WarningFilled style={{ color: '#ff4d4f', position: 'absolute', right: 8, top: 10 }} aria-hidden />
        </Tooltip>
      ) : null}
      {holder ? <ContainerBody field={holder} /> : <FieldFace field={field} siblings={d.siblings} engine={d.engine} locale={locale} b={b} rowOf={rowOf} />}
    </DragShell>
  );
});

function BlockActions({ id }: { id: string }) {
  const d = useDesigner();
  const { b } = useBT();
  return (
    <div style={{ position: 'absolute', right: 8, bottom: -10, zIndex: 2, display: 'flex', gap: 4 }} onClick={(e) => e.stopPropagation()} onPointerDown={(e) => e.stopPropagation()}>
      <Tooltip title={b.duplicate}>
        <Button size="small" shape="circle" icon={<CopyOutlined aria-hidden />} aria-label={b.duplicate} onClick={() => duplicateSelection(d, [id])} />
      </Tooltip>
      <Tooltip title={b.remove}>
        <Button size="small" shape="circle" danger icon={<DeleteOutlined aria-hidden />} aria-label={b.remove} onClick={() => d.run({ type: 'fields.remove', ids: [id] })} />
      </Tooltip>
    </div>
  );
}

/** Sections, tabs, columns and subforms: their title and the lists they hold. */
function ContainerBody({ field }: { field: Extract<Field, { type: 'section' | 'tabs' | 'columns' | 'subform' }> }) {
  const { b, locale } = useBT();
  const [tab, setTab] = useState(0);
  const title = <div style={{ fontWeight: 600, marginBottom: 8 }}>{textOf(field.label, locale)}</div>;
  if (field.type === 'section') {
    return (
      <div>
        {title}
        <Zone container={field.id} list={field.fields} axis="y" empty={b.emptyContainer} />
      </div>
    );
  }
  if (field.type === 'subform') {
    return (
      <div>
        {title}
        <Zone container={field.id} list={field.fields} axis="x" empty={b.emptySubform} rowOf={field.id} />
      </div>
    );
  }
  if (field.type === 'tabs') {
    const active = field.tabs[Math.min(tab, field.tabs.length - 1)];
    return (
      <div>
        <div role="tablist" style={{ display: 'flex', gap: 4, borderBottom: '1px solid #f0f0f0', marginBottom: 8 }} onClick={(e) => e.stopPropagation()}>
          {field.tabs.map((t, i) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t === active}
              onClick={() => setTab(i)}
              onPointerDown={(e) => e.stopPropagation()}
              style={{ border: 0, background: 'none', padding: '6px 12px', cursor: 'pointer', borderBottom: t === active ? '2px solid var(--ts-primary, #1677ff)' : '2px solid transparent', color: t === active ? 'var(--ts-primary, #1677ff)' : undefined }}
            >
              {textOf(t.label, locale)}
            </button>
          ))}
        </div>
        {active ? <Zone container={`${field.id}/${active.id}`} list={active.fields} axis="y" empty={b.emptyContainer} /> : null}
      </div>
    );
  }
  return (
    <div>
      {field.label ? title : null}
      <div style={{ display: 'flex', gap: 8 }}>
        {field.columns.map((c) => (
          <div key={c.id} style={{ flex: `${c.span ?? 24 / field.columns.length} 1 0`, minWidth: 0, border: '1px dashed #e5e5e5', borderRadius: 6 }}>
            <Zone container={`${field.id}/${c.id}`} list={c.fields} axis="y" empty={b.emptyContainer} />
          </div>
        ))}
      </div>
    </div>
  );
}

const FIRST_BLOCKS = 40;
const MORE_BLOCKS = 80;

/** One list of fields and the drop area around them. */
function Zone({ container, list, axis, empty, rowOf }: { container: ContainerKey; list: Field[]; axis: 'x' | 'y'; empty: string; rowOf?: string }) {
  const drop = useDroppable({ id: `zone:${container}`, data: { kind: 'zone', container, count: list.length, axis } satisfies DropData });
  // The form's own list opens a screenful at a time (the designer is usable before field 200
  // exists); lists inside containers are drawn whole.
  const limit = useProgressive(list.length, { first: FIRST_BLOCKS, step: MORE_BLOCKS, mark: 'tessera:designer-complete', on: container === ROOT });
  return (
    <div
      ref={drop.setNodeRef}
      data-zone={container}
      style={{
        display: 'flex',
        flexWrap: axis === 'y' ? 'wrap' : 'nowrap',
        overflowX: axis === 'x' ? 'auto' : undefined,
        alignItems: 'flex-start',
        minHeight: container === ROOT ? 240 : 64,
        borderRadius: 6,
        background: container === ROOT ? undefined : '#fcfcfc',
        padding: container === ROOT ? 0 : 4,
      }}
    >
      {list.length === 0 ? <div style={{ color: '#999', padding: 16, textAlign: 'center', width: '100%', alignSelf: 'center' }}>{empty}</div> : null}
      {(limit < list.length ? list.slice(0, limit) : list).map((f, i) => <FieldBlock key={f.id} field={f} container={container} index={i} axis={axis} rowOf={rowOf} />)}
    </div>
  );
}

/** The line where a drop would land (red where the field may not go). */
export function DropIndicator({ store }: { store: TargetStore }) {
  const t = useSyncExternalStore(store.subscribe, store.get);
  if (!t) return null;
  return (
    <div
      aria-hidden
      style={{ position: 'fixed', left: t.line.left, top: t.line.top, width: t.line.width, height: t.line.height, background: t.allowed ? 'var(--ts-primary, #1677ff)' : '#ff4d4f', borderRadius: 2, pointerEvents: 'none', zIndex: 1000 }}
    />
  );
}

export function Canvas({ schema }: { schema: FormSchema }) {
  const d = useDesigner();
  const { b, locale } = useBT();
  return (
    <section aria-label={b.canvas} data-canvas style={{ height: '100%', overflow: 'auto', background: '#f5f6f8', padding: 24 }} onClick={() => d.selection.set([])}>
      <div style={{ maxWidth: 960, margin: '0 auto', background: '#fff', borderRadius: 8, boxShadow: '0 1px 2px rgba(0,0,0,0.06)', padding: '20px 16px' }}>
        <h2 style={{ fontSize: 20, margin: '0 8px 16px' }}>{textOf(schema.title, locale) || b.untitledForm}</h2>
        <Zone container={ROOT} list={schema.fields} axis="y" empty={b.emptyCanvas} />
      </div>
    </section>
  );
}
