// The key that seals the audit chain's head (runtime/src/services/audit.ts), kept outside the
// store: TESSERA_AUDIT_KEY when set (required on MongoDB, so every node seals alike), else a
// random key made once in `<dataDir>/audit.key` (readable by its owner only) beside the embedded
// store. Whoever can change the store but not read this key cannot cut or re-chain the log
// without `tessera audit verify` seeing it. Lose the key and the log can no longer be verified.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TesseraConfig } from '@tessera/runtime';

export const AUDIT_KEY_FILE = 'audit.key';

/** The audit key; made (and written) when there is none yet and `create` is set, else null. */
export async function resolveAuditKey(config: Pick<TesseraConfig, 'auditKey' | 'dataDir'>, opts: { create: boolean }): Promise<string | null> {
  if (config.auditKey) return config.auditKey;
  const file = join(config.dataDir, AUDIT_KEY_FILE);
  try {
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length >= 32) return key;
    throw new Error(`${file} holds no audit key (at least 32 characters): restore it from your backup, or set TESSERA_AUDIT_KEY`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!opts.create) return null;
  const key = randomBytes(32).toString('hex');
  await mkdir(config.dataDir, { recursive: true });
  // 'wx': two nodes starting on one data dir never overwrite each other's key.
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return (await readFile(file, 'utf8')).trim();
}
