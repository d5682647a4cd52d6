// The audit trail: one append-only entry per write (who, when, before/after and the diff),
// hash-chained — each entry's hash covers its content and the previous hash — so changing or
// removing an entry is detected by verifyAuditChain. Appends join the write's transaction.
import { createHash } from 'node:crypto';
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
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function hashOf(entry: Omit<AuditEntry, 'hash' | '_id'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** Field-level differences, ignoring bookkeeping fields. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (k.startsWith('_') && k !== '_deleted') continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}

export async function appendAudit(
  store: Store,
  session: TxSession,
  input: { actor: AuditActor; action: string; collection: string; recordId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; at?: string },
): Promise<AuditEntry> {
  const heads = store.collection<{ _id: string; seq: number; hash: string }>('audit_head');
  const head = (await heads.findOne({ _id: 'head' }, { session })) ?? { _id: 'head', seq: 0, hash: GENESIS };
  const body = {
    seq: head.seq + 1,
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    collection: input.collection,
    recordId: input.recordId,
    before: input.before,
    after: input.after,
    diff: diffRecords(input.before, input.after),
    prevHash: head.hash,
  };
  const entry: AuditEntry = { _id: String(body.seq).padStart(12, '0'), ...body, hash: hashOf(body) };
  // Conditional on the head we read: two writers can never chain onto the same entry.
  const moved = await heads.updateOne({ _id: 'head', seq: head.seq }, { $set: { seq: entry.seq, hash: entry.hash } }, { session, upsert: head.seq === 0 });
  if (moved.matched === 0 && !moved.upsertedId) throw new Error('Audit chain head moved concurrently');
  await store.collection<AuditEntry>('audit').insertOne(entry, { session });
  return entry;
}

export async function verifyAuditChain(store: Store): Promise<{ ok: boolean; count: number; brokenAt?: number; reason?: string }> {
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
  const head = await store.collection<{ _id: string; seq: number; hash: string }>('audit_head').findOne({ _id: 'head' });
  if (head && (head.seq !== count || head.hash !== prev)) return { ok: false, count, brokenAt: count + 1, reason: 'entries after the last one were removed' };
  return { ok: true, count };
}
