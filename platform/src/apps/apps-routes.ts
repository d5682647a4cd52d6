// /api/apps: the home page's list, one app, its meta and draft navigation, and what end users
// run (/published). Admins build; signed-in members read published apps.
// The permission check is asked in AppsService: findApp (a member no set names gets 404) and
// formsAsSeen (only the forms and fields the caller's sets grant); writes are administrators' only.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requestLocale, requireAdmin, requireUser } from '@tessera/runtime';
import type { AppsService } from './apps-service';
import type { AppMeta, MetaPatch } from './model';
import { appOut as appSchema, appParams, appSummaryOut, createAppBody, publishedOut, updateAppBody } from './schemas';

interface AppParams {
  appId: string;
}

export const appsRoutes: FastifyPluginAsync<{ apps: AppsService }> = async (app, { apps }) => {
  app.get(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'Apps of the tenant (admins: all; members: the published ones)',
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: appSummaryOut } } }, ...err(401) },
      },
    },
    async (request) => ({ items: await apps.list(requireUser(request)) }),
  );

  app.post<{ Body: AppMeta & { id?: string } }>(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'Create an app (administrators)',
        body: createAppBody,
        response: { 201: appSchema, ...err(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await apps.create(requireAdmin(request), request.body)),
  );

  app.get<{ Params: AppParams }>(
    '/apps/:appId',
    {
      schema: {
        tags: ['apps'],
        summary: 'One app with its draft navigation',
        params: appParams,
        response: { 200: appSchema, ...err(401, 404) },
      },
    },
    async (request) => apps.get(requireUser(request), request.params.appId),
  );

  app.put<{ Params: AppParams; Body: MetaPatch }>(
    '/apps/:appId',
    {
      schema: {
        tags: ['apps'],
        summary: 'Change an app: name, description, icon, colour apply at once (null removes); navigation is draft',
        params: appParams,
        body: updateAppBody,
        response: { 200: appSchema, ...err(400, 401, 403, 404, 422) },
      },
    },
    async (request) => apps.update(requireAdmin(request), request.params.appId, request.body, requestLocale(request)),
  );

  app.delete<{ Params: AppParams }>(
    '/apps/:appId',
    {
      schema: {
        tags: ['apps'],
        summary: 'Delete an app, its drafts and versions (records stay in storage)',
        params: appParams,
        response: { 204: { type: 'null' }, ...err(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await apps.remove(requireAdmin(request), request.params.appId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: AppParams }>(
    '/apps/:appId/published',
    {
      schema: {
        tags: ['apps'],
        summary: 'What end users run: the published forms and navigation, with the app as it is now',
        params: appParams,
        response: { 200: publishedOut, ...err(401, 404) },
      },
    },
    async (request) => apps.published(requireUser(request), request.params.appId),
  );
};
