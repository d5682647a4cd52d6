// Restoring a version as the draft: its forms become the drafts, each at a new draft version
// (so an editor holding an older draft gets 409 on save), drafts it does not have are deleted
// as drafts (records stay), and its navigation comes back. One transaction; records untouched.
import { actorOf, appendAudit, nowIso, type Principal } from '@tessera/runtime';
import { draftForms, formIdOwner, raiseVersionFloor, touchApp, versionFloor, type AppsContext } from './context';
import { FORM_OF_OTHER_APP } from './errors';
import { type FormDoc } from './model';
import type { LoadedVersion } from './published';
import { draftOut, type DraftFormOut } from './forms-service';

export async function restoreVersion(x: AppsContext, p: Principal, appId: string, v: LoadedVersion): Promise<{ forms: DraftFormOut[] }> {
  const drafts = new Set((await draftForms(x, appId)).map((f) => f._id));
  for (const f of v.doc.snapshot.forms) {
    if (drafts.has(f.id)) continue;
    const owner = await formIdOwner(x, f.id);
    if (owner && owner !== appId) throw FORM_OF_OTHER_APP({ formId: f.id, appId: owner }, [{ path: 'formId', formId: f.id, appId: owner }]);
  }
  const at = nowIso(x.clock);
  // Everything the transaction writes is read and built inside it, so a run the driver repeats
  // after a conflict starts afresh (and sees the drafts as they are then).
  const restored = await x.store.withTransaction(async (session) => {
    const current = new Map((await draftForms(x, appId, session)).map((f) => [f._id, f]));
    const restored: FormDoc[] = [];
    for (const schema of v.doc.snapshot.forms) {
      const before = current.get(schema.id);
      const floor = Math.max(before?.schema.version ?? 0, await versionFloor(x, schema.id, session), schema.version ?? 0);
      const doc: FormDoc = {
        _id: schema.id,
        tenantId: p.tenantId,
        appId,
        schema: { ...schema, version: floor + 1 },
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
        updatedBy: actorOf(p),
      };
      if (before) await x.c.forms.replaceOne({ _id: schema.id }, doc, { session });
      else await x.c.forms.insertOne(doc, { session });
      restored.push(doc);
    }
    for (const [id, f] of current) {
      if (v.forms.has(id)) continue;
      await x.c.forms.deleteOne({ _id: id }, { session });
      await raiseVersionFloor(x, id, f.schema.version ?? 0, session);
    }
    // As readers get it: a version published before navigation entries had types stores groups
    // of form ids, which the draft's checks (and so every later publish) would refuse.
    await touchApp(x, p, appId, session, { navigation: v.navigation });
    await appendAudit(x.store, session, {
      actor: actorOf(p),
      action: 'app.restore',
      collection: 'apps',
      recordId: appId,
      before: { forms: [...current.values()].map((f) => ({ id: f._id, version: f.schema.version ?? null })) },
      after: { fromVersion: v.doc.version, forms: restored.map((f) => ({ id: f._id, version: f.schema.version ?? null })) },
      at,
    });
    return restored;
  });
  const published = (await x.published.current(appId))?.forms ?? null;
  return { forms: restored.map((f) => draftOut(f, published)) };
}
