// What end users run: the published version each app's pointer names. Versions never change,
// so they are kept by "<appId>@<n>" in a bounded LRU; only the pointer must be fresh. It is
// remembered for a few seconds (other nodes see a publish within that time) and forgotten at
// once when this process publishes, restores or deletes. Those seconds are this process's
// monotonic time (performance.now), not the server's Clock: they measure how long ago it looked.
import type { FormSchema } from '@tessera/form-engine';
import { canonicalJson } from '@tessera/runtime';
import { versionId, withoutVersion, type AppCollections, type AppVersionDoc, type NavNode } from './model';
import { formTargets, normalizeNavigation } from './navigation';

export interface LoadedVersion {
  doc: AppVersionDoc;
  forms: ReadonlyMap<string, FormSchema>;
  /** The snapshot's navigation as readers get it. */
  navigation: NavNode[];
  /** Compares a draft with this version (forms without versions, and navigation). */
  key: string;
}

export interface PublishedOptions {
  /** How long a pointer is trusted, ms (default 5 s). */
  pointerTtlMs?: number;
  /** How many versions to keep (default 200). */
  versions?: number;
}

/** The text two definitions share when they are the same (what "the draft changed" compares). */
export function definitionKey(forms: readonly FormSchema[], navigation: readonly NavNode[]): string {
  const sorted = [...forms].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(withoutVersion);
  return canonicalJson({ forms: sorted, navigation });
}

export class PublishedApps {
  private readonly pointers = new Map<string, { version: number | null; at: number }>();
  private readonly loaded = new Map<string, LoadedVersion>();
  private readonly ttl: number;
  private readonly max: number;

  constructor(
    private readonly c: AppCollections,
    opts: PublishedOptions = {},
  ) {
    this.ttl = opts.pointerTtlMs ?? 5_000;
    this.max = opts.versions ?? 200;
  }

  /** The published version number of an app (null: never published or no such app). */
  async pointer(appId: string): Promise<number | null> {
    const hit = this.pointers.get(appId);
    if (hit && performance.now() - hit.at < this.ttl) return hit.version;
    const app = await this.c.apps.findOne({ _id: appId }, { projection: { publishedVersion: 1 } });
    const version = typeof app?.publishedVersion === 'number' ? app.publishedVersion : null;
    this.pointers.set(appId, { version, at: performance.now() });
    return version;
  }

  /** One version of an app, or null. */
  async version(appId: string, version: number): Promise<LoadedVersion | null> {
    const id = versionId(appId, version);
    const hit = this.loaded.get(id);
    if (hit) {
      this.loaded.delete(id); // most recently used goes last
      this.loaded.set(id, hit);
      return hit;
    }
    const doc = await this.c.versions.findOne({ _id: id });
    if (!doc) return null;
    const forms = new Map(doc.snapshot.forms.map((f) => [f.id, f]));
    const navigation = normalizeNavigation(doc.snapshot.app.navigation, formTargets(forms.keys()));
    const entry: LoadedVersion = { doc, forms, navigation, key: definitionKey(doc.snapshot.forms, navigation) };
    this.loaded.set(id, entry);
    if (this.loaded.size > this.max) this.loaded.delete(this.loaded.keys().next().value as string);
    return entry;
  }

  /** The version end users of an app run now, or null. */
  async current(appId: string): Promise<LoadedVersion | null> {
    const v = await this.pointer(appId);
    return v === null ? null : this.version(appId, v);
  }

  /** A form as published in its app (what records are validated against), or null. */
  async form(appId: string, formId: string): Promise<FormSchema | null> {
    const current = await this.current(appId);
    return current?.forms.get(formId) ?? null;
  }

  /** After this process moved or removed an app's pointer. */
  forget(appId: string): void {
    this.pointers.delete(appId);
  }
}
