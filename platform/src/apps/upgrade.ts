// Upgrading a data directory, each step once, at start, marked done in `settings`.
//
// From before drafts existed: forms saved then were live at once,
// and published snapshots were written but never read. Once, at start, every app whose forms
// (or navigation) differ from what its pointer names is published as it stands, by the platform
// itself (the publish's own write: version, pointer moved only from where it was, audit entry),
// so its users keep running what they ran; its navigation is stored in the current format. A
// mark in `settings` makes it run once; nodes starting together skip a version another wrote.
import { datetimesToUtc } from '@tessera/form-engine';
import { ACTIONS, actorOf, nowIso, RECORD_DEPARTMENTS, recordsCollection, StoreError, systemPrincipal, type Doc, type FormGrant, type Store } from '@tessera/runtime';
import type { PermissionSetDoc } from './access-model';
import { draftForms, type AppsContext } from './context';
import { PUBLISHED_MEANWHILE } from './errors';
import { formTargets, normalizeNavigation } from './navigation';
import { definitionKey } from './published';
import type { PublishService } from './publish-service';

const MARK = 'apps.drafts-v1';
const DATETIMES_MARK = 'records.datetimes-utc-v1';
const ACCESS_MARK = 'access.sets-v1';
const NOTE = '升级到草稿与发布时，发布当时在用的表单 / Published on upgrade: the forms in use';

/** Every upgrade a start runs, in order. */
export async function runUpgrades(x: AppsContext, store: Store, publisher: PublishService): Promise<void> {
  await publishDrafts(x, store, publisher);
  await datetimesToInstants(x, store);
  await keepMembersAccess(x, store);
}

/**
 * Before permission sets, every member could do everything with every published app. Denied by
 * default would lock them all out at once; instead each published app that has no set gets one,
 * "成员（启用权限组之前）", naming every member there was, with every action but manage on every
 * published form: nothing changes for them until an admin narrows it. Records get the
 * departments of their creators (`_depts`), which the department scopes read.
 */
async function keepMembersAccess(x: AppsContext, store: Store): Promise<void> {
  if (await store.collection<Doc>('settings').findOne({ _id: ACCESS_MARK })) return;
  const users = await store.collection<Doc & { isAdmin?: boolean; tenantId: string; departmentIds?: string[] }>('users').find({});
  const depts = new Map(users.map((u) => [u._id, u.departmentIds ?? []]));
  const sets = store.collection<PermissionSetDoc>('permission_sets');
  const at = nowIso(x.clock);
  for (const app of await x.c.apps.find({})) {
    if (typeof app.publishedVersion !== 'number') continue;
    const published = await x.published.version(app._id, app.publishedVersion);
    const forms = [...(published?.forms.values() ?? [])];
    const members = users.filter((u) => u.tenantId === app.tenantId && !u.isAdmin).map((u) => u._id);
    if (members.length && !(await sets.findOne({ appId: app._id }))) {
      const grant: FormGrant = { actions: ACTIONS.filter((a) => a !== 'manage'), scope: { kind: 'all' } };
      await sets.insertOne({
        _id: `ps_upgrade_${app._id}`.slice(0, 64), tenantId: app.tenantId, appId: app._id,
        name: '成员（启用权限组之前） / Members before permission sets',
        description: '升级时自动创建：保留升级前成员的全部权限，请按需收窄 / Made on upgrade so members keep what they could do; narrow it as needed',
        members: { users: members, departments: [], roles: [] },
        forms: Object.fromEntries(forms.map((f) => [f.id, grant])),
        _v: 1, createdAt: at, updatedAt: at, updatedBy: actorOf(systemPrincipal(app.tenantId)),
      }).catch((e: unknown) => {
        if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e; // another node starting with us
      });
    }
    for (const schema of forms) {
      const records = store.collection<Doc>(recordsCollection(schema.id));
      for (let after = ''; ; ) {
        const page = await records.find({ _id: { $gt: after } }, { sort: { _id: 1 }, limit: 500 });
        for (const doc of page) {
          if (Array.isArray(doc[RECORD_DEPARTMENTS])) continue;
          await records.updateOne({ _id: doc._id }, { $set: { [RECORD_DEPARTMENTS]: depts.get(String(doc._createdBy)) ?? [] } });
        }
        if (page.length < 500) break;
        after = page[page.length - 1]._id;
      }
    }
  }
  await markDone(x, store, ACCESS_MARK);
}

async function publishDrafts(x: AppsContext, store: Store, publisher: PublishService): Promise<void> {
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
  await markDone(x, store, MARK);
}

/**
 * Datetimes stored before they were normalised (with an offset, or `Z` without milliseconds)
 * compare as text, not as instants: filters and sorts miss them. Every published form's records
 * get their datetime values (subform cells too) as UTC instants, as every write now stores them;
 * a value that names no instant is left alone. Only the values change: not the revision, nor
 * the audit trail (the instant is the one that was saved). Running twice changes nothing.
 */
async function datetimesToInstants(x: AppsContext, store: Store): Promise<void> {
  if (await store.collection<Doc>('settings').findOne({ _id: DATETIMES_MARK })) return;
  for (const app of await x.c.apps.find({})) {
    if (typeof app.publishedVersion !== 'number') continue;
    const published = await x.published.version(app._id, app.publishedVersion);
    for (const schema of published?.forms.values() ?? []) {
      const records = store.collection<Doc>(recordsCollection(schema.id));
      // In pages by id, so a large form is never read whole.
      for (let after = ''; ; ) {
        const page = await records.find({ _id: { $gt: after } }, { sort: { _id: 1 }, limit: 500 });
        for (const doc of page) {
          const values = datetimesToUtc(schema.fields, doc);
          if (values === doc) continue;
          const changed = Object.fromEntries(Object.keys(values).filter((k) => values[k] !== doc[k]).map((k) => [k, values[k]]));
          await records.updateOne({ _id: doc._id }, { $set: changed });
        }
        if (page.length < 500) break;
        after = page[page.length - 1]._id;
      }
    }
  }
  await markDone(x, store, DATETIMES_MARK);
}

/** Marks an upgrade done; nodes starting together may both mark it. */
async function markDone(x: AppsContext, store: Store, mark: string): Promise<void> {
  await store.collection<Doc>('settings').insertOne({ _id: mark, at: nowIso(x.clock) }).catch((e: unknown) => {
    if (!(e instanceof StoreError && e.code === 'DUPLICATE_KEY')) throw e;
  });
}
