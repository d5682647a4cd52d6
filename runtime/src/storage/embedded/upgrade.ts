// On-disk format upgrades of the embedded store: each runs once, when a data directory written by
// an earlier version is opened, and records in `meta` that it ran.
import type { Database, Key, RootDatabase } from 'lmdb';
import { clipTuple, EMPTY, K, KEY_TEXT_LIMIT, type KeyPart } from './keys';

const INDEX_KEYS = ['format', 'indexKeys'];

/**
 * Index keys of version 2 hold long texts clipped (keys.ts). A data directory from before kept
 * texts up to LMDB's key limit whole; those keys are rewritten clipped, once, in one
 * transaction, so reads and unique checks find them. Nothing else in the keys changes.
 */
async function clipIndexKeys(env: RootDatabase, idx: Database, meta: Database): Promise<void> {
  if (meta.get(INDEX_KEYS) === 2) return;
  const rewrite: Array<{ from: Key; to: unknown[] }> = [];
  for (const key of idx.getKeys({})) {
    const parts = key as unknown[];
    // [collection, index, ...values, _id]: only the values are clipped.
    const values = parts.slice(2, -1);
    // Only spares rewriting keys that clipping leaves as they are (removed and put back unchanged).
    if (!values.some((v) => typeof v === 'string' && v.length > KEY_TEXT_LIMIT)) continue;
    rewrite.push({ from: key, to: [parts[0], parts[1], ...clipTuple(values as KeyPart[]), parts[parts.length - 1]] });
  }
  await env.transaction(() => {
    for (const { from, to } of rewrite) {
      idx.remove(from);
      idx.put(K(to), EMPTY);
    }
    meta.put(INDEX_KEYS, 2);
  });
}

/** Every upgrade, oldest first. */
export async function upgradeFormat(env: RootDatabase, idx: Database, meta: Database): Promise<void> {
  await clipIndexKeys(env, idx, meta);
}
