// Document ids: 24 hex characters, time-ordered like MongoDB's ObjectId (4 bytes of seconds,
// 5 random bytes fixed per process, 3 bytes of a counter), so sorting by `_id` is sorting by
// creation time and index keys that end with `_id` keep insertion order.
import { randomBytes } from 'node:crypto';

const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function newId(now: number = Date.now()): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(now / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + processPart + counter.toString(16).padStart(6, '0');
}
