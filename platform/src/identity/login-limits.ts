// Sign-in limits. Failed sign-ins are counted in 15-minute windows, in the shared store so every
// node sees the same counts and a restart forgets nothing; the client is the address fastify's
// trust-proxy resolved (an IPv6 client by its /64, which one machine usually holds whole).
//
// Three counters, with L = TESSERA_LOGIN_RATE_LIMIT (default 10):
//   - account + client, strict: after L failures that client may not try that account again
//     until the window ends (429). Keyed by the pair, so a client guessing someone's password
//     locks out only itself: the owner signs in from any client that has not been failing.
//   - client, strict: after 3L failures, over any usernames, the client may not sign in at all:
//     password spraying (one common password tried on many accounts) meets this one.
//   - account, loose: past 3L failures from all clients together, every further try on the
//     account waits a second more (5 s at most) before the password is checked. A wide botnet
//     is slowed; the owner is never locked out, only kept waiting.
// Each try is counted before its password is checked (so parallel guesses cannot all slip in
// before the first failure lands) and taken back when it succeeds. Time comes from the
// server's Clock, not this process's: the windows are shared by every node.
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Clock, Collection, Store } from '@tessera/runtime';
import { SIGN_IN_LIMITED } from './errors';
import type { LoginCounterDoc } from './model';

const WINDOW_MS = 15 * 60_000;
const DELAY_STEP_MS = 1000;
const MAX_DELAY_MS = 5000;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface LoginLimitOptions {
  store: Store;
  counters: Collection<LoginCounterDoc>;
  clock: Clock;
  /** Failed sign-ins per account and client in a window (L above). */
  perAccountClient: number;
  /** How a delay is waited (tests may pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

export interface LoginAttempt {
  /** The sign-in succeeded: the try is taken back, and this client's failures on this account forgiven. */
  succeeded(): Promise<void>;
}

export interface LoginLimits {
  /**
   * Counts a sign-in try of `username` from `ip`, after waiting out the account's delay; throws
   * 429 RATE_LIMITED (with Retry-After seconds in details) when the client may not try now.
   */
  admit(tenantId: string, username: string, ip: string): Promise<LoginAttempt>;
}

/** The client as counted: an IPv4 address (also when IPv4-mapped) or an IPv6 /64. */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  // Stryker disable next-line ArrayDeclaration: with nothing after "::", a group made up here would land last, past the first four (the only ones kept)
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail is two groups; only the first four groups matter here anyway.
  const width = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  // Without "::" the left groups are the whole address (a fill, if any, lands past the first four).
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - width)).fill('0'), ...right];
  // The "::/64" only labels the key (an IPv4 key has no ":"): a mutant emptying it survives.
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

const counterId = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

export function createLoginLimits(opts: LoginLimitOptions): LoginLimits {
  const { store, counters, clock } = opts;
  const limit = { 'account-client': opts.perAccountClient, client: 3 * opts.perAccountClient };
  const slowAfter = 3 * opts.perAccountClient;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastSweep = -Infinity;

  async function sweep(nowIso: string) {
    if (performance.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = performance.now();
    // Only ended windows go. A sweep runs once a SWEEP_EVERY_MS of real time: the tests see a
    // server's first one, after a restart (tests/api/identity-login-limits.test.ts).
    await counters.deleteMany({ windowEnds: { $lt: nowIso } }).catch(() => undefined);
  }

  return {
    async admit(tenantId, username, ip) {
      const client = clientKey(ip);
      const ids = {
        'account-client': counterId('account-client', tenantId, username, client),
        client: counterId('client', client),
        account: counterId('account', tenantId, username),
      } as const;
      const now = clock.now().getTime();
      await sweep(new Date(now).toISOString());
      const { windows: counted, accountFailures } = await store.withTransaction(async (session) => {
        const windows: Partial<Record<LoginCounterDoc['kind'], string>> = {};
        let accountFailures = 0;
        // One after the other: a MongoDB transaction takes no parallel operations.
        for (const kind of ['client', 'account-client', 'account'] as const) {
          const doc = await counters.findOne({ _id: ids[kind] }, { session });
          const live = doc !== null && Date.parse(doc.windowEnds) > now ? doc : null;
          if (live && kind !== 'account' && live.count >= limit[kind]) {
            const seconds = Math.max(1, Math.ceil((Date.parse(live.windowEnds) - now) / 1000));
            throw SIGN_IN_LIMITED({ seconds }, [{ retryAfterSeconds: seconds }]);
          }
          if (live) {
            await counters.updateOne({ _id: live._id }, { $inc: { count: 1 } }, { session });
            windows[kind] = live.windowEnds;
          } else {
            const windowEnds = new Date(now + WINDOW_MS).toISOString();
            await counters.replaceOne({ _id: ids[kind] }, { kind, count: 1, windowEnds }, { session, upsert: true });
            windows[kind] = windowEnds;
          }
          // Stryker disable next-line ConditionalExpression: the account comes last in the loop, so its count is the one left either way
          if (kind === 'account') accountFailures = live?.count ?? 0;
        }
        return { windows, accountFailures };
      });
      const excess = accountFailures + 1 - slowAfter;
      if (excess > 0) await sleep(Math.min(MAX_DELAY_MS, excess * DELAY_STEP_MS));
      return {
        async succeeded() {
          await store.withTransaction(async (session) => {
            await counters.deleteOne({ _id: ids['account-client'] }, { session });
            // Taken back only within the window it was counted in.
            for (const kind of ['client', 'account'] as const) {
              await counters.updateOne({ _id: ids[kind], windowEnds: counted[kind], count: { $gt: 0 } }, { $inc: { count: -1 } }, { session });
            }
          });
        },
      };
    },
  };
}
