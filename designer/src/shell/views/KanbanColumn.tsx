// One column of the kanban: a header with the option's tag or the person's name, its count, a
// handle that drags the column into another place (or the keyboard: space, arrows, space), a
// fold button and a menu; then its cards, "load more", or a sentence when it has none. The whole
// column is where a card is dropped. Folded, it is a narrow strip that still takes cards.
import type { CSSProperties, ReactNode } from 'react';
import { Button, Dropdown, Empty, Tag, Typography, theme } from 'antd';
import { HolderOutlined, MenuFoldOutlined, MenuUnfoldOutlined, MoreOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { fmt } from '../../lib/i18n';
import { keyId, type Column } from './kanbanModel';
import { useKanbanT } from './kanbanStrings';

export interface ColumnProps {
  col: Column;
  /** The column's name as text (the option's label, the person's name). */
  name: string;
  /** How the name shows in the header (an option's coloured tag). */
  label: ReactNode;
  index: number;
  count: number;
  folded: boolean;
  phone: boolean;
  loadingMore: boolean;
  onFold(): void;
  onShift(by: -1 | 1): void;
  onMore(): void;
  children: ReactNode;
}

export function KanbanColumn({ col, name, label, index, count, folded, phone, loadingMore, onFold, onShift, onMore, children }: ColumnProps) {
  const { k, t } = useKanbanT();
  const { token } = theme.useToken();
  const s = useSortable({ id: `col:${keyId(col.key)}`, data: { type: 'column', key: col.key, name }, attributes: { roleDescription: k.columnRole } });
  const overByCard = s.isOver && s.active?.data.current?.type === 'card';
  const box: CSSProperties = {
    transform: CSS.Translate.toString(s.transform),
    transition: s.transition,
    opacity: s.isDragging ? 0.5 : 1,
    flex: folded ? '0 0 48px' : phone ? '0 0 85%' : '0 0 272px',
    scrollSnapAlign: phone ? 'start' : undefined,
    display: 'flex',
    flexDirection: 'column',
    maxHeight: phone ? 'calc(100vh - 220px)' : 'calc(100vh - 250px)',
    minHeight: 160,
    background: overByCard ? token.colorPrimaryBg : token.colorFillQuaternary,
    outline: overByCard ? `2px dashed ${token.colorPrimary}` : undefined,
    borderRadius: 8,
  };
  const region = fmt(k.column, { name, n: col.total });
  const foldButton = (
    <Button type="text" size="small" icon={folded ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />} aria-label={fmt(folded ? k.unfold : k.fold, { name })} aria-expanded={!folded} onClick={onFold} />
  );
  const handle = phone ? null : (
    <span {...s.attributes} {...s.listeners} ref={s.setActivatorNodeRef} aria-label={fmt(k.dragColumn, { name })} style={{ color: token.colorTextTertiary, cursor: 'grab', padding: '0 2px', touchAction: 'none' }}>
      <HolderOutlined aria-hidden />
    </span>
  );
  if (folded) {
    return (
      <section ref={s.setNodeRef} style={{ ...box, alignItems: 'center', paddingBlock: 8, gap: 8 }} aria-label={region} data-column={keyId(col.key)}>
        {foldButton}
        <Tag style={{ marginInlineEnd: 0 }}>{col.total}</Tag>
        <div style={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap', overflow: 'hidden', flex: 1, color: token.colorText }}>{name}</div>
      </section>
    );
  }
  const menu = [
    { key: 'left', label: k.moveLeft, disabled: index === 0, onClick: () => onShift(-1) },
    { key: 'right', label: k.moveRight, disabled: index === count - 1, onClick: () => onShift(1) },
    { key: 'fold', label: fmt(k.fold, { name }), onClick: onFold },
  ];
  return (
    <section ref={s.setNodeRef} style={box} aria-label={region} data-column={keyId(col.key)}>
      <header style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '8px 8px 4px' }}>
        {handle}
        <div style={{ flex: 1, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>{label}</div>
        <Typography.Text type="secondary" aria-hidden>{fmt(k.count, { n: col.total })}</Typography.Text>
        {phone ? null : foldButton}
        <Dropdown trigger={['click']} menu={{ items: menu }}>
          <Button type="text" size="small" icon={<MoreOutlined aria-hidden />} aria-label={fmt(k.columnActions, { name })} />
        </Dropdown>
      </header>
      <div style={{ overflowY: 'auto', padding: '4px 8px 8px', flex: 1 }}>
        {col.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={k.emptyColumn} style={{ marginBlock: 16 }} /> : children}
        {col.nextCursor ? <Button block size="small" loading={loadingMore} onClick={onMore}>{t.loadMore}</Button> : null}
      </div>
    </section>
  );
}
