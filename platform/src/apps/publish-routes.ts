// Publishing and versions (administrators): what a publish would change, the publish itself,
// the list of versions, one version, and restoring a version as the draft.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requestLocale, requireAdmin } from '@tessera/runtime';
import type { PublishService } from './publish-service';
import { appParams, formOut, previewOut, publishBody, publishOut, versionListOut, versionOut, versionParams } from './schemas';

interface AppParams {
  appId: string;
}
interface VersionParams extends AppParams {
  version: number;
}

export const publishRoutes: FastifyPluginAsync<{ publisher: PublishService }> = async (app, { publisher }) => {
  app.get<{ Params: AppParams }>(
    '/apps/:appId/publish/preview',
    {
      schema: {
        tags: ['publish'],
        summary: 'What publishing the draft would do: problems to fix, changes to stored records, whether it can be published',
        params: appParams,
        response: { 200: previewOut, ...err(401, 403, 404) },
      },
    },
    async (request) => publisher.preview(requireAdmin(request), request.params.appId, requestLocale(request)),
  );

  app.post<{ Params: AppParams; Body: { note?: string; confirm?: boolean } }>(
    '/apps/:appId/publish',
    {
      schema: {
        tags: ['publish'],
        summary: 'Publish the draft as a new version (confirm: true accepts changes that affect stored records)',
        params: appParams,
        body: publishBody,
        response: { 200: publishOut, ...err(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => publisher.publish(requireAdmin(request), request.params.appId, request.body, requestLocale(request)),
  );

  app.get<{ Params: AppParams }>(
    '/apps/:appId/versions',
    {
      schema: {
        tags: ['publish'],
        summary: 'Published versions, newest first',
        params: appParams,
        response: { 200: versionListOut, ...err(401, 403, 404) },
      },
    },
    async (request) => ({ items: await publisher.versions(requireAdmin(request), request.params.appId) }),
  );

  app.get<{ Params: VersionParams }>(
    '/apps/:appId/versions/:version',
    {
      schema: {
        tags: ['publish'],
        summary: 'One published version: its navigation and forms',
        params: versionParams,
        response: { 200: versionOut, ...err(400, 401, 403, 404) },
      },
    },
    async (request) => publisher.version(requireAdmin(request), request.params.appId, request.params.version),
  );

  app.post<{ Params: VersionParams }>(
    '/apps/:appId/versions/:version/restore',
    {
      schema: {
        tags: ['publish'],
        summary: 'Make a version the draft (forms and navigation; records are not touched)',
        params: versionParams,
        response: { 200: { type: 'object', required: ['forms'], properties: { forms: { type: 'array', items: formOut } } }, ...err(400, 401, 403, 404, 409) },
      },
    },
    async (request) => publisher.restore(requireAdmin(request), request.params.appId, request.params.version),
  );
};
