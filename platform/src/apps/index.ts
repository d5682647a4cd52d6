// Apps, forms, records and files: the resources an app is made of, under /api.
import type { FastifyPluginAsync } from 'fastify';
import { filesPlugin, recordsPlugin, type Store } from '@tessera/runtime';
import { AppsService } from './service';
import { appsRoutes } from './routes';

export interface AppsPluginOptions {
  store: Store;
  /** The tenant's time zone (serial numbers, TODAY(), dates). */
  timeZone?: string;
}

export { AppsService, type AppDoc, type FormDoc, type AppPackage } from './service';

export const appsPlugin: FastifyPluginAsync<AppsPluginOptions> = async (app, { store, timeZone = 'Asia/Shanghai' }) => {
  const service = new AppsService(store, timeZone);
  await service.ensureIndexes();
  const users = store.collection<{ _id: string; displayName: string; username: string }>('users');
  await app.register(appsRoutes, { service });
  await app.register(recordsPlugin, {
    service: service.records,
    resolveForm: (appId, formId) => service.resolveForm(appId, formId),
    userNames: async (ids) => new Map((await users.find({ _id: { $in: ids } })).map((u) => [u._id, u.displayName || u.username])),
  });
  await app.register(filesPlugin, { store });
};
