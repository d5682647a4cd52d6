// API key secrets: `tsk_` + 32 random bytes. Only a sha256 of the secret is stored; a fast hash
// is enough here (unlike passwords) because the secret has 256 bits of entropy.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'tsk_';

export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
