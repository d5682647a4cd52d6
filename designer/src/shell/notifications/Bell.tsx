// The bell in the app shell's top bar: the unread count (asked every 30 s while the page is
// visible, and whenever the window gets the focus: no websockets), and the list of notifications
// in a popover on a desktop, a full-screen drawer on a phone. Its accessible name says the count.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Button, Drawer, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useIsPhone } from '@tessera/form-engine/react';
import { fmt } from '../../lib/i18n';
import { markRead, POLL_MS, recordPath, unreadCount, type NotificationItem } from './model';
import { NotificationList } from './NotificationList';
import { useNoticeText } from './text';

/** The unread count, kept fresh; null until first known (a failed ask keeps the last count). */
function useUnreadCount(): { count: number | null; refresh(): void } {
  const [count, setCount] = useState<number | null>(null);
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const n = ++asked.current;
    unreadCount().then((c) => n === asked.current && setCount(c), () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => document.visibilityState === 'visible' && refresh(), POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);
  return { count, refresh };
}

export function NotificationBell() {
  const nt = useNoticeText();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { count, refresh } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    bell.current?.focus();
  };
  const openItem = async (n: NotificationItem) => {
    // Opening it is reading it; a failed mark still opens the record (the bell counts again anyway).
    if (!n.readAt) await markRead(n._id).catch(() => undefined);
    setOpen(false);
    refresh();
    navigate(recordPath(n.link, phone));
  };

  const label = count ? fmt(nt.bellLabel, { n: count }) : nt.bellLabelNone;
  const button = (
    <Button
      ref={bell}
      type="text"
      aria-label={label}
      aria-expanded={open}
      onClick={phone ? () => setOpen(true) : undefined}
      icon={
        <Badge count={count ?? 0} size="small" offset={[2, -2]}>
          <BellOutlined aria-hidden style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  const list = (heading: boolean) => <NotificationList phone={phone} heading={heading} unread={count} onOpen={openItem} onChanged={refresh} onClose={close} />;

  if (phone) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={() => setOpen(false)} title={nt.title} placement="right" size="100%" destroyOnHidden styles={{ body: { padding: 8 } }}>
          {open ? list(false) : null}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        // Opening looks again: the count may have moved since the last poll.
        if (o) refresh();
      }}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      content={<div style={{ width: 380, maxHeight: 520, overflowY: 'auto' }}>{open ? list(true) : null}</div>}
    >
      {button}
    </Popover>
  );
}
