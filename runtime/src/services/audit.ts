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
  _id: string;
  /** How `hash` was computed (absent: canonical JSON; 2: JSON as stored). */
  hv?: number;
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

const GENESIS = '0'.repeat(64);

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
function hashOf(body: Omit<AuditEntry, 'hash' | '_id'>): string {
  return sha256(body.hv === HASH_VERSION ? JSON.stringify(body) : canonicalJson(body));
}

/** Node's one-shot hash where it has one (20.12+, about half the cost of createHash). */
const sha256: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(alg: string, data: string, enc: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

const HASH_VERSION = 2;

/** The chain head this process last wrote, per store: saves a read on every write. */
const lastHead = new WeakMap<Store, { seq: number; hash: string }>();

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

const sealOf = (key: crypto.KeyObject, seq: number, hash: string) => crypto.createHmac('sha256', key).update(`tessera-audit-head\n${seq}\n${hash}`).digest('hex');


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
 * Appends one entry in the caller's transaction. `at` is when the write happened by the caller's
 * clock (the server passes it always); without it, the system clock's time.
 */
export async function appendAudit(
  store: Store,
  session: TxSession,
  input: { actor: AuditActor; action: string; collection: string; recordId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; at?: string },
): Promise<AuditEntry> {
  const heads = store.collection<{ _id: string; seq: number; hash: string }>('audit_head');
  for (let attempt = 0; ; attempt++) {
    const cached = attempt === 0 ? lastHead.get(store) : undefined;
    const head = cached ?? (await heads.findOne({ _id: 'head' }, { session })) ?? { seq: 0, hash: GENESIS };
    const body = {
      hv: HASH_VERSION,
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
    const entry: AuditEntry = Object.assign({ _id: String(body.seq).padStart(12, '0') }, body, { hash: hashOf(body) });
    // Conditional on the head we read (number and hash): two writers can never chain onto the
    // same entry. A remembered head that is stale (another node wrote, or our transaction was
    // rolled back, even if the number was then reused) just fails the condition, and we read
    // the head again.
    const key = auditKeys.get(store);
    const next = key ? { seq: entry.seq, hash: entry.hash, seal: sealOf(key, entry.seq, entry.hash) } : { seq: entry.seq, hash: entry.hash };
    const moved = await heads.replaceOne({ _id: 'head', seq: head.seq, hash: head.hash }, next, { session, upsert: head.seq === 0 });
    if (moved.matched === 0 && !moved.upsertedId) {
      lastHead.delete(store);
      if (cached) continue;
      throw new Error('Audit chain head moved concurrently');
    }
    await store.collection<AuditEntry>('audit').insertOne(entry, { session });
    lastHead.set(store, { seq: entry.seq, hash: entry.hash });
    return entry;
  }
}

/**
 * Seals a head written before the store had a key (an installation from before seals): from now
 * on a cut or re-chained log is caught. A head already sealed is left as it is, whatever its seal.
 */
export async function sealAuditHead(store: Store): Promise<void> {
  const key = auditKeys.get(store);
  if (!key) return;
  const heads = store.collection<{ _id: string; seq: number; hash: string; seal?: string }>('audit_head');
  const head = await heads.findOne({ _id: 'head' });
  if (!head || head.seal !== undefined) return;
  await heads.updateOne({ _id: 'head', seq: head.seq, hash: head.hash, seal: { $exists: false } }, { $set: { seal: sealOf(key, head.seq, head.hash) } });
  lastHead.delete(store);
}

export async function verifyAuditChain(store: Store, opts: { key?: string } = {}): Promise<{ ok: boolean; count: number; brokenAt?: number; reason?: string }> {
  const audit = store.collection<AuditEntry>('audit');
  let prev = GENESIS;
  let count = 0;
  const page = 1000;
  for (let skip = 0; ; skip += page) {
    const batch = await audit.find({}, { sort: { _id: 1 }, skip, limit: page });
    for (const e of batch) {
      count++;
      const { _id, hash, ...body } = e;
      if (e.seq !== count) return { ok: false, count, brokenAt: count, reason: `entry ${count} is missing (found ${e.seq})` };
      if (body.prevHash !== prev) return { ok: false, count, brokenAt: e.seq, reason: `entry ${e.seq} does not follow the previous entry` };
      if (hashOf(body) !== hash || _id !== String(e.seq).padStart(12, '0')) return { ok: false, count, brokenAt: e.seq, reason: `entry ${e.seq} was changed` };
      prev = hash;
    }
    if (batch.length < page) break;
  }
  // The head moves in every append's transaction, so it names the last entry: without it a cut
  // tail would go unseen. (A head rewritten to match a cut tail needs a copy kept elsewhere.)
  const head = await store.collection<{ _id: string; seq: number; hash: string; seal?: string }>('audit_head').findOne({ _id: 'head' });
  if (!head) return count === 0 ? { ok: true, count } : { ok: false, count, brokenAt: count + 1, reason: 'the chain head is missing' };
  if (head.seq > count) return { ok: false, count, brokenAt: count + 1, reason: 'entries after the last one were removed' };
  if (head.seq < count) return { ok: false, count, brokenAt: head.seq + 1, reason: `entries after ${head.seq} were added without moving the chain head` };
  if (head.hash !== prev) return { ok: false, count, brokenAt: count, reason: `entry ${count} does not match the chain head` };
  const key = opts.key !== undefined ? crypto.createSecretKey(Buffer.from(opts.key, 'utf8')) : auditKeys.get(store);
  if (key) {
    if (head.seal === undefined) return { ok: false, count, brokenAt: count, reason: 'the chain head is not sealed' };
    const expected = Buffer.from(sealOf(key, head.seq, head.hash), 'hex');
    const given = Buffer.from(head.seal, 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return { ok: false, count, brokenAt: count, reason: 'the chain head does not carry the audit key’s seal: the log was cut or re-chained' };
    }
  }
  return { ok: true, count };
}
