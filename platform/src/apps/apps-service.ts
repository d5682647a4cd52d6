// Apps: the home page's list, one app, its meta (applies at once), its draft navigation and
// what end users run (the published version with the app's current meta). Members never see a
// draft: one app reads to them with its published navigation.
import type { FormSchema, Locale } from '@tessera/form-engine';
import { actorOf, appendAudit, keyReaches, nowIso, StoreError, type Principal } from '@tessera/runtime';
import { draftFormIds, draftForms, findApp, newAppId, raiseVersionFloor, type AppsContext } from './context';
import { APP_ID_TAKEN, APP_NOT_FOUND, INVALID_NAVIGATION, NOT_PUBLISHED } from './errors';
import { actorOut, metaOf, type Actor, type AppDoc, type AppMeta, type MetaPatch, type NavNode } from './model';
import { checkNavigation, formTargets, normalizeNavigation } from './navigation';
import { formsAsSeen, navigationAsSeen, type FormAccessOut } from './access';

export interface AppOut extends AppMeta {
  id: string;
  navigation: NavNode[];
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor | null;
}

export interface AppSummary extends AppMeta {
  id: string;
  publishedVersion: number | null;
  formCount: number;
  updatedAt: string;
  updatedBy: Actor | null;
  draftChanged: boolean;
}

export interface PublishedOut {
  version: number;
  publishedAt: string;
  app: AppMeta & { id: string; navigation: NavNode[] };
  forms: FormSchema[];
  /** What the caller may do with each form they see (absent for the app's admins: everything). */
  access?: Record<string, FormAccessOut>;
  /** Whether the caller administers the app (its permission sets). */
  admin: boolean;
  /** The tenant's time zone (IANA): the app shell types and shows datetimes in it. */
  timeZone: string;
}

/** The app with `navigation` as its reader gets it (the draft's for administrators, the published one for members). */
export function appOut(app: AppDoc, navigation: NavNode[]): AppOut {
  return {
    id: app._id,
    ...metaOf(app),
    navigation,
    publishedVersion: app.publishedVersion ?? null,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    updatedBy: actorOut(app.updatedBy),
  };
}

/** The draft navigation as administrators read it: entries naming no draft form dropped. */
export const draftNavigation = (app: AppDoc, formIds: Iterable<string>): NavNode[] => normalizeNavigation(app.navigation, formTargets(formIds));

export class AppsService {
  constructor(private readonly x: AppsContext) {}

  /**
   * Admins: every app of the tenant, with its draft's form count and whether the draft changed
   * since the last publish (the app's draftChangedAt; never published: whether it has anything).
   * Members: the published ones, with their published form count. Oldest first; no schema is read.
   */
  async list(p: Principal): Promise<AppSummary[]> {
    const filter = p.isAdmin ? { tenantId: p.tenantId } : { tenantId: p.tenantId, publishedVersion: { $exists: true } };
    const found = (await this.x.c.apps.find(filter, { sort: { createdAt: 1, _id: 1 } })).filter((a) => keyReaches(p, a._id));
    // Denied by default: members see the apps a permission set grants them, or that they administer.
    const apps = p.isAdmin ? found : (await Promise.all(found.map(async (a) => (this.x.access.sees(await this.x.access.app(p, a)) ? a : null)))).filter((a): a is AppDoc => a !== null);
    const summary = (app: AppDoc, formCount: number, draftChanged: boolean): AppSummary => ({
      id: app._id,
      ...metaOf(app),
      publishedVersion: app.publishedVersion ?? null,
      formCount,
      updatedAt: app.updatedAt,
      updatedBy: actorOut(app.updatedBy),
      draftChanged,
    });
    if (!p.isAdmin) {
      const versions = await Promise.all(apps.map((app) => this.x.published.version(app._id, app.publishedVersion as number)));
      const counts = await Promise.all(apps.map(async (app, i) => (await formsAsSeen(this.x, p, app, versions[i]?.doc.snapshot.forms ?? [])).length));
      return apps.map((app, i) => summary(app, counts[i], false));
    }
    const formIds = new Map<string, string[]>();
    for (const f of await this.x.c.forms.find({ tenantId: p.tenantId }, { projection: { _id: 1, appId: 1 } })) {
      const ids = formIds.get(f.appId) ?? [];
      ids.push(f._id);
      formIds.set(f.appId, ids);
    }
    return apps.map((app) => {
      const ids = formIds.get(app._id) ?? [];
      const published = typeof app.publishedVersion === 'number';
      return summary(app, ids.length, published ? app.draftChangedAt !== undefined : ids.length > 0 || draftNavigation(app, ids).length > 0);
    });
  }

  /** Administrators: the app with its draft navigation. Members: with the navigation they run (findApp hides apps never published). */
  async get(p: Principal, appId: string): Promise<AppOut> {
    const app = await findApp(this.x, p, appId);
    if (p.isAdmin) return appOut(app, draftNavigation(app, await draftFormIds(this.x, appId)));
    const current = typeof app.publishedVersion === 'number' ? await this.x.published.version(appId, app.publishedVersion) : null;
    const seen = await formsAsSeen(this.x, p, app, current?.doc.snapshot.forms ?? []);
    return appOut(app, navigationAsSeen(current?.navigation ?? [], new Set(seen.map((s) => s.form.id))));
  }


  async create(p: Principal, input: AppMeta & { id?: string }): Promise<AppOut> {
    const at = nowIso(this.x.clock);
    const { id, ...meta } = input;
    const doc: AppDoc = { _id: id ?? newAppId(), tenantId: p.tenantId, ...metaOf(meta), createdAt: at, updatedAt: at, updatedBy: actorOf(p) };
    if (await this.x.c.apps.findOne({ _id: doc._id })) throw APP_ID_TAKEN({ appId: doc._id }, [{ path: 'id', code: 'taken' }]);
    try {
      await this.x.store.withTransaction(async (session) => {
        await this.x.c.apps.insertOne(doc, { session });
        await appendAudit(this.x.store, session, { actor: actorOf(p), action: 'app.create', collection: 'apps', recordId: doc._id, before: null, after: doc, at });
      });
    } catch (e) {
      if (e instanceof StoreError && e.code === 'DUPLICATE_KEY') throw APP_ID_TAKEN({ appId: doc._id }, [{ path: 'id', code: 'taken' }]);
      throw e;
    }
    return appOut(doc, []);
  }

  /** Meta applies at once (null removes description, icon or colour); navigation is checked against the draft forms. */
  async update(p: Principal, appId: string, patch: MetaPatch, locale: Locale): Promise<AppOut> {
    const before = await findApp(this.x, p, appId);
    const formIds = await draftFormIds(this.x, appId);
    if (patch.navigation !== undefined) {
      const issues = checkNavigation(patch.navigation, formTargets(formIds), locale);
      if (issues.length) throw INVALID_NAVIGATION({ count: issues.length }, issues);
    }
    const at = nowIso(this.x.clock);
    const after: AppDoc = { ...before, updatedAt: at, updatedBy: actorOf(p), ...(patch.navigation !== undefined ? { draftChangedAt: at } : {}) };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete (after as Record<string, unknown>)[k];
      else (after as Record<string, unknown>)[k] = v;
    }
    await this.x.store.withTransaction(async (session) => {
      await this.x.c.apps.replaceOne({ _id: appId }, after, { session });
      await appendAudit(this.x.store, session, { actor: actorOf(p), action: 'app.update', collection: 'apps', recordId: appId, before, after, at });
    });
    return appOut(after, draftNavigation(after, formIds));
  }

  /** Deletes the app, its drafts and versions; records stay in storage. */
  async remove(p: Principal, appId: string): Promise<void> {
    const before = await findApp(this.x, p, appId);
    const forms = await draftForms(this.x, appId);
    await this.x.store.withTransaction(async (session) => {
      for (const f of forms) await raiseVersionFloor(this.x, f._id, f.schema.version ?? 0, session);
      await this.x.c.forms.deleteMany({ appId }, { session });
      await this.x.c.versions.deleteMany({ appId }, { session });
      await this.x.c.apps.deleteOne({ _id: appId }, { session });
      await appendAudit(this.x.store, session, { actor: actorOf(p), action: 'app.delete', collection: 'apps', recordId: appId, before, after: null, at: nowIso(this.x.clock) });
    });
    this.x.published.forget(appId);
  }

  /** What end users run: the published forms and navigation, with the app's current meta. */
  async published(p: Principal, appId: string): Promise<PublishedOut> {
    const app = await this.x.c.apps.findOne({ _id: appId, tenantId: p.tenantId });
    if (!app || !keyReaches(p, appId) || (!p.isAdmin && !this.x.access.sees(await this.x.access.app(p, app)))) throw APP_NOT_FOUND({ appId }, [{ path: 'appId', code: 'unknown_app' }]);
    const current = typeof app.publishedVersion === 'number' ? await this.x.published.version(appId, app.publishedVersion) : null;
    if (!current) throw NOT_PUBLISHED({ appId }, [{ path: 'appId', code: 'not_published' }]);
    const seen = await formsAsSeen(this.x, p, app, current.doc.snapshot.forms);
    const restricted = seen.filter((s) => s.access !== null);
    return {
      version: current.doc.version,
      publishedAt: current.doc.publishedAt,
      app: { id: appId, ...metaOf(app), navigation: navigationAsSeen(current.navigation, new Set(seen.map((s) => s.form.id))) },
      forms: seen.map((s) => s.form),
      ...(restricted.length ? { access: Object.fromEntries(restricted.map((s) => [s.form.id, s.access as FormAccessOut])) } : {}),
      admin: this.x.access.isAppAdmin(p, app),
      timeZone: this.x.timeZone,
    };
  }
}
