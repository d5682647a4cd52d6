// The notification centre: what a person should look at, one document per recipient, with a
// link to the record it is about. Today a mention in a comment; a flow's task and CC later use
// the same documents (kind, who caused it, a heading, a line of text, the record). Writers add
// notifications inside their own transaction, so a refused write leaves none; a reader only
// ever sees and marks their own.
import type { I18nText } from '@tessera/form-engine';
import { nowIso, type Clock } from '../clock';
import { NOTIFICATION_NOT_FOUND } from '../http/errors';
import type { Doc, Filter, Store, TxSession } from '../storage';
import { decodeCursor, encodeCursor } from './record-helpers';

export const NOTIFICATION_KINDS = ['mention', 'task', 'cc'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The record a notification opens. */
export interface NotificationLink {
  appId: string;
  formId: string;
  recordId: string;
}

/** What a writer gives: everything but the id and the times. */
export interface NewNotification {
  tenantId: string;
  /** The recipient. */
  userId: string;
  kind: NotificationKind;
  /** Who caused it: the comment's author, later the person who sent the task on. */
  actorId: string;
  /** What it is about, as a heading: the form's title for a mention, a flow node's name for a task. */
  title: I18nText;
  /** A line of text: the comment (cut short), a task's instructions. */
  text: string;
  link: NotificationLink;
  /** What made it (`{ type: 'comment', id }`, later a task): a writer finds its notifications again by it. */
  source: { type: string; id: string };
}

export interface NotificationDoc extends Doc, NewNotification {
  at: string;
  /** When the recipient read it; null while unread. */
  readAt: string | null;
}

/** Whose notifications: a signed-in person (their principal has both). */
export interface Recipient {
  tenantId: string;
  userId: string;
}

/** Longest text a notification keeps (the rest is on the record). */
export const NOTIFICATION_TEXT_MAX = 200;

export const NOTIFICATIONS = 'notifications';

export class Notifications {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  private get coll() {
    return this.store.collection<NotificationDoc>(NOTIFICATIONS);
  }

  /** The recipient's list, newest first, and their unread ones; a purged record's notifications. */
  ensureIndexes(): Promise<void> {
    // Stryker disable next-line ArrayDeclaration,UnaryOperator: indexes make these reads fast, never change what they find
    return this.coll.ensureIndexes([{ keys: { userId: 1, _id: -1 } }, { keys: { userId: 1, readAt: 1 } }, { keys: { 'link.recordId': 1 } }]);
  }

  /** Adds notifications in the writer's transaction, all stamped now; text longer than NOTIFICATION_TEXT_MAX is cut. */
  async add(items: readonly NewNotification[], session: TxSession): Promise<void> {
    // Only spares the write (inserting nothing writes nothing): its `false` mutant survives, read.
    if (items.length === 0) return;
    const at = nowIso(this.clock);
    const cut = (s: string) => (s.length > NOTIFICATION_TEXT_MAX ? `${s.slice(0, NOTIFICATION_TEXT_MAX - 1)}…` : s);
    await this.coll.insertMany(items.map((n) => ({ ...n, text: cut(n.text), at, readAt: null })), { session });
  }

  private mine(r: Recipient, extra: Filter = {}): Filter {
    return { userId: r.userId, tenantId: r.tenantId, ...extra };
  }

  /** A page of the recipient's notifications, newest first (`unread`: only those not read); the cursor goes on after the last. */
  async page(r: Recipient, q: { unread?: boolean; limit: number; cursor?: string }): Promise<{ items: NotificationDoc[]; nextCursor: string | null }> {
    const filter = this.mine(r, q.unread ? { readAt: null } : {});
    if (q.cursor) filter._id = { $lt: decodeCursor(q.cursor, 1)[0] };
    const found = await this.coll.find(filter, { sort: { _id: -1 }, limit: q.limit + 1 });
    const items = found.slice(0, q.limit);
    return { items, nextCursor: found.length > q.limit ? encodeCursor([items[items.length - 1]._id]) : null };
  }

  /** How many the recipient has not read. */
  unread(r: Recipient): Promise<number> {
    return this.coll.count(this.mine(r, { readAt: null }));
  }

  /** Marks one of the recipient's notifications read (again: no change); another's, or none, is 404. */
  async markRead(r: Recipient, id: string): Promise<NotificationDoc> {
    const found = await this.coll.findOne(this.mine(r, { _id: id }));
    if (!found) throw NOTIFICATION_NOT_FOUND({ id }, [{ path: 'id', code: 'unknown_notification' }]);
    if (found.readAt) return found;
    const readAt = nowIso(this.clock);
    await this.coll.updateOne(this.mine(r, { _id: id, readAt: null }), { $set: { readAt } });
    return { ...found, readAt };
  }

  /** Marks every unread notification of the recipient read (`upTo`: only that one and those before it, as the list showed them); how many. */
  async markAllRead(r: Recipient, upTo?: string): Promise<number> {
    const filter = this.mine(r, { readAt: null, ...(upTo ? { _id: { $lte: upTo } } : {}) });
    return (await this.coll.updateMany(filter, { $set: { readAt: nowIso(this.clock) } })).modified;
  }
}
