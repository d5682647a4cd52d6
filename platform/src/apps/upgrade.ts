// Upgrading a data directory from before drafts existed: forms saved then were live at once,
// and published snapshots were written but never read. Once, at start, every app whose forms
// (or navigation) differ from what its pointer names is published as it stands, so its users
// keep running what they ran; its navigation is stored in the current format. A mark in
// `settings` makes it run once; nodes starting together skip a version another wrote.
import { StoreError, type Doc, type Store } from '@tessera/runtime';
import { draftForms, type AppsContext } from './context';
import { nowIso, versionId, metaOf, type AppVersionDoc } from './model';
import { formTargets, normalizeNavigation } from './navigation';
import { definitionKey } from './published';

const MARK = 'apps.drafts-v1';
const SYSTEM = { id: 'system', name: 'Tessera' };
const NOTE = '升级到草稿与发布时，发布当时在用的表单 / Published on upgrade: the forms in use';

export async function publishBeforeDrafts(x: AppsContext, store: Store): Promise<void> {
  const settings = store.collection<Doc>('settings');
  if (await settings.findOne({ _id: MARK })) return;
  for (const app of await x.c.apps.find({})) {
    const schemas = (await draftForms(x, app._id)).map((f) => f.schema);
    const navigation = normalizeNavigation(app.navigation, formTargets(schemas.map((f) => f.id)));
    if (app.navigation !== undefined) await x.c.apps.updateOne({ _id: app._id }, { $set: { navigation } });
    const current = typeof app.publishedVersion === 'number' ? await x.published.version(app._id, app.publishedVersion) : null;
    if (current ? current.key === definitionKey(schemas, navigation) : schemas.length === 0) continue;
    const version = (app.publishedVersion ?? 0) + 1;
    const doc: AppVersionDoc = {
      _id: versionId(app._id, version),
      tenantId: app.tenantId,
      appId: app._id,
      version,
      note: NOTE,
      publishedAt: nowIso(),
      publishedBy: SYSTEM,
      snapshot: { app: { ...metaOf(app), navigation }, forms: schemas },
    };
    try {
      await store.withTransaction(async (session) => {
        await x.c.versions.insertOne(doc, { session });
        await x.c.apps.updateOne({ _id: app._id }, { $set: { publishedVersion: version } }, { session });
      });
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e;
    }
    x.published.forget(app._id);
  }
  await settings.insertOne({ _id: MARK, at: nowIso() }).catch((e: unknown) => {
    if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e;
  });
}
