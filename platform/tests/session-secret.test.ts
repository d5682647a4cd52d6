// The key that signs session cookies when TESSERA_SESSION_SECRET is not set: made once and kept in
// the store, so every server on that store (and every restart) accepts the same cookies, even
// servers that start at the same moment and each find none yet.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, systemClock } from '@tessera/runtime';
import { identityCollections } from '../src/identity/model';
import { resolveSessionSecret } from '../src/identity/session-secret';

test('servers starting at once agree on the one secret the store keeps; a configured secret is used as given', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-secret-'));
  const store = await createStore({ dataDir });
  try {
    const c = identityCollections(store);
    // Another setting, stored first and sorted first, holding a text value: never taken for the secret.
    await c.settings.insertOne({ _id: 'apps.drafts-v1', value: 'not the secret' });
    const secrets = await Promise.all([0, 1, 2].map(() => resolveSessionSecret(c, systemClock)));
    const kept = (await c.settings.findOne({ _id: 'session_secret' }))!.value;
    expect(kept).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    expect(secrets).toEqual([kept, kept, kept]);
    // A restart finds it.
    expect(await resolveSessionSecret(c, systemClock)).toBe(kept);
    // A configured secret wins and changes nothing in the store.
    expect(await resolveSessionSecret(c, systemClock, 'configured-secret-of-32-characters')).toBe('configured-secret-of-32-characters');
    expect(await c.settings.count({})).toBe(2);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
