// The notification centre as the web app reads it: the shapes /api/notifications answers with,
// the calls, and where a notification leads (the record in the list's drawer on a desktop, the
// record's page on a phone). No React here.
import type { I18nText } from '@tessera/form-engine';
import { api } from '../../lib/api';

export type NotificationKind = 'mention' | 'task' | 'cc';

export interface NotificationItem {
  _id: string;
  kind: NotificationKind;
  actor: { id: string; displayName: string };
  /** What it is about: the form's title for a mention. */
  title: I18nText;
  text: string;
  link: { appId: string; formId: string; recordId: string };
  at: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
}

/** How often the bell asks for the unread count (and again whenever the window gets the focus). */
export const POLL_MS = 30_000;

export const unreadCount = () => api<{ unread: number }>('GET', '/api/notifications/count').then((r) => r.unread);

export const notificationPage = (cursor: string | null) =>
  api<NotificationPage>('GET', `/api/notifications?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

export const markRead = (id: string) => api<NotificationItem>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);

/** Marks read the notifications up to `upTo` (the newest the list shows): one arriving meanwhile stays unread. */
export const markAllRead = (upTo?: string) => api<{ updated: number }>('POST', '/api/notifications/read-all', upTo ? { upTo } : {});

/** Where a notification's record opens: over its list in a drawer (desktop, `?record=`), or as a page (phone). */
export function recordPath(link: NotificationItem['link'], phone: boolean): string {
  const list = `/apps/${encodeURIComponent(link.appId)}/forms/${encodeURIComponent(link.formId)}`;
  return phone ? `${list}/records/${encodeURIComponent(link.recordId)}` : `${list}?record=${encodeURIComponent(link.recordId)}`;
}
