// Options of a single or multiple choice: colours, drag to reorder, add, delete, and bulk
// editing (one option a line, pasted from Excel). Options keep their stored value when their
// label changes or they move, so records keep pointing at them.
import { useMemo, useState } from 'react';
import { Button, Input, Modal, Popover, Tag, Tooltip } from 'antd';
import { DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { textOf, type Locale, type SelectOption } from '@tessera/form-engine';
import { i18nPart, setI18n } from '../model/i18nText';
import { idMaker } from '../model/fieldTypes';
import { optionsFromLines } from '../model/options';
import { useBT } from '../../i18n';
import { sortAccessibility } from '../../sortA11y';

export const OPTION_COLORS = ['green', 'red', 'orange', 'blue', 'gold', 'purple', 'cyan', 'magenta'];

function ColorDot({ color, onChange }: { color?: string; onChange(c: string | undefined): void }) {
  const { b } = useBT();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', maxWidth: 180 }}>
          <Tag style={{ cursor: 'pointer' }} onClick={() => { onChange(undefined); setOpen(false); }}>{b.noColor}</Tag>
          {OPTION_COLORS.map((c) => <Tag key={c} color={c} role="button" tabIndex={0} aria-label={b.colors[c]} title={b.colors[c]} style={{ cursor: 'pointer', width: 24, height: 20 }} onClick={() => { onChange(c); setOpen(false); }} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onChange(c); setOpen(false); } }} />)}
        </div>
      }
    >
      <Button size="small" aria-label={`${b.optionColor}: ${color ? b.colors[color] ?? color : b.noColor}`} style={{ width: 24, padding: 0 }}>
        <Tag color={color} style={{ margin: 0, width: 14, height: 14, padding: 0, borderRadius: 7 }} />
      </Button>
    </Popover>
  );
}

function OptionRow({ option, locale, onChange, onRemove, index }: { option: SelectOption; locale: Locale; onChange(o: SelectOption): void; onRemove(): void; index: number }) {
  const { b } = useBT();
  const s = useSortable({ id: option.value, attributes: { roleDescription: b.draggableItem } });
  return (
    <div ref={s.setNodeRef} style={{ display: 'flex', gap: 4, alignItems: 'center', marginBottom: 4, transform: CSS.Transform.toString(s.transform), transition: s.transition, background: '#fff' }}>
      <span {...s.attributes} {...s.listeners} aria-label={`${b.dragToReorder}: ${textOf(option.label, locale)}`} style={{ cursor: 'grab', color: '#999', padding: '0 2px' }}>
        <HolderOutlined aria-hidden />
      </span>
      <ColorDot color={option.color} onChange={(c) => onChange(c ? { ...option, color: c } : (({ color: _c, ...rest }) => rest)(option))} />
      <Input size="small" aria-label={`${b.optionLabel} ${index + 1}`} value={i18nPart(option.label, locale)} onChange={(e) => onChange({ ...option, label: setI18n(option.label, locale, e.target.value) })} />
      <Tooltip title={b.remove}>
        <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`${b.remove} ${textOf(option.label, locale)}`} onClick={onRemove} />
      </Tooltip>
    </div>
  );
}

export function OptionsEditor({ options, onChange }: { options: SelectOption[]; onChange(o: SelectOption[]): void }) {
  const { b, locale } = useBT();
  const [bulk, setBulk] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 3 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const newValue = useMemo(() => {
    const make = idMaker(new Set(options.map((o) => o.value)));
    return () => make('opt');
  }, [options]);
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    const from = options.findIndex((o) => o.value === e.active.id);
    const to = options.findIndex((o) => o.value === e.over!.id);
    onChange(arrayMove(options, from, to));
  };
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ fontSize: 13, color: '#595959', marginBottom: 4 }}>{b.options}</div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={sortAccessibility(b, (id) => textOf(options.find((o) => o.value === id)?.label, locale))}>
        <SortableContext items={options.map((o) => o.value)} strategy={verticalListSortingStrategy}>
          {options.map((o, i) => (
            <OptionRow key={o.value} option={o} index={i} locale={locale} onChange={(n) => onChange(options.map((x) => (x.value === o.value ? n : x)))} onRemove={() => onChange(options.filter((x) => x.value !== o.value))} />
          ))}
        </SortableContext>
      </DndContext>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...options, { value: newValue(), label: `${locale === 'en-US' ? 'Option' : '选项'}${options.length + 1}` }])}>{b.addOption}</Button>
        <Button size="small" onClick={() => setBulk(options.map((o) => textOf(o.label, locale)).join('\n'))}>{b.bulkEdit}</Button>
      </div>
      <Modal title={b.bulkEdit} open={bulk !== null} okText={b.apply} cancelText={b.cancel} onCancel={() => setBulk(null)} onOk={() => { onChange(optionsFromLines((bulk ?? '').split(/\r?\n/), options, locale, newValue)); setBulk(null); }} destroyOnHidden>
        <p style={{ color: '#595959' }}>{b.bulkHelp}</p>
        <Input.TextArea aria-label={b.bulkEdit} value={bulk ?? ''} onChange={(e) => setBulk(e.target.value)} autoSize={{ minRows: 6, maxRows: 16 }} />
      </Modal>
    </div>
  );
}
