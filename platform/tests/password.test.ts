// Stored password hashes (`scrypt$N$r$p$salt$hash`): a hash verifies its own password only, its
// parameters are read back from it, and a stored value that is not such a hash verifies nothing
// (never an error: a sign-in against it is a wrong password).
import { hashPassword, verifyPassword } from '../src/identity/password';

test('a hash verifies its own password, NFC or not, and no other', async () => {
  const stored = await hashPassword('Straße-密码-1');
  expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(await verifyPassword('Straße-密码-1', stored)).toBe(true);
  expect(await verifyPassword('Strasse-密码-1', stored)).toBe(false);
  // The same text composed another way is the same password.
  const composed = await hashPassword('caf\u00e9-pass');
  expect(await verifyPassword('cafe\u0301-pass', composed)).toBe(true);
  // Two hashes of one password differ (each has its own salt).
  expect(await hashPassword('Straße-密码-1')).not.toBe(stored);
});

test('the parameters are read from the hash: its salt and key under another N verify nothing', async () => {
  const [, , , , salt, key] = (await hashPassword('low-params-1')).split('$');
  // Same salt, N lowered: the key no longer matches (the parameters are really used).
  expect(await verifyPassword('low-params-1', `scrypt$1024$8$1$${salt}$${key}`)).toBe(false);
});

test('a real hash with its scheme renamed, or a parameter of 0 (which scrypt would take as its default), verifies nothing', async () => {
  const [, N, r, p, salt, key] = (await hashPassword('renamed-1')).split('$');
  expect(await verifyPassword('renamed-1', ['scrypt', N, r, p, salt, key].join('$'))).toBe(true);
  for (const parts of [['bcrypt', N, r, p], ['scrypt', '0', r, p], ['scrypt', N, '0', p], ['scrypt', N, r, '0']]) {
    expect([parts.join('$'), await verifyPassword('renamed-1', [...parts, salt, key].join('$'))]).toEqual([parts.join('$'), false]);
  }
});

test.each([
  ['empty', ''],
  ['another scheme', 'bcrypt$16384$8$1$c2FsdA$a2V5'],
  ['five parts', 'scrypt$16384$8$1$c2FsdA'],
  ['seven parts', 'scrypt$16384$8$1$c2FsdA$a2V5$x'],
  ['N not a number', 'scrypt$x$8$1$c2FsdA$a2V5'],
  ['N zero', 'scrypt$0$8$1$c2FsdA$a2V5'],
  ['r negative', 'scrypt$16384$-8$1$c2FsdA$a2V5'],
  ['p fractional', 'scrypt$16384$8$1.5$c2FsdA$a2V5'],
])('a stored value that is no hash (%s) verifies nothing', async (_, stored) => {
  expect(await verifyPassword('anything-1', stored)).toBe(false);
});
