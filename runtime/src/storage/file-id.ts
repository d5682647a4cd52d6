// The id a new file is stored under, the same on every adapter: a fresh one, or the caller's
// (an app package's files keep theirs) when it is a file id no file has yet.
import { randomBytes } from 'node:crypto';
import { StoreError, type FileStore } from './types';

/**
 * File ids: 24 hex characters. New ones are 96 random bits (newFileId); those made before are
 * document ids (time-ordered, see ids.ts) and keep working, as the format is the same.
 */
export const FILE_ID = /^[0-9a-f]{24}$/;

/**
 * A fresh file id: 12 random bytes. Not a document id: those are a timestamp, a per-process
 * part and a counter, so knowing one file's id told anyone the ids of the files uploaded just
 * before and after it. A download still needs a signed-in user (runtime/src/http/files.ts);
 * an id nobody can guess means a file is only reached through a record that names it.
 */
export function newFileId(): string {
  return randomBytes(12).toString('hex');
}

/** A malformed id is INVALID_ID, a taken one DUPLICATE_KEY; checked before any byte is written, so a taken id never overwrites another file. */
export async function fileIdFor(files: Pick<FileStore, 'stat'>, given: string | undefined): Promise<string> {
  if (given === undefined) return newFileId();
  if (!FILE_ID.test(given)) throw new StoreError('INVALID_ID', `"${given}" is not a file id (24 hex characters)`, [{ path: 'id', code: 'pattern' }]);
  if (await files.stat(given)) throw new StoreError('DUPLICATE_KEY', `File ${given} exists`, { index: '_id' });
  return given;
}
