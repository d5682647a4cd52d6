// The field library: every field type, grouped and searchable. A type is dragged onto the
// canvas, or chosen with a click / Enter to go after the selected field.
import { memo, useMemo, useState } from 'react';
import { Button, Empty, Input, Typography } from 'antd';
import { useDraggable } from '@dnd-kit/core';
import { FIELD_TYPES, type FieldType } from '@tessera/form-engine';
import { DESIGNER_TYPES, PALETTE_GROUPS } from './model/fieldTypes';
import { FIELD_ICONS } from '../icons';
import { useBT } from '../i18n';

/** The drag data of a palette item. */
export interface PaletteDrag {
  kind: 'palette';
  type: FieldType;
  label: string;
}

/** The draggable part of a palette item: re-rendered on every pointer move of a drag, so tiny. */
function DragSource({ type, label, children }: { type: FieldType; label: string; children: React.ReactNode }) {
  const drag = useDraggable({ id: `palette:${type}`, data: { kind: 'palette', type, label } satisfies PaletteDrag });
  return (
    <div ref={drag.setNodeRef} {...drag.listeners} style={{ minWidth: 0, touchAction: 'none' }}>
      {children}
    </div>
  );
}

const PaletteItem = memo(function PaletteItem({ type, label, onAdd }: { type: FieldType; label: string; onAdd(type: FieldType): void }) {
  return (
    <DragSource type={type} label={label}>
      <Button
        icon={FIELD_ICONS[type]}
        onClick={() => onAdd(type)}
        data-type={type}
        title={label}
        style={{ justifyContent: 'flex-start', width: '100%', minWidth: 0, cursor: 'grab', paddingInline: 8, fontSize: 13 }}
      >
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</span>
      </Button>
    </DragSource>
  );
});

export function Palette({ onAdd }: { onAdd(type: FieldType): void }) {
  const { b, locale } = useBT();
  const [q, setQ] = useState('');
  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const match = (t: FieldType) => !needle || t.includes(needle) || Object.values(DESIGNER_TYPES[t].name).some((n) => n.toLowerCase().includes(needle));
    return PALETTE_GROUPS.map((g) => ({ g, types: FIELD_TYPES.filter((t) => DESIGNER_TYPES[t].group === g && match(t)) })).filter((x) => x.types.length);
  }, [q]);
  return (
    <section aria-label={b.palette} style={{ height: '100%', overflow: 'auto', padding: 12, borderRight: '1px solid #f0f0f0', background: '#fff' }}>
      <Input.Search allowClear placeholder={b.searchFields} aria-label={b.searchFields} value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 12 }} />
      {groups.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={b.noFieldTypeMatch} /> : null}
      {groups.map(({ g, types }) => (
        <div key={g} role="group" aria-labelledby={`palette-${g}`} style={{ marginBottom: 12 }}>
          <Typography.Text id={`palette-${g}`} type="secondary" style={{ display: 'block', fontSize: 12, margin: '4px 0 6px' }}>{b.groups[g]}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 6 }}>
            {types.map((t) => <PaletteItem key={t} type={t} label={DESIGNER_TYPES[t].name[locale]} onAdd={onAdd} />)}
          </div>
        </div>
      ))}
    </section>
  );
}
