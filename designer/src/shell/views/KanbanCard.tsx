// One record on the kanban: its title (the link that opens it, by Tab and Enter too) and the card
// fields the view chose, as the table shows them. A pointer drags it to another column (a few
// pixels first, so a click still opens it); "move to" does the same from the keyboard or a phone.
import type { CSSProperties, PointerEventHandler } from 'react';
import { Button, Card, Dropdown, Typography, theme } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { fmt } from '../../lib/i18n';
import { RecordLink } from '../list/RecordLink';
import { fieldLabel, type CardDisplay } from './cardDisplay';
import { keyId, type Rec } from './kanbanModel';
import { useKanbanT } from './kanbanStrings';

export interface CardProps {
  rec: Rec;
  /** The key of the column it is in. */
  at: string | null;
  display: CardDisplay;
  /** Whether the caller may change the column field of this record. */
  movable: boolean;
  /** Whether a pointer drags it (not on a phone: a swipe there scrolls the columns). */
  draggable: boolean;
  /** The other columns it may go to, by name. */
  targets: Array<{ key: string | null; name: string }>;
  href: string;
  onOpen(id: string): void;
  onMove(rec: Rec, from: string | null, to: string | null): void;
}

export function KanbanCard({ rec, at, display, movable, draggable, targets, href, onOpen, onMove }: CardProps) {
  const { k, locale } = useKanbanT();
  const { token } = theme.useToken();
  const drag = useDraggable({ id: `card:${rec._id}`, disabled: !(movable && draggable), data: { type: 'card', rec, from: at } });
  const name = display.title(rec);
  // Only the pointer drags a card: the keyboard reaches its link and its "move to" menu instead
  // (dnd-kit's key listener would take Enter on the link for "pick up").
  const grab = movable && draggable ? (drag.listeners?.onPointerDown as PointerEventHandler<HTMLDivElement> | undefined) : undefined;
  const style: CSSProperties = { marginBottom: 8, opacity: drag.isDragging ? 0.4 : 1, cursor: movable && draggable ? 'grab' : 'pointer', touchAction: movable && draggable ? 'none' : undefined };
  const menu = targets.filter((c) => c.key !== at).map((c) => ({ key: `to:${keyId(c.key)}`, label: fmt(k.moveToColumn, { column: c.name }), onClick: () => onMove(rec, at, c.key) }));
  return (
    <div ref={drag.setNodeRef} onPointerDown={grab} data-record={rec._id} className="tessera-kanban-card">
      <Card
        size="small"
        hoverable
        style={style}
        styles={{ header: { minHeight: 36, paddingInline: 10 }, body: { padding: '6px 10px' } }}
        onClick={() => onOpen(rec._id)}
        title={<Typography.Text strong ellipsis><RecordLink href={href} onOpen={() => onOpen(rec._id)} title={name} /></Typography.Text>}
        extra={
          movable && menu.length ? (
            <Dropdown trigger={['click']} menu={{ items: [{ key: 'moveTo', type: 'group', label: k.moveTo, children: menu }] }}>
              <Button type="text" size="small" icon={<MoreOutlined aria-hidden />} aria-label={fmt(k.cardActions, { name })} onPointerDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()} />
            </Dropdown>
          ) : null
        }
      >
        {display.cardFields.map((f) => (
          <div key={f.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 13, lineHeight: '22px', minWidth: 0 }}>
            <span style={{ color: token.colorTextSecondary, flex: 'none' }}>{fieldLabel(f, locale)}</span>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'end' }}>{display.cell(f, rec) || <span style={{ color: token.colorTextQuaternary }}>—</span>}</span>
          </div>
        ))}
      </Card>
    </div>
  );
}

/** The look of a card while it is dragged (dnd-kit's overlay, above everything). */
export function CardGhost({ name }: { name: string }) {
  const { token } = theme.useToken();
  return <div style={{ background: token.colorBgContainer, border: `1px solid ${token.colorPrimary}`, borderRadius: 8, padding: '8px 12px', boxShadow: token.boxShadowSecondary, width: 260, fontWeight: 600, cursor: 'grabbing' }}>{name}</div>;
}
