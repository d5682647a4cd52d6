// One process owns a data dir. LMDB itself is multi-process safe, but the store keeps
// in-process state (the transaction lock, pending group commits), so a second process gets a
// clear DATA_DIR_LOCKED error instead. A lock left by a killed process (dead pid) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../types';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Stryker disable next-line MethodExpression: Number() ignores the whitespace around a pid by itself, so trimming changes no pid read
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new StoreError(
          'DATA_DIR_LOCKED',
          `The data directory ${dataDir} is in use by another Tessera process (pid ${pid}). ` +
            'Stop that process, or point TESSERA_DATA_DIR at another directory.',
          { dataDir, pid },
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new StoreError('DATA_DIR_LOCKED', `Could not lock the data directory ${dataDir}`, { dataDir });
}
