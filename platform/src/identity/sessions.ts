// Server-side sessions: one record per signed-in browser in the shared store, so a logout (the
// record deleted) is refused on every node, and an idle session ends after `idleSeconds`.
//
// Every request checks its session, and a store read each time would cost as much as the user
// read user-cache.ts avoids, so records are remembered for `ttlMs` (2 s) on this process's
// monotonic clock. A logout through this process forgets its session at once; a logout on
// another node is seen here within ttlMs: that is the longest a revoked session still passes.
// Last activity is written at most once per TOUCH_EVERY_MS (a minute) per session, so the idle
// timeout is exact to about a minute, erring on the early side.
import { randomBytes } from 'node:crypto';
import type { Clock, Collection } from '@tessera/runtime';
import type { SessionDoc, UserDoc } from './model';

const TOUCH_EVERY_MS = 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/** A remembered session: its record (null: none) with its times parsed once. */
export interface SessionEntry {
  doc: SessionDoc | null;
  lastSeenMs: number;
  endsMs: number;
  /** performance.now() after which it must be read again */
  until: number;
}

export interface SessionStoreOptions {
  clock: Clock;
  maxAgeSeconds: number;
  idleSeconds: number;
  /** How long a read is remembered (default 2000 ms). */
  ttlMs?: number;
}

export interface Sessions {
  /** Records a new session for `user`, signed in from `ip`. */
  create(user: Pick<UserDoc, '_id' | 'tenantId'>, ip: string): Promise<SessionDoc>;
  /** The session when it is remembered right now (no await); null when remembered as gone; undefined when not remembered. */
  peek(sid: string): SessionEntry | undefined;
  /** The session, read from the store unless remembered. */
  find(sid: string): Promise<SessionEntry>;
  /** Whether a session stands at this instant: it exists and is neither over nor idle too long. */
  alive(entry: SessionEntry, nowMs: number): boolean;
  /** Whether this request should write the session's last activity. */
  needsTouch(entry: SessionEntry, nowMs: number): boolean;
  touch(entry: SessionEntry, nowMs: number): Promise<void>;
  /** Ends one session (logout). */
  revoke(sid: string): Promise<void>;
  /** Ends every session of a user: sign-out everywhere, a password change (which then signs this browser in anew), an account disabled or deleted. */
  revokeUser(userId: string): Promise<void>;
}

export function createSessions(sessions: Collection<SessionDoc>, opts: SessionStoreOptions): Sessions {
  const ttlMs = opts.ttlMs ?? 2000;
  const idleMs = opts.idleSeconds * 1000;
  const remembered = new Map<string, SessionEntry>();
  let generation = 0;
  let lastSweep = -Infinity;
  const forget = () => {
    generation++;
    remembered.clear();
  };
  const entryOf = (doc: SessionDoc | null): SessionEntry => ({
    doc,
    lastSeenMs: doc ? Date.parse(doc.lastSeenAt) : 0,
    endsMs: doc ? Date.parse(doc.expiresAt) : 0,
    until: performance.now() + ttlMs,
  });
  const ignore = () => undefined;

  const peek = (sid: string): SessionEntry | undefined => {
    const hit = remembered.get(sid);
    return hit && hit.until > performance.now() ? hit : undefined;
  };

  return {
    peek,
    async create(user, ip) {
      const now = opts.clock.now();
      const at = now.toISOString();
      const doc = await sessions.insertOne({
        _id: randomBytes(16).toString('hex'),
        tenantId: user.tenantId,
        userId: user._id,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(now.getTime() + opts.maxAgeSeconds * 1000).toISOString(),
        ip,
      });
      // Ended sessions nobody logged out of are removed once their lifetime is over.
      if (performance.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = performance.now();
        await sessions.deleteMany({ expiresAt: { $lt: at } }).catch(ignore);
      }
      return doc;
    },
    async find(sid) {
      const hit = peek(sid);
      if (hit) return hit;
      const started = generation;
      const entry = entryOf(await sessions.findOne({ _id: sid }));
      // A revoke that ran during the read must not be undone by remembering what it removed.
      if (started === generation) {
        if (remembered.size >= MAX_ENTRIES) remembered.clear();
        remembered.set(sid, entry);
      }
      return entry;
    },
    alive(entry, nowMs) {
      return entry.doc !== null && entry.endsMs > nowMs && nowMs - entry.lastSeenMs < idleMs;
    },
    needsTouch(entry, nowMs) {
      return entry.doc !== null && nowMs - entry.lastSeenMs >= TOUCH_EVERY_MS;
    },
    async touch(entry, nowMs) {
      if (!entry.doc) return;
      // Claimed before the write, so requests arriving meanwhile do not write it again.
      entry.lastSeenMs = nowMs;
      await sessions.updateOne({ _id: entry.doc._id }, { $set: { lastSeenAt: new Date(nowMs).toISOString() } });
    },
    async revoke(sid) {
      forget();
      try {
        await sessions.deleteOne({ _id: sid });
      } finally {
        // Forgotten again once deleted: a read that began after the first forget may have
        // remembered it meanwhile. (Only a race shows this; no test can time one.)
        forget();
      }
    },
    async revokeUser(userId) {
      forget();
      try {
        await sessions.deleteMany({ userId });
      } finally {
        forget();
      }
    },
  };
}
