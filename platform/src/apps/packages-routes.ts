// App packages (administrators): export an app's draft as a byte-stable JSON file, optionally
// with records and files; import one (checked whole before anything is written), then publish it.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requestLocale, requireAdmin } from '@tessera/runtime';
import type { AppsContext } from './context';
import type { PublishService } from './publish-service';
import { exportPackage } from './packages/export';
import { importPackage, type ImportMode } from './packages/import';
import { appOut, appParams, exportQuery, importQuery } from './schemas';

export interface PackagesRoutesOptions {
  x: AppsContext;
  publisher: PublishService;
  /** Largest package accepted, bytes. */
  importBodyLimit: number;
}

export const packagesRoutes: FastifyPluginAsync<PackagesRoutesOptions> = async (app, { x, publisher, importBodyLimit }) => {
  app.get<{ Params: { appId: string }; Querystring: { records: boolean; files: boolean } }>(
    '/apps/:appId/export',
    {
      schema: {
        tags: ['packages'],
        summary: 'The app draft as a package file (tessera-app@1), optionally with records and their files',
        params: appParams,
        querystring: exportQuery,
        produces: ['application/json'],
        response: { 200: { description: 'The package, as a file to save', type: 'object', additionalProperties: true }, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      const text = await exportPackage(x, requireAdmin(request), appId, request.query);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${appId}.tessera.json"`)
        .send(text);
    },
  );

  app.post<{ Querystring: { mode?: ImportMode }; Body: Record<string, unknown> }>(
    '/apps/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['packages'],
        summary: 'Install an app package and publish it; 409 APP_EXISTS unless mode=replace or mode=copy',
        querystring: importQuery,
        body: { type: 'object', description: 'A package (tessera-app@1), checked as a whole: 422 INVALID_PACKAGE names each problem' },
        response: { 201: appOut, ...err(400, 401, 403, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const installed = await importPackage(x, publisher, requireAdmin(request), request.body, request.query.mode, requestLocale(request));
      return reply.code(201).send(installed);
    },
  );
};
