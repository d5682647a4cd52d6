// The list the bell opens: who did what, when, the unread ones marked; a notification is a link
// to its record (Enter or a click marks it read and opens it); "mark all read"; more pages on
// demand. Loading shows a skeleton, "none yet" and "could not load" (with the reason and a
// retry) read differently.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Empty, List, Skeleton, Typography, App } from 'antd';
import { textOf } from '@tessera/form-engine';
import { errorText } from '../../lib/api';
import { fmt, relativeTime, useT } from '../../lib/i18n';
import { markAllRead, notificationPage, recordPath, type NotificationItem } from './model';
import { useNoticeText } from './text';

export interface NotificationListProps {
  phone: boolean;
  /** The notification chosen: mark it read and open its record. */
  onOpen(item: NotificationItem): void;
  /** Something was marked read here: the bell counts again. */
  onChanged(): void;
  /** Escape: the list closes (the popover; a drawer closes itself). */
  onClose?(): void;
  /** Show the heading "通知" (the drawer has it in its title). */
  heading?: boolean;
  /** The bell's unread count: "mark all read" also reaches unread ones below the pages loaded. */
  unread: number | null;
}

export function NotificationList({ phone, onOpen, onChanged, onClose, heading = true, unread }: NotificationListProps) {
  const { t, locale } = useT();
  const nt = useNoticeText();
  const { message } = App.useApp();
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [more, setMore] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    setFailure(null);
    setItems(null);
    notificationPage(null).then(
      (p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
      },
      (e: unknown) => setFailure(e ?? new Error('failed')),
    );
  }, []);
  useEffect(load, [load]);
  // The list takes the focus when it opens, so Tab walks through it from the keyboard.
  useEffect(() => box.current?.focus(), []);

  const loadMore = () => {
    if (!cursor) return;
    setMore(true);
    notificationPage(cursor)
      .then((p) => {
        setItems((old) => [...(old ?? []), ...p.items]);
        setCursor(p.nextCursor);
      }, (e: unknown) => void message.error(errorText(e, t)))
      .finally(() => setMore(false));
  };

  const readAll = async () => {
    try {
      await markAllRead(items?.[0]?._id);
    } catch (e) {
      message.error(fmt(nt.markAllFailed, { reason: errorText(e, t) }));
      return;
    }
    const at = new Date().toISOString();
    setItems((old) => old?.map((n) => (n.readAt ? n : { ...n, readAt: at })) ?? old);
    onChanged();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && onClose) {
      e.stopPropagation();
      onClose();
    }
  };

  const what = (n: NotificationItem) => fmt(nt[n.kind], { title: textOf(n.title, locale) });
  const anyUnread = (items?.some((n) => !n.readAt) ?? false) || (unread ?? 0) > 0;

  let body;
  if (failure !== null) {
    body = (
      <div role="alert" style={{ padding: '24px 8px', textAlign: 'center' }}>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>{nt.loadFailed}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{errorText(failure, t)}</Typography.Paragraph>
        <Button onClick={load}>{nt.retry}</Button>
      </div>
    );
  } else if (items === null) {
    body = <Skeleton active paragraph={{ rows: 3 }} style={{ padding: 8 }} />;
  } else if (items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={nt.empty} />;
  } else {
    body = (
      <List
        dataSource={items}
        split
        renderItem={(n) => (
          <List.Item key={n._id} style={{ padding: 0, background: n.readAt ? undefined : '#f0f7ff' }}>
            <a
              href={recordPath(n.link, phone)}
              onClick={(e) => {
                e.preventDefault();
                onOpen(n);
              }}
              style={{ display: 'block', width: '100%', padding: '10px 12px', color: 'inherit' }}
            >
              <div>
                <Typography.Text strong={!n.readAt}>{n.actor.displayName || nt.someone}</Typography.Text> <Typography.Text>{what(n)}</Typography.Text>
              </div>
              {n.text ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0' }}>{n.text}</Typography.Paragraph> : null}
              <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={n.at}>{relativeTime(n.at, t)}</Typography.Text>
                {n.readAt ? null : <Badge status="processing" text={<span style={{ fontSize: 12 }}>{nt.unread}</span>} />}
              </div>
            </a>
          </List.Item>
        )}
      />
    );
  }

  return (
    <div ref={box} tabIndex={-1} role="region" aria-label={nt.title} onKeyDown={onKeyDown} style={{ outline: 'none' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: heading ? 'space-between' : 'flex-end', padding: '4px 4px 8px' }}>
        {heading ? <Typography.Text strong style={{ fontSize: 15 }}>{nt.title}</Typography.Text> : null}
        <Button type="link" size="small" disabled={!anyUnread || !items?.length} onClick={readAll}>{nt.markAllRead}</Button>
      </div>
      {body}
      {cursor && items ? <Button block type="text" loading={more} onClick={loadMore} style={{ marginTop: 4 }}>{nt.loadMore}</Button> : null}
    </div>
  );
}
