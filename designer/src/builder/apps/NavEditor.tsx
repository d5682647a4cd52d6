// The app's menu as the analyst arranges it: groups and forms in order, dragged (or moved with
// the keyboard) into place, hidden from the menu, renamed; each change is saved with the draft.
import { useState } from 'react';
import { Button, Dropdown, Input, Modal, Typography } from 'antd';
import { EyeInvisibleOutlined, FileTextOutlined, FolderOutlined, HolderOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { textOf, type I18nText } from '@tessera/form-engine';
import type { NavGroup, NavNode } from '../../lib/api';
import { moveNav, navKey } from '../../lib/navigation';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { sortAccessibility } from '../sortA11y';
import { i18nPart, setI18n } from '../form/model/i18nText';
import type { DraftForm } from '../api';

export interface FormMenuActions {
  design(formId: string): void;
  rename(formId: string): void;
  copy(formId: string): void;
  remove(formId: string): void;
}

function Row({ id, depth, selected, label, icon, hidden, onClick, menu }: { id: string; depth: number; selected?: boolean; label: string; icon: React.ReactNode; hidden?: boolean; onClick?(): void; menu: Array<{ key: string; label: string; danger?: boolean; onClick(): void }> }) {
  const { b } = useBT();
  const s = useSortable({ id, attributes: { roleDescription: b.draggableItem } });
  return (
    <div
      ref={s.setNodeRef}
      style={{ transform: CSS.Transform.toString(s.transform), transition: s.transition, display: 'flex', alignItems: 'center', gap: 6, padding: '6px 8px', paddingInlineStart: 8 + depth * 20, borderRadius: 6, background: selected ? 'rgba(22,119,255,0.08)' : s.isDragging ? '#fafafa' : undefined, cursor: onClick ? 'pointer' : 'default' }}
      onClick={onClick}
    >
      <span {...s.attributes} {...s.listeners} aria-label={`${b.dragToReorder}: ${label}`} style={{ color: '#999', cursor: 'grab' }} onClick={(e) => e.stopPropagation()}>
        <HolderOutlined aria-hidden />
      </span>
      <span aria-hidden>{icon}</span>
      {onClick ? (
        <button type="button" aria-current={selected ? 'true' : undefined} onClick={(e) => { e.stopPropagation(); onClick(); }} style={{ flex: 1, minWidth: 0, textAlign: 'start', border: 0, background: 'none', padding: 0, cursor: 'pointer', color: hidden ? '#999' : 'inherit', font: 'inherit', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {label}
        </button>
      ) : (
        <Typography.Text ellipsis style={{ flex: 1, color: hidden ? '#999' : undefined }}>{label}</Typography.Text>
      )}
      {hidden ? <EyeInvisibleOutlined aria-label={b.hideInMenu} style={{ color: '#999' }} /> : null}
      <Dropdown trigger={['click']} menu={{ items: menu.map((m) => ({ key: m.key, label: m.label, danger: m.danger, onClick: ({ domEvent }) => { domEvent.stopPropagation(); m.onClick(); } })) }}>
        <Button size="small" type="text" icon={<MoreOutlined aria-hidden />} aria-label={fmt(b.moreActions, { label })} onClick={(e) => e.stopPropagation()} />
      </Dropdown>
    </div>
  );
}

export function NavEditor({ nodes, forms, selected, onSelect, onChange, actions }: { nodes: NavNode[]; forms: DraftForm[]; selected: string | null; onSelect(formId: string): void; onChange(n: NavNode[]): void; actions: FormMenuActions }) {
  const { b, locale } = useBT();
  const [naming, setNaming] = useState<{ group?: NavGroup; text: I18nText } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const byId = new Map(forms.map((f) => [f.id, f]));
  const onDragEnd = (e: DragEndEvent) => e.over && onChange(moveNav(nodes, String(e.active.id), String(e.over.id)));
  const labelOf = (key: string) => {
    const id = key.slice(2);
    if (key.startsWith('g:')) return textOf((nodes.find((n) => n.type === 'group' && n.id === id) as NavGroup | undefined)?.label, locale);
    return textOf(byId.get(id)?.title, locale) || b.untitledForm;
  };
  const setHidden = (key: string, hidden: boolean) =>
    onChange(
      nodes.map((n) => {
        if (navKey(n) === key) return hidden ? { ...n, hidden: true } : (({ hidden: _h, ...rest }) => rest as NavNode)(n);
        if (n.type === 'group') return { ...n, children: n.children.map((c) => (`f:${c.id}` === key ? (hidden ? { ...c, hidden: true } : { type: 'form' as const, id: c.id }) : c)) };
        return n;
      }),
    );
  const formMenu = (id: string, hidden?: boolean) => [
    { key: 'design', label: b.build, onClick: () => actions.design(id) },
    { key: 'rename', label: b.rename, onClick: () => actions.rename(id) },
    { key: 'copy', label: b.copy, onClick: () => actions.copy(id) },
    { key: 'hide', label: hidden ? b.showInMenu : b.hideInMenu, onClick: () => setHidden(`f:${id}`, !hidden) },
    { key: 'delete', label: b.remove, danger: true, onClick: () => actions.remove(id) },
  ];
  const formRow = (id: string, depth: number, hidden?: boolean) => {
    const f = byId.get(id);
    if (!f) return null;
    return <Row key={id} id={`f:${id}`} depth={depth} selected={selected === id} label={textOf(f.title, locale) || b.untitledForm} icon={<FileTextOutlined aria-hidden />} hidden={hidden} onClick={() => onSelect(id)} menu={formMenu(id, hidden)} />;
  };
  const saveGroup = () => {
    if (!naming) return;
    const label = naming.text || b.newGroup;
    if (naming.group) onChange(nodes.map((n) => (n.type === 'group' && n.id === naming.group!.id ? { ...n, label } : n)));
    else onChange([...nodes, { type: 'group', id: `grp_${Math.random().toString(36).slice(2, 8)}`, label, children: [] }]);
    setNaming(null);
  };
  return (
    <nav aria-label={b.navigation}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={sortAccessibility(b, labelOf)}>
        <SortableContext items={nodes.map(navKey)} strategy={verticalListSortingStrategy}>
          {nodes.map((n) =>
            n.type === 'group' ? (
              <div key={n.id}>
                <Row
                  id={`g:${n.id}`}
                  depth={0}
                  label={textOf(n.label, locale)}
                  icon={<FolderOutlined aria-hidden />}
                  hidden={n.hidden}
                  menu={[
                    { key: 'rename', label: b.rename, onClick: () => setNaming({ group: n, text: n.label }) },
                    { key: 'hide', label: n.hidden ? b.showInMenu : b.hideInMenu, onClick: () => setHidden(`g:${n.id}`, !n.hidden) },
                    { key: 'delete', label: b.remove, danger: true, onClick: () => onChange(nodes.flatMap((x) => (x === n ? n.children : [x]))) },
                  ]}
                />
                <SortableContext items={n.children.map((c) => `f:${c.id}`)} strategy={verticalListSortingStrategy}>
                  {n.children.map((c) => formRow(c.id, 1, c.hidden))}
                </SortableContext>
              </div>
            ) : (
              formRow(n.id, 0, n.hidden)
            ),
          )}
        </SortableContext>
      </DndContext>
      <Button type="dashed" block size="small" icon={<PlusOutlined aria-hidden />} style={{ marginTop: 8 }} onClick={() => setNaming({ text: '' })}>{b.addGroup2}</Button>
      <Modal title={naming?.group ? b.rename : b.addGroup2} open={!!naming} onCancel={() => setNaming(null)} onOk={saveGroup} okText={b.apply} cancelText={b.cancel} destroyOnHidden>
        <label htmlFor="group-name" style={{ display: 'block', marginBottom: 4 }}>{b.groupName}</label>
        <Input id="group-name" autoFocus value={naming ? i18nPart(naming.text, locale) : ''} onChange={(e) => naming && setNaming({ ...naming, text: setI18n(naming.text, locale, e.target.value) })} onPressEnter={saveGroup} />
      </Modal>
    </nav>
  );
}
