// Apps, forms, publishing, packages, records and files: the resources an app is made of, under
// /api. End users' records are validated against the app's published version.
import type { FastifyPluginAsync } from 'fastify';
import { createFormEngine } from '@tessera/form-engine';
import { filesPlugin, FormAccess, keyReaches, recordsPlugin, RecordsService, type Clock, type Principal, type Store } from '@tessera/runtime';
import { AppsService } from './apps-service';
import { appsRoutes } from './apps-routes';
import type { AppsContext } from './context';
import { FormsService } from './forms-service';
import { formsRoutes } from './forms-routes';
import { appCollections } from './model';
import { packagesRoutes } from './packages-routes';
import { PublishedApps } from './published';
import { PublishService } from './publish-service';
import { publishRoutes } from './publish-routes';
import { runUpgrades } from './upgrade';
import { AccessResolver } from './access';
import { AccessService } from './access-service';
import { accessRoutes } from './access-routes';
import { commentsFeature } from './comments';
import { ViewsService } from './views-service';
import { viewsRoutes } from './views-routes';

export interface AppsPluginOptions {
  store: Store;
  /** The server's clock: the time of every write, serial numbers, TODAY() and NOW(). */
  clock: Clock;
  /** The tenant's time zone (serial numbers, TODAY(), dates). */
  timeZone?: string;
  /** Largest app package accepted by import, bytes (default 50 MiB). */
  importBodyLimit?: number;
  /** Most live records a form copy may carry (default 100,000). */
  copyRecordLimit?: number;
}

export type { AppDoc, FormDoc, AppVersionDoc, NavNode } from './model';
export type { AppPackage } from './packages/format';

export const appsPlugin: FastifyPluginAsync<AppsPluginOptions> = async (app, opts) => {
  const { store, clock, timeZone = 'Asia/Shanghai' } = opts;
  const c = appCollections(store);
  const engine = createFormEngine();
  const published = new PublishedApps(c);
  const records = new RecordsService({ store, engine, timeZone, clock, resolveForm: (appId, formId) => published.form(appId, formId) });
  const x = { store, c, clock, engine, records, published, timeZone, copyRecordLimit: opts.copyRecordLimit ?? 100_000 } as AppsContext;
  x.access = new AccessResolver(x, timeZone);
  await c.forms.ensureIndexes([{ keys: { appId: 1 } }, { keys: { tenantId: 1 } }]);
  // 'snapshot.forms.id' indexes each form of each version (multikey): who owns a form id
  // (formIdOwner, on every form create, restore and import) is a key lookup, not a scan of every snapshot.
  await c.versions.ensureIndexes([{ keys: { appId: 1, version: 1 } }, { keys: { 'snapshot.forms.id': 1 } }]);
  await store.collection('comments').ensureIndexes([{ keys: { formId: 1, recordId: 1 } }]);
  await store.collection('file_links').ensureIndexes([{ keys: { fileId: 1 } }, { keys: { formId: 1, recordId: 1 } }]);
  await store.collection('permission_sets').ensureIndexes([{ keys: { appId: 1 } }]);
  await store.collection('views').ensureIndexes([{ keys: { appId: 1, formId: 1 } }]);
  await store.collection('audit').ensureIndexes([{ keys: { collection: 1, recordId: 1 } }]);
  const publisher = new PublishService(x);
  /** The one permission check for a form's records (services/permissions, from the app's permission sets). */
  const formAccess = async (principal: Principal, appId: string, formId: string): Promise<FormAccess> => {
    // A tenant administrator (or their key that reaches the app) sees everything: no app to read on the write path.
    if ((principal.isAdmin || principal.seesAllData) && keyReaches(principal, appId)) {
      return (await published.form(appId, formId)) ? FormAccess.full(formId) : FormAccess.none(formId);
    }
    const [found, schema] = await Promise.all([c.apps.findOne({ _id: appId, tenantId: principal.tenantId }), published.form(appId, formId)]);
    if (!found || !schema) return FormAccess.none(formId);
    return x.access.form(await x.access.app(principal, found), schema);
  };
  await runUpgrades(x, store, publisher);

  await app.register(appsRoutes, { apps: new AppsService(x) });
  await app.register(accessRoutes, { access: new AccessService(x) });
  await app.register(formsRoutes, { forms: new FormsService(x) });
  await app.register(publishRoutes, { publisher });
  await app.register(packagesRoutes, { x, publisher, importBodyLimit: opts.importBodyLimit ?? 50 * 1024 * 1024 });
  await app.register(viewsRoutes, { views: new ViewsService(x, formAccess) });
  await app.register(recordsPlugin, {
    service: records,
    resolveForm: (appId, formId) => published.form(appId, formId),
    access: formAccess,
  });
  await app.register(commentsFeature, { store, clock, records, resolveForm: (appId, formId) => published.form(appId, formId), access: formAccess });
  await app.register(filesPlugin, { store, readableThroughRecord: (p, fileId) => records.files.readable(fileId, (appId, formId) => formAccess(p, appId, formId)) });
};
