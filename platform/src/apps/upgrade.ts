// Upgrading a data directory from before drafts existed: forms saved then were live at once,
// and published snapshots were written but never read. Once, at start, every app whose forms
// (or navigation) differ from what its pointer names is published as it stands, by the platform
// itself (the publish's own write: version, pointer moved only from where it was, audit entry),
// so its users keep running what they ran; its navigation is stored in the current format. A
// mark in `settings` makes it run once; nodes starting together skip a version another wrote.
import { nowIso, StoreError, systemPrincipal, type Doc, type Store } from '@tessera/runtime';
import { draftForms, type AppsContext } from './context';
import { PUBLISHED_MEANWHILE } from './errors';
import { formTargets, normalizeNavigation } from './navigation';
import { definitionKey } from './published';
import type { PublishService } from './publish-service';

const MARK = 'apps.drafts-v1';
const NOTE = '升级到草稿与发布时，发布当时在用的表单 / Published on upgrade: the forms in use';

export async function publishBeforeDrafts(x: AppsContext, store: Store, publisher: PublishService): Promise<void> {
  const settings = store.collection<Doc>('settings');
  if (await settings.findOne({ _id: MARK })) return;
  for (const app of await x.c.apps.find({})) {
    const schemas = (await draftForms(x, app._id)).map((f) => f.schema);
    const navigation = normalizeNavigation(app.navigation, formTargets(schemas.map((f) => f.id)));
    if (app.navigation !== undefined) await x.c.apps.updateOne({ _id: app._id }, { $set: { navigation } });
    const current = typeof app.publishedVersion === 'number' ? await x.published.version(app._id, app.publishedVersion) : null;
    if (current ? current.key === definitionKey(schemas, navigation) : schemas.length === 0) continue;
    try {
      await store.withTransaction((session) => publisher.writeVersion(systemPrincipal(app.tenantId), app, schemas, navigation, NOTE, session));
    } catch (e) {
      if (!PUBLISHED_MEANWHILE.is(e)) throw e; // another node starting with us published it
    }
    x.published.forget(app._id);
  }
  await settings.insertOne({ _id: MARK, at: nowIso(x.clock) }).catch((e: unknown) => {
    if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e;
  });
}
