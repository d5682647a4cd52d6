// /api/apps/:appId/access and /permission-sets: who may use an app and how (tenant administrators
// and the app's admins).
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requireUser } from '@tessera/runtime';
import type { AccessService } from './access-service';
import { permissionSetBody, permissionSetOut, type PermissionSetInput } from './access-model';
import { appParams, idSchema } from './schemas';

const setParams = { type: 'object', required: ['appId', 'setId'], additionalProperties: false, properties: { appId: idSchema, setId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } } } as const;
const overviewOut = {
  type: 'object',
  properties: {
    admins: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: ['string', 'null'] } } } },
    sets: { type: 'array', items: permissionSetOut },
  },
} as const;

interface AppParams {
  appId: string;
}

export const accessRoutes: FastifyPluginAsync<{ access: AccessService }> = async (app, { access }) => {
  app.get<{ Params: AppParams }>(
    '/apps/:appId/access',
    { schema: { tags: ['access'], summary: 'The app’s admins and permission sets (app admins)', params: appParams, response: { 200: overviewOut, ...err(401, 403, 404) } } },
    async (request) => access.overview(requireUser(request), request.params.appId),
  );

  app.put<{ Params: AppParams; Body: { admins: string[] } }>(
    '/apps/:appId/access/admins',
    {
      schema: {
        tags: ['access'],
        summary: 'Set the app’s admins (user ids); an app admin cannot leave it without one',
        params: appParams,
        body: { type: 'object', required: ['admins'], additionalProperties: false, properties: { admins: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } } } },
        response: { 200: overviewOut, ...err(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => access.setAdmins(requireUser(request), request.params.appId, request.body.admins),
  );

  app.post<{ Params: AppParams; Body: PermissionSetInput }>(
    '/apps/:appId/permission-sets',
    { schema: { tags: ['access'], summary: 'Create a permission set (422 names every setting the app does not have)', params: appParams, body: permissionSetBody, response: { 201: permissionSetOut, ...err(400, 401, 403, 404, 422) } } },
    async (request, reply) => reply.code(201).send(await access.create(requireUser(request), request.params.appId, request.body)),
  );

  app.put<{ Params: AppParams & { setId: string }; Body: PermissionSetInput & { _v?: number } }>(
    '/apps/:appId/permission-sets/:setId',
    { schema: { tags: ['access'], summary: 'Replace a permission set; send the `_v` you edited (409 when stale)', params: setParams, body: permissionSetBody, response: { 200: permissionSetOut, ...err(400, 401, 403, 404, 409, 422) } } },
    async (request) => access.update(requireUser(request), request.params.appId, request.params.setId, request.body),
  );

  app.delete<{ Params: AppParams & { setId: string } }>(
    '/apps/:appId/permission-sets/:setId',
    { schema: { tags: ['access'], summary: 'Delete a permission set', params: setParams, response: { 204: { type: 'null' }, ...err(401, 403, 404) } } },
    async (request, reply) => {
      await access.remove(requireUser(request), request.params.appId, request.params.setId);
      return reply.code(204).send();
    },
  );
};
