// /api/apps/:appId/forms/:formId/views: a form's saved views (table, kanban, calendar, Gantt).
// Anyone who can see the form keeps personal views; those who manage it share views and choose
// the default: ViewsService asks the one permission check (FormAccess: view, manage) on every
// route. The records a view shows still come through the records API and the same check.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requireUser } from '@tessera/runtime';
import { idSchema } from './schemas';
import { viewBody, viewOut, viewPatchBody, type ViewInput } from './views-model';
import type { ViewsService } from './views-service';

const viewId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const formParams = { type: 'object', required: ['appId', 'formId'], additionalProperties: false, properties: { appId: idSchema, formId: idSchema } } as const;
const viewParams = { type: 'object', required: ['appId', 'formId', 'viewId'], additionalProperties: false, properties: { appId: idSchema, formId: idSchema, viewId } } as const;

interface FormParams {
  appId: string;
  formId: string;
}
type ViewParams = FormParams & { viewId: string };

export const viewsRoutes: FastifyPluginAsync<{ views: ViewsService }> = async (app, { views }) => {
  const base = '/apps/:appId/forms/:formId/views';
  app.get<{ Params: FormParams }>(
    base,
    { schema: { tags: ['views'], summary: 'The form’s views the caller sees: shared ones (the default first), then their own', params: formParams, response: { 200: { type: 'object', properties: { items: { type: 'array', items: viewOut } } }, ...err(401, 404) } } },
    async (request) => ({ items: await views.list(requireUser(request), request.params.appId, request.params.formId) }),
  );

  app.post<{ Params: FormParams; Body: ViewInput }>(
    base,
    { schema: { tags: ['views'], summary: 'Save a view (personal; shared or default needs manage on the form)', params: formParams, body: viewBody, response: { 201: viewOut, ...err(400, 401, 403, 404, 422) } } },
    async (request, reply) => reply.code(201).send(await views.create(requireUser(request), request.params.appId, request.params.formId, request.body)),
  );

  app.patch<{ Params: ViewParams; Body: Partial<ViewInput> & { _v: number } }>(
    `${base}/:viewId`,
    { schema: { tags: ['views'], summary: 'Change a view (its _v; a stale one is 409 with the current)', params: viewParams, body: viewPatchBody, response: { 200: viewOut, ...err(400, 401, 403, 404, 409) } } },
    async (request) => views.update(requireUser(request), request.params.appId, request.params.formId, request.params.viewId, request.body),
  );

  app.delete<{ Params: ViewParams }>(
    `${base}/:viewId`,
    { schema: { tags: ['views'], summary: 'Delete a view', params: viewParams, response: { 204: { type: 'null' }, ...err(401, 403, 404) } } },
    async (request, reply) => {
      await views.remove(requireUser(request), request.params.appId, request.params.formId, request.params.viewId);
      return reply.code(204).send();
    },
  );
};
