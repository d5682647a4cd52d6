// `tessera audit verify`: every chain of the audit trail, checked in one pass over the entries
// in `_id` order (each chain's entries are one run of ids, `<chain>:<seq>`; the legacy chain's
// bare numbers come first). The heads and the list of chains are read before the pass, and each
// chain is verified up to the head read then: on a live cluster an entry that lands meanwhile is
// not tampering, provided its chain's head has moved past it when it is looked at again.
import * as crypto from 'node:crypto';
import type { Store } from '../storage';
import {
  AUDIT_HEADS,
  auditKeyOf,
  chainsSealOf,
  CHAINS_ID,
  entryId,
  GENESIS,
  hashOf,
  headId,
  LEGACY_HEAD,
  sealOf,
  type AuditChains,
  type AuditEntry,
  type AuditHead,
} from './audit';

export type AuditVerdict =
  | { ok: true; count: number; chains: number }
  /** `chain` is '' for the single chain written before chains were split; `brokenAt` an entry number in it. */
  | { ok: false; count: number; chain: string; brokenAt: number; reason: string };

/** The legacy chain's name in verdicts. */
const LEGACY = '';
const PAGE = 1000;

/** The chain being read: how far it is verified, and the head it is verified up to. */
interface Run {
  chain: string;
  legacy: boolean;
  seq: number;
  prev: string;
  head?: { seq: number; hash: string; seal?: string };
  /** The last entry past `head` (written while we read), 0 when none. */
  late: number;
}

class Broken extends Error {
  constructor(
    readonly chain: string,
    readonly brokenAt: number,
    reason: string,
  ) {
    super(reason);
  }
}

const sealed = (given: string | undefined, expected: string) => {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'hex');
  const b = Buffer.from(expected, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
};

export async function verifyAuditChain(store: Store, opts: { key?: string } = {}): Promise<AuditVerdict> {
  const key = auditKeyOf(store, opts.key);
  const headsColl = store.collection<AuditHead & Partial<AuditChains>>(AUDIT_HEADS);
  const audit = store.collection<AuditEntry>('audit');
  let count = 0;
  try {
    // 1. What the chains were when we started.
    const all = await headsColl.find({});
    const legacyHead = all.find((h) => h._id === LEGACY_HEAD);
    const list = all.find((h) => h._id === CHAINS_ID);
    const heads = new Map(all.filter((h) => h._id.startsWith('chain:')).map((h) => [h._id.slice(6), h]));
    const names = list?.names ?? [];
    if (key && list && !sealed(list.seal, chainsSealOf(key, names))) throw new Broken(LEGACY, 0, 'the list of chains does not carry the audit key’s seal: a chain was added or removed by hand');
    for (const name of names) if (!heads.has(name)) throw new Broken(name, 1, `the head of chain ${name} is missing: the chain was removed`);
    for (const name of heads.keys()) if (!names.includes(name)) throw new Broken(name, 1, `chain ${name} is not in the list of chains`);
    for (const [name, h] of heads) {
      if (h.chain !== name) throw new Broken(name, h.seq, `the head of chain ${name} was changed`);
      if (key && !sealed(h.seal, sealOf(key, h.seq, h.hash, name))) throw new Broken(name, h.seq, h.seal === undefined ? 'the chain head is not sealed' : 'the chain head does not carry the audit key’s seal: the log was cut or re-chained');
    }

    // 2. One pass over every entry; each chain's run is checked as it ends.
    const at: { run: Run | null } = { run: null };
    const done = new Set<string>();
    const finish = async () => {
      const run = at.run;
      if (!run) return;
      const { chain, seq, prev, head, late } = run;
      done.add(chain);
      if (!head) throw new Broken(chain, 1, run.legacy ? 'the chain head is missing' : `chain ${chain} has entries but no head`);
      if (head.seq > seq) throw new Broken(chain, seq + 1, 'entries after the last one were removed');
      if (head.hash !== prev) throw new Broken(chain, seq, `entry ${seq} does not match the chain head`);
      // With no late entries (0) the head read again still holds every entry read (`>= 0` only reads it).
      if (late > 0) {
        // Entries past the head we started from: written meanwhile, if the head has moved past them.
        const now = await headsColl.findOne({ _id: run.legacy ? LEGACY_HEAD : headId(chain) });
        if (!now || now.seq < late) throw new Broken(chain, head.seq + 1, `entries after ${head.seq} were added without moving the chain head`);
      }
      if (run.legacy && key && !sealed(head.seal, sealOf(key, head.seq, head.hash))) {
        throw new Broken(chain, seq, head.seal === undefined ? 'the chain head is not sealed' : 'the chain head does not carry the audit key’s seal: the log was cut or re-chained');
      }
    };
    const start = async (chain: string, e: AuditEntry) => {
      const legacy = chain === LEGACY;
      if (done.has(chain)) throw new Broken(chain, e.seq, `entry ${e.seq} was changed`);
      let head: AuditHead | null | undefined = legacy ? legacyHead : heads.get(chain);
      let fresh = false;
      if (!head && !legacy) {
        // A chain begun after we read the heads: known now, and verified up to where its head is now.
        const listNow = await headsColl.findOne({ _id: CHAINS_ID });
        head = listNow?.names?.includes(chain) ? await headsColl.findOne({ _id: headId(chain) }) : undefined;
        fresh = !!head;
      }
      at.run = { chain, legacy, seq: 0, prev: GENESIS, head: head ?? undefined, late: 0 };
      if (fresh && key && !sealed(head!.seal, sealOf(key, head!.seq, head!.hash, chain))) throw new Broken(chain, head!.seq, 'the chain head does not carry the audit key’s seal: the log was cut or re-chained');
    };

    for (let last: string | undefined; ; ) {
      const batch = await audit.find(last === undefined ? {} : { _id: { $gt: last } }, { sort: { _id: 1 }, limit: PAGE });
      for (const e of batch) {
        last = e._id;
        const chain = !e._id.includes(':') ? LEGACY : e._id.slice(0, e._id.indexOf(':'));
        if (at.run?.chain !== chain) {
          await finish();
          await start(chain, e);
        }
        const r = at.run!;
        if (r.head && r.seq === r.head.seq && e.seq === (r.late || r.seq) + 1) {
          r.late = e.seq; // written after we read the head: looked at in finish()
          continue;
        }
        count++;
        const { _id, hash, ...body } = e;
        if (e.seq !== r.seq + 1) throw new Broken(chain, r.seq + 1, `entry ${r.seq + 1} is missing (found ${e.seq})`);
        if (body.prevHash !== r.prev) throw new Broken(chain, e.seq, `entry ${e.seq} does not follow the previous entry`);
        const id = r.legacy ? String(e.seq).padStart(12, '0') : entryId(chain, e.seq);
        if (hashOf(body) !== hash || _id !== id || (!r.legacy && e.chain !== chain)) throw new Broken(chain, e.seq, `entry ${e.seq} was changed`);
        r.seq = e.seq;
        r.prev = hash;
      }
      if (batch.length < PAGE) break;
    }
    await finish();

    // 3. Chains whose every entry is gone.
    if (legacyHead && !done.has(LEGACY)) throw new Broken(LEGACY, 1, 'entries after the last one were removed');
    // A head is written with a chain's first entry (seq 1), so a head without entries lost them all.
    for (const name of heads.keys()) if (!done.has(name)) throw new Broken(name, 1, 'entries after the last one were removed');
    return { ok: true, count, chains: done.size };
  } catch (e) {
    if (e instanceof Broken) return { ok: false, count, chain: e.chain, brokenAt: e.brokenAt, reason: e.message };
    throw e;
  }
}
