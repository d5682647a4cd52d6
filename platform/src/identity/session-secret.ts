// The HMAC key of session tokens: TESSERA_SESSION_SECRET when set; otherwise generated once and
// kept in the store, so restarts (and every node sharing the MongoDB) accept the same cookies.
import { randomBytes } from 'node:crypto';
import { StoreError, nowIso, type Clock } from '@tessera/runtime';
import type { IdentityCollections } from './model';

const SECRET_ID = 'session_secret';

export async function resolveSessionSecret(c: IdentityCollections, clock: Clock, configured?: string): Promise<string> {
  if (configured) return configured;
  const existing = await c.settings.findOne({ _id: SECRET_ID });
  if (existing && typeof existing.value === 'string') return existing.value;
  const value = randomBytes(32).toString('base64url');
  try {
    await c.settings.insertOne({ _id: SECRET_ID, value, createdAt: nowIso(clock) });
    return value;
  } catch (err) {
    // Another node created it between our read and our insert: use theirs.
    if (!(err instanceof StoreError && err.code === 'DUPLICATE_KEY')) throw err;
    const winner = await c.settings.findOne({ _id: SECRET_ID });
    if (!winner || typeof winner.value !== 'string') throw err;
    return winner.value;
  }
}
