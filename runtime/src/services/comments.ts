// Comments on a record, and who may be @mentioned in them: the people the one permission check
// lets see the record. A comment and the notifications of the people it mentions are written in
// one transaction; a mention of someone who cannot see the record refuses the whole comment,
// naming them, so nobody learns of a record through a notification they could not open.
import type { FormSchema } from '@tessera/form-engine';
import { nowIso, type Clock } from '../clock';
import { MENTION_NO_DIRECTORY, MENTION_NOT_ALLOWED } from '../http/errors';
import type { Principal } from '../http/principal';
import type { Doc, Store } from '../storage';
import type { Notifications } from './notifications';
import { forbidden, type Caller, type FormAccess } from './permissions';
import type { RecordDoc, RecordsService } from './records';

export interface CommentDoc extends Doc {
  formId: string;
  recordId: string;
  text: string;
  /** Ids of the people mentioned. */
  mentions: string[];
  authorId: string;
  at: string;
}

/** People of a tenant, enabled accounts only: these ids, or a page of those whose name contains `q`, by name. */
export type PeopleQuery = { ids: readonly string[] } | { q: string; skip: number; limit: number };

export interface CommentsServiceOptions {
  store: Store;
  clock: Clock;
  records: RecordsService;
  notifications: Notifications;
  /** The one permission check, for anyone: the author, and the people mentioned or offered. */
  access(principal: Principal, appId: string, formId: string): Promise<FormAccess>;
  /** People of the tenant as the permission check knows them (platform owns the accounts). */
  people(tenantId: string, query: PeopleQuery): Promise<Principal[]>;
}

/** Someone the picker offers: an id and a name, never the login name. */
export interface Mentionable {
  id: string;
  displayName: string;
}

/** How many accounts the picker reads at a time, and at most in all, looking for people who see the record. */
const SCAN_BATCH = 100;
const SCAN_MAX = 2000;
/** A record shows its latest comments, at most this many. */
export const MAX_COMMENTS_LISTED = 500;

export class CommentsService {
  constructor(private readonly o: CommentsServiceOptions) {}

  private get coll() {
    return this.o.store.collection<CommentDoc>('comments');
  }

  /** The latest comments (MAX_COMMENTS_LISTED) on a record the caller can see (else 404), oldest first: a long thread shows its end, where the conversation is. */
  async list(caller: Caller, schema: FormSchema, recordId: string): Promise<CommentDoc[]> {
    await this.o.records.visible(caller.access, schema, recordId);
    const newest = await this.coll.find({ formId: schema.id, recordId }, { sort: { _id: -1 }, limit: MAX_COMMENTS_LISTED });
    return newest.reverse();
  }

  /**
   * A comment on a record the caller can see (else 404) and may comment on (else 403). Everyone
   * it mentions must see the record (else 400 MENTION_NOT_ALLOWED naming them, nothing written);
   * each but the author gets a notification, in the comment's transaction.
   */
  async add(caller: Caller, appId: string, schema: FormSchema, recordId: string, text: string, mentions: readonly string[]): Promise<CommentDoc> {
    const { principal } = caller;
    return this.o.store.withTransaction(async (session) => {
      const record = await this.o.records.visible(caller.access, schema, recordId, session);
      if (!caller.access.reaches('comment', record)) throw forbidden('comment');
      await this.checkMentions(principal.tenantId, appId, schema, record, mentions);
      const at = nowIso(this.o.clock);
      const comment = await this.coll.insertOne({ formId: schema.id, recordId, text, mentions: [...mentions], authorId: principal.userId, at }, { session });
      const notice = {
        tenantId: principal.tenantId,
        kind: 'mention' as const,
        actorId: principal.userId,
        title: schema.title,
        text,
        link: { appId, formId: schema.id, recordId },
        source: { type: 'comment', id: comment._id },
      };
      const notified = mentions.filter((id) => id !== principal.userId);
      await this.o.notifications.add(notified.map((userId) => ({ ...notice, userId })), session);
      return comment;
    });
  }

  /**
   * Up to `limit` people who can see the record (the caller must see it too, else 404), whose
   * name contains `q`, by name, the caller left out. External accounts look up nobody (403).
   */
  async mentionable(caller: Caller, appId: string, schema: FormSchema, recordId: string, q: string, limit: number): Promise<Mentionable[]> {
    const { principal } = caller;
    if (principal.external) throw MENTION_NO_DIRECTORY();
    const record = await this.o.records.visible(caller.access, schema, recordId);
    const out: Mentionable[] = [];
    // Both bounds only spare work: the inner loop stops at `limit`, and past SCAN_MAX accounts (a
    // test would need 2,000) the rest are not read. Mutants of either survive; they were read.
    for (let skip = 0; out.length < limit && skip < SCAN_MAX; skip += SCAN_BATCH) {
      const batch = await this.o.people(principal.tenantId, { q, skip, limit: SCAN_BATCH });
      const sees = await Promise.all(batch.map((p) => (p.userId === principal.userId ? false : this.sees(p, appId, schema, record))));
      batch.forEach((p, i) => {
        if (sees[i] && out.length < limit) out.push({ id: p.userId, displayName: p.displayName || p.username });
      });
      // The last batch (never breaking only reads an empty batch more, up to SCAN_MAX).
      if (batch.length < SCAN_BATCH) break;
    }
    return out;
  }

  /** Whether this person may see the record as the records service would show it them (a deleted one: if they may restore it). */
  private async sees(p: Principal, appId: string, schema: FormSchema, record: RecordDoc): Promise<boolean> {
    const access = await this.o.access(p, appId, schema.id);
    return access.reaches(record._deleted ? 'restore' : 'view', record);
  }

  /** 400 naming everyone mentioned who cannot see the record (or has no enabled account). */
  private async checkMentions(tenantId: string, appId: string, schema: FormSchema, record: RecordDoc, mentions: readonly string[]): Promise<void> {
    // Only spares a read: no one mentioned, no one refused.
    if (mentions.length === 0) return;
    const found = new Map((await this.o.people(tenantId, { ids: mentions })).map((p) => [p.userId, p]));
    const refused: Array<{ index: number; userId: string; name: string | null }> = [];
    await Promise.all(
      mentions.map(async (userId, index) => {
        const p = found.get(userId);
        if (!p || !(await this.sees(p, appId, schema, record))) refused.push({ index, userId, name: p ? p.displayName || p.username : null });
      }),
    );
    if (refused.length === 0) return;
    refused.sort((a, b) => a.index - b.index);
    throw MENTION_NOT_ALLOWED(
      { names: refused.map((r) => r.name ?? r.userId) },
      refused.map((r) => ({
        path: `/mentions/${r.index}`,
        code: r.name === null ? 'unknown_user' : 'cannot_see_record',
        userId: r.userId,
        displayName: r.name,
      })),
    );
  }
}
