// What every service of the apps feature shares: the store and its collections, the server's
// clock, the form engine, the records service, the published-version cache, and the helpers
// that find an app as a caller may see it.
import type { FormEngine, FormSchema } from '@tessera/form-engine';
import { actorOf, keyReaches, newId, nowIso, type Clock, type Principal, type RecordsService, type Store, type TxSession } from '@tessera/runtime';
import { APP_NOT_FOUND, FORM_NOT_FOUND } from './errors';
import { versionFloorId, type AppCollections, type AppDoc, type FormDoc } from './model';
import type { PublishedApps } from './published';
import type { AccessResolver } from './access';

export interface AppsContext {
  store: Store;
  c: AppCollections;
  /** The time every write of the feature is stamped with. */
  clock: Clock;
  engine: FormEngine;
  records: RecordsService;
  published: PublishedApps;
  /** Most live records a form copy may carry. */
  copyRecordLimit: number;
  /** Who may use which app and how (permission sets). */
  access: AccessResolver;
  /** The tenant's time zone (TESSERA_TIME_ZONE): days, periods and datetimes typed by people are in it. */
  timeZone: string;
}

/** An app of the caller's tenant; members see only apps that have been published and that a permission set grants them (or that they administer). */
export async function findApp(x: AppsContext, p: Principal, appId: string): Promise<AppDoc> {
  const app = await x.c.apps.findOne({ _id: appId, tenantId: p.tenantId });
  const hidden = !app || !keyReaches(p, appId) || (!p.isAdmin && (typeof app.publishedVersion !== 'number' || !x.access.sees(await x.access.app(p, app))));
  if (hidden) throw APP_NOT_FOUND({ appId }, [{ path: 'appId', code: 'unknown_app' }]);
  return app;
}

/** The app's draft forms, oldest first. */
export function draftForms(x: AppsContext, appId: string, session?: TxSession): Promise<FormDoc[]> {
  return x.c.forms.find({ appId }, { sort: { createdAt: 1, _id: 1 }, session });
}

/** The ids of the app's draft forms, oldest first (without loading the schemas). */
export async function draftFormIds(x: AppsContext, appId: string): Promise<string[]> {
  return (await x.c.forms.find({ appId }, { sort: { createdAt: 1, _id: 1 }, projection: { _id: 1 } })).map((f) => f._id);
}

const formNotFound = (formId: string) => FORM_NOT_FOUND({ formId }, [{ path: 'formId', code: 'unknown_form' }]);

export async function findDraft(x: AppsContext, p: Principal, appId: string, formId: string): Promise<FormDoc> {
  const f = await x.c.forms.findOne({ _id: formId, appId, tenantId: p.tenantId });
  if (!f) throw formNotFound(formId);
  return f;
}

/** The draft with this id among drafts already read (404 like findDraft when it is not there). */
export function draftIn(drafts: readonly FormDoc[], formId: string): FormDoc {
  const f = drafts.find((d) => d._id === formId);
  if (!f) throw formNotFound(formId);
  return f;
}

/** Drafts by id, for the engine's cross-form checks. */
export function siblingsOf(forms: Iterable<FormSchema>): (id: string) => FormSchema | undefined {
  const byId = new Map<string, FormSchema>();
  for (const f of forms) byId.set(f.id, f);
  return (id) => byId.get(id);
}

/** The app whose draft or any published version holds a form with this id (form ids are unique per installation). */
export async function formIdOwner(x: AppsContext, formId: string): Promise<string | null> {
  const draft = await x.c.forms.findOne({ _id: formId }, { projection: { appId: 1 } });
  if (draft) return draft.appId;
  const version = await x.c.versions.findOne({ 'snapshot.forms.id': formId }, { projection: { appId: 1 } });
  return version?.appId ?? null;
}

/** The draft version a form with this id starts from: above any version it reached before it was deleted. */
export async function versionFloor(x: AppsContext, formId: string, session?: TxSession): Promise<number> {
  return (await x.c.counters.findOne({ _id: versionFloorId(formId) }, { session }))?.seq ?? 0;
}

/** Remembers the version a deleted draft reached. */
export async function raiseVersionFloor(x: AppsContext, formId: string, version: number, session: TxSession): Promise<void> {
  if ((await versionFloor(x, formId, session)) >= version) return;
  await x.c.counters.updateOne({ _id: versionFloorId(formId) }, { $set: { seq: version } }, { upsert: true, session });
}

/** The app's draft was edited now, by `p` (the home page shows who last worked on it, and that the draft changed). */
export async function touchApp(x: AppsContext, p: Principal, appId: string, session: TxSession, set: Record<string, unknown> = {}): Promise<void> {
  const at = nowIso(x.clock);
  await x.c.apps.updateOne({ _id: appId }, { $set: { ...set, updatedAt: at, updatedBy: actorOf(p), draftChangedAt: at } }, { session });
}

export const newFormId = () => `f_${newId().slice(-10)}`;
export const newAppId = () => `app_${newId().slice(-10)}`;
