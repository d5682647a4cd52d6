// The user behind a session, remembered for a moment: every request checks its session's user
// (disabled? logged out everywhere?), and reading it from the store each time was a tenth of a
// record write. Any write to users through this process forgets everything at once, so a
// logout everywhere, a disabled account or a password change here takes effect immediately;
// another server node's change shows within `ttlMs` (2 s). That is also the longest a session
// logged out on another node still passes: its record is remembered the same way (sessions.ts). Freshness is measured on this process's monotonic
// clock (performance.now), not the server's Clock: it is about how long ago this process looked,
// and a clock set back (or a test's clock standing still) must not keep a user remembered.
import type { Collection } from '@tessera/runtime';
import type { UserDoc } from './model';

const WRITES = new Set(['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate']);
const MAX_ENTRIES = 10_000;

export interface UserCache {
  /** The users collection; writes through it forget every remembered user. */
  users: Collection<UserDoc>;
  find(id: string, tenantId: string): Promise<UserDoc | null>;
  /** The remembered user (null: remembered as absent), or undefined when not remembered now. */
  peek(id: string, tenantId: string): UserDoc | null | undefined;
}

export function createUserCache(users: Collection<UserDoc>, ttlMs = 2000): UserCache {
  const remembered = new Map<string, { user: UserDoc | null; expires: number }>();
  let generation = 0;
  const forget = () => {
    generation++;
    remembered.clear();
  };
  const wrapped = new Proxy(users, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !WRITES.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        forget();
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        // A read that raced the write must not put the old user back: forget again once it is done.
        return result.finally(forget);
      };
    },
  });
  return {
    users: wrapped,
    peek(id, tenantId) {
      const hit = remembered.get(`${tenantId}\u0000${id}`);
      return hit && hit.expires > performance.now() ? hit.user : undefined;
    },
    async find(id, tenantId) {
      const key = `${tenantId}\u0000${id}`;
      const now = performance.now();
      const hit = remembered.get(key);
      if (hit && hit.expires > now) return hit.user;
      const started = generation;
      const user = await users.findOne({ _id: id, tenantId });
      if (started === generation) {
        if (remembered.size >= MAX_ENTRIES) remembered.clear();
        remembered.set(key, { user, expires: now + ttlMs });
      }
      return user;
    },
  };
}
