// The audit trail: one append-only entry per write (who, when, before/after and the diff),
// hash-chained — each entry's hash covers its content and the previous hash — so changing or
// removing an entry is detected by verifyAuditChain. Appends join the write's transaction.
import * as crypto from 'node:crypto';
import { nowIso, systemClock } from '../clock';
import type { Doc, Store, TxSession } from '../storage';

export interface AuditActor {
  id: string;
  name: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry extends Doc {
  /** `<chain>:<seq, 12 digits>`; entries of the single chain before chains were split: the 12 digits alone. */
  _id: string;
  /** How `hash` was computed (absent: canonical JSON; 2: JSON as stored; 3: JSON as stored, with `chain`). */
  hv?: number;
  /** The chain the entry is in (from hash version 3): the collection written, unless the writer named one. */
  chain?: string;
  seq: number;
  at: string;
  actor: AuditActor;
  action: string;
  collection: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  diff: FieldChange[];
  prevHash: string;
  hash: string;
}

/** A chain's head: its last entry's number and hash, sealed with the audit key when there is one. */
export interface AuditHead extends Doc {
  chain?: string;
  seq: number;
  hash: string;
  seal?: string;
}

/** The sealed list of every chain (`audit_head`, `_id: 'chains'`): a chain deleted whole, head and all, is still missed. */
export interface AuditChains extends Doc {
  names: string[];
  seal?: string;
}

export const AUDIT_HEADS = 'audit_head';
/** The head of the single chain written before chains were split (one per collection). */
export const LEGACY_HEAD = 'head';
export const CHAINS_ID = 'chains';
export const headId = (chain: string) => `chain:${chain}`;
export const entryId = (chain: string, seq: number) => `${chain}:${String(seq).padStart(12, '0')}`;

export const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/**
 * The hash of an entry's body. Entries written since hash version 2 hash their JSON as stored
 * (both stores keep key order, and the body's order is fixed here), about half the cost of
 * sorting every key; older entries hash their canonical (sorted-key) JSON.
 */
export function hashOf(body: Omit<AuditEntry, 'hash' | '_id'>): string {
  return sha256(body.hv === 2 || body.hv === HASH_VERSION ? JSON.stringify(body) : canonicalJson(body));
}

/** Node's one-shot hash (every Node we run on has it: 20.12+), about half the cost of createHash. */
const sha256 = (text: string): string => crypto.hash('sha256', text, 'hex');

/** Hash version 3 is version 2 with the entry's chain in its body. */
const HASH_VERSION = 3;

/** The head this process last wrote, per store and chain: saves a read on every write. */
const lastHeads = new WeakMap<Store, Map<string, { seq: number; hash: string }>>();
const headsOf = (store: Store) => {
  let m = lastHeads.get(store);
  if (!m) lastHeads.set(store, (m = new Map()));
  return m;
};

/**
 * The key that seals the chain's head, per store (set once at start by the server, from outside
 * the store). With it, every append writes the head with an HMAC of its number and hash, so a log
 * cut short or re-chained (entries rewritten with their hashes recomputed and the head moved to
 * match) no longer carries a valid seal: whoever changes the store cannot make one.
 */
const auditKeys = new WeakMap<Store, crypto.KeyObject>();

export function setAuditKey(store: Store, key: string): void {
  auditKeys.set(store, crypto.createSecretKey(Buffer.from(key, 'utf8')));
}

/** The seal of a chain's head (the legacy chain's has no chain name in it). */
export const sealOf = (key: crypto.KeyObject, seq: number, hash: string, chain?: string) =>
  crypto.createHmac('sha256', key).update(chain === undefined ? `tessera-audit-head\n${seq}\n${hash}` : `tessera-audit-chain\n${chain}\n${seq}\n${hash}`).digest('hex');
/** The seal of the list of chains. */
export const chainsSealOf = (key: crypto.KeyObject, names: readonly string[]) => crypto.createHmac('sha256', key).update(`tessera-audit-chains\n${names.join('\n')}`).digest('hex');
export const auditKeyOf = (store: Store, key?: string): crypto.KeyObject | undefined => (key !== undefined ? crypto.createSecretKey(Buffer.from(key, 'utf8')) : auditKeys.get(store));


/**
 * Field-level differences of a change, ignoring bookkeeping fields. A created record has none:
 * its values are the entry's `after`.
 */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  if (!before) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (k.charCodeAt(0) === 95 /* _ */ && k !== '_deleted') continue;
    const b = before[k] ?? null;
    const a = after?.[k] ?? null;
    if (a === b) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || canonicalJson(b) !== canonicalJson(a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}

/**
 * Appends one entry in the caller's transaction, to its chain: one chain per collection written
 * (each form's records have their own), or the one the writer names. Writes to different chains
 * never wait for each other; within a chain each entry links to the one before. `at` is when the
 * write happened by the caller's clock (the server passes it always); without it, the system
 * clock's time.
 */
export async function appendAudit(
  store: Store,
  session: TxSession,
  input: { actor: AuditActor; action: string; collection: string; recordId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; at?: string; chain?: string },
): Promise<AuditEntry> {
  const chain = input.chain ?? input.collection;
  const heads = store.collection<AuditHead>(AUDIT_HEADS);
  const remembered = headsOf(store);
  // The remembered head first; once that proves stale, the stored one.
  let cached = remembered.get(chain);
  for (;;) {
    const head = cached ?? (await heads.findOne({ _id: headId(chain) }, { session })) ?? { seq: 0, hash: GENESIS };
    const body = {
      hv: HASH_VERSION,
      chain,
      seq: head.seq + 1,
      at: input.at ?? nowIso(systemClock),
      actor: input.actor,
      action: input.action,
      collection: input.collection,
      recordId: input.recordId,
      before: input.before,
      after: input.after,
      diff: diffRecords(input.before, input.after),
      prevHash: head.hash,
    };
    const entry: AuditEntry = Object.assign({ _id: entryId(chain, body.seq) }, body, { hash: hashOf(body) });
    // Conditional on the head we read (number and hash): two writers can never chain onto the
    // same entry. A remembered head that is stale (another node wrote, or our transaction was
    // rolled back or is being run again, even if the number was then reused) just fails the
    // condition, and we read the head again.
    const key = auditKeys.get(store);
    const next: Omit<AuditHead, '_id'> = { chain, seq: entry.seq, hash: entry.hash, ...(key ? { seal: sealOf(key, entry.seq, entry.hash, chain) } : {}) };
    const moved = await heads.replaceOne({ _id: headId(chain), seq: head.seq, hash: head.hash }, next, { session, upsert: head.seq === 0 });
    if (moved.matched === 0 && !moved.upsertedId) {
      remembered.delete(chain);
      if (cached) {
        cached = undefined;
        continue;
      }
      throw new Error('Audit chain head moved concurrently');
    }
    if (head.seq === 0) await registerChain(store, session, chain);
    await store.collection<AuditEntry>('audit').insertOne(entry, { session });
    remembered.set(chain, { seq: entry.seq, hash: entry.hash });
    return entry;
  }
}

/** Adds a new chain to the sealed list, in the transaction of its first entry (once per chain, ever). */
async function registerChain(store: Store, session: TxSession, chain: string): Promise<void> {
  const heads = store.collection<AuditChains>(AUDIT_HEADS);
  const list = await heads.findOne({ _id: CHAINS_ID }, { session });
  if (list?.names.includes(chain)) return;
  const names = [...(list?.names ?? []), chain].sort();
  const key = auditKeys.get(store);
  await heads.replaceOne({ _id: CHAINS_ID }, { names, ...(key ? { seal: chainsSealOf(key, names) } : {}) }, { session, upsert: true });
}

/**
 * Seals what was written before the store had a key (an installation from before seals): every
 * head and the list of chains. From then on a cut or re-chained log is caught. What is already
 * sealed is left as it is, whatever its seal.
 */
export async function sealAuditHead(store: Store): Promise<void> {
  const key = auditKeys.get(store);
  if (!key) return;
  const heads = store.collection<AuditHead & Partial<AuditChains>>(AUDIT_HEADS);
  // Only the unsealed are read (the update below asks again: a mutant reading them all survives).
  for (const h of await heads.find({ seal: { $exists: false } })) {
    // The list is written with its first chain's name, never without names; the legacy head has
    // no chain name, and its seal names none.
    const names = h._id === CHAINS_ID ? h.names! : undefined;
    const seal = names ? chainsSealOf(key, names) : sealOf(key, h.seq, h.hash, h.chain);
    // Sealed only as read: a head or list another node moved meanwhile is left for the next start-up.
    // The names are matched as a set of their size (they are unique), not as one array value: the
    // whole-array match found nothing on the embedded store in a jest worker that had run another
    // test file first (a CI run); its cause is not pinned yet, and strings compare alike anywhere.
    await heads.updateOne({ _id: h._id, seal: { $exists: false }, ...(names ? { names: { $all: names, $size: names.length } } : { seq: h.seq, hash: h.hash }) }, { $set: { seal } });
  }
  lastHeads.delete(store);
}

