// Placeholder until the apps/forms/records plugin lands (owned by the apps-and-records work).
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '@tessera/runtime';

export interface AppsPluginOptions {
  store: Store;
}

export const appsPlugin: FastifyPluginAsync<AppsPluginOptions> = async () => {};
