// /api/apps/:appId/forms: members read the published schemas (what they fill); admins read
// drafts with ?draft=true, and create, save, delete and copy drafts.
import type { FastifyPluginAsync } from 'fastify';
import type { I18nText } from '@tessera/form-engine';
import { errorResponses as err, requestLocale, requireAdmin, requireUser } from '@tessera/runtime';
import type { FormsService } from './forms-service';
import { DRAFTS_ADMIN_ONLY } from './errors';
import { appParams, copyFormBody, formList, formOut, formParams } from './schemas';

interface AppParams {
  appId: string;
}
interface FormParams extends AppParams {
  formId: string;
}
interface DraftQuery {
  draft?: boolean;
}

const draftQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { draft: { type: 'boolean', default: false, description: 'the drafts (administrators) instead of the published schemas' } },
} as const;
const formBody = { type: 'object', maxProperties: 50, description: 'A FormSchema' } as const;

export const formsRoutes: FastifyPluginAsync<{ forms: FormsService }> = async (app, { forms }) => {
  app.get<{ Params: AppParams; Querystring: DraftQuery }>(
    '/apps/:appId/forms',
    {
      schema: {
        tags: ['forms'],
        summary: 'Forms of an app: the published schemas, or with ?draft=true the drafts (administrators)',
        params: appParams,
        querystring: draftQuery,
        response: { 200: formList, ...err(401, 403, 404) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (!request.query.draft) return { items: await forms.listPublished(p, request.params.appId) };
      if (!p.isAdmin) throw DRAFTS_ADMIN_ONLY();
      return { items: await forms.listDrafts(p, request.params.appId) };
    },
  );

  app.get<{ Params: FormParams; Querystring: DraftQuery }>(
    '/apps/:appId/forms/:formId',
    {
      schema: {
        tags: ['forms'],
        summary: 'One form: as published, or with ?draft=true its draft (administrators)',
        params: formParams,
        querystring: draftQuery,
        response: { 200: formOut, ...err(401, 403, 404) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const { appId, formId } = request.params;
      if (!request.query.draft) return forms.getPublished(p, appId, formId);
      if (!p.isAdmin) throw DRAFTS_ADMIN_ONLY();
      return forms.getDraft(p, appId, formId);
    },
  );

  app.post<{ Params: AppParams; Body: Record<string, unknown> }>(
    '/apps/:appId/forms',
    {
      schema: {
        tags: ['forms'],
        summary: 'Create a draft form (checked by the form engine: 422 INVALID_SCHEMA names the field and reason)',
        params: appParams,
        body: formBody,
        response: { 201: formOut, ...err(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const saved = await forms.create(requireAdmin(request), request.params.appId, request.body, requestLocale(request));
      return reply.code(201).send(saved);
    },
  );

  app.put<{ Params: FormParams; Body: Record<string, unknown> }>(
    '/apps/:appId/forms/:formId',
    {
      schema: {
        tags: ['forms'],
        summary: 'Save a draft form; with `version` (the one you edited) a save by someone else since is 409 STALE_VERSION',
        params: formParams,
        body: formBody,
        response: { 200: formOut, ...err(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { appId, formId } = request.params;
      return forms.save(requireAdmin(request), appId, formId, request.body, requestLocale(request));
    },
  );

  app.delete<{ Params: FormParams }>(
    '/apps/:appId/forms/:formId',
    {
      schema: {
        tags: ['forms'],
        summary: 'Delete a draft form (the published form runs until the next publish; records stay)',
        params: formParams,
        response: { 204: { type: 'null' }, ...err(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await forms.remove(requireAdmin(request), request.params.appId, request.params.formId);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: FormParams; Body: { title?: I18nText; withRecords?: boolean } }>(
    '/apps/:appId/forms/:formId/copy',
    {
      schema: {
        tags: ['forms'],
        summary: 'Copy a draft form (a new id, same field ids), optionally with its live records',
        params: formParams,
        body: copyFormBody,
        response: { 201: formOut, ...err(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { appId, formId } = request.params;
      const copy = await forms.copy(requireAdmin(request), appId, formId, request.body, requestLocale(request));
      return reply.code(201).send(copy);
    },
  );
};
