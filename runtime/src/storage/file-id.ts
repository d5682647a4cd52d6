// The id a new file is stored under, the same on every adapter: a fresh one, or the caller's
// (an app package's files keep theirs) when it is a file id no file has yet.
import { newId } from './ids';
import { StoreError, type FileStore } from './types';

/** File ids are document ids: 24 hex characters. */
export const FILE_ID = /^[0-9a-f]{24}$/;

/** A malformed id is INVALID_ID, a taken one DUPLICATE_KEY; checked before any byte is written, so a taken id never overwrites another file. */
export async function fileIdFor(files: Pick<FileStore, 'stat'>, given: string | undefined): Promise<string> {
  if (given === undefined) return newId();
  if (!FILE_ID.test(given)) throw new StoreError('INVALID_ID', `"${given}" is not a file id (24 hex characters)`, [{ path: 'id', code: 'pattern' }]);
  if (await files.stat(given)) throw new StoreError('DUPLICATE_KEY', `File ${given} exists`, { index: '_id' });
  return given;
}
