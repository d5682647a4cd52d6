// Files of the embedded store: bytes in a folder under the data dir (written and fsynced before
// the metadata row is committed), metadata in the `_files` collection.
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, readFileSync, rmSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, FileInfo, FilePut, FileStore, Store } from '../types';
import { FILE_ID, fileIdFor } from '../file-id';

export class EmbeddedFiles implements FileStore {
  constructor(
    private readonly dir: string,
    private readonly store: Store,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private path(id: string): string {
    // Every caller checks the id first (fileIdFor, stat): kept so that no later caller can reach
    // a path outside the folder; no test can reach it, so removing it changes no test.
    // Stryker disable next-line StringLiteral: every caller checks the id first (fileIdFor, stat), so this message is never built
    if (!FILE_ID.test(id)) throw new Error(`Invalid file id ${id}`);
    return join(this.dir, id);
  }

  private get meta() {
    return this.store.collection<FileInfo & Doc>('_files');
  }

  async put(input: FilePut): Promise<FileInfo> {
    const id = await fileIdFor(this, input.id);
    const tmp = `${this.path(id)}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, input.data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path(id));
    const info: FileInfo = {
      _id: id,
      filename: input.filename,
      contentType: input.contentType,
      length: input.data.length,
      uploadedAt: new Date().toISOString(),
      ...(input.metadata ? { metadata: input.metadata } : {}),
    };
    await this.meta.insertOne(info as FileInfo & Doc);
    return info;
  }

  async stat(id: string): Promise<FileInfo | null> {
    // (Without it the lookup finds nothing all the same: no file is stored under such an id.)
    if (!FILE_ID.test(id)) return null;
    return this.meta.findOne({ _id: id });
  }

  async get(id: string): Promise<{ info: FileInfo; data: Buffer } | null> {
    const info = await this.stat(id);
    if (!info || !existsSync(this.path(id))) return null;
    return { info, data: readFileSync(this.path(id)) };
  }

  async delete(id: string): Promise<boolean> {
    const info = await this.stat(id);
    if (!info) return false;
    await this.meta.deleteOne({ _id: id });
    rmSync(this.path(id), { force: true });
    return true;
  }
}
