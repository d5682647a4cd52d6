// /api/apps and /api/apps/:appId/forms: admins build, signed-in users read.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err, requireAdmin, requireUser } from '@tessera/runtime';
import type { AppPackage, AppsService, FormDoc } from './service';

const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' };
const i18n = { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'object', additionalProperties: false, properties: { 'zh-CN': { type: 'string', maxLength: 200 }, 'en-US': { type: 'string', maxLength: 200 } } }] };
const appProps = {
  name: i18n,
  description: i18n,
  color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
  icon: { type: 'string', maxLength: 50 },
  navigation: { type: 'array', maxItems: 50, items: { type: 'object', required: ['id', 'label', 'formIds'], additionalProperties: false, properties: { id: { type: 'string', maxLength: 64 }, label: i18n, formIds: { type: 'array', items: id, maxItems: 200 } } } },
};
const appParams = { type: 'object', required: ['appId'], additionalProperties: false, properties: { appId: id } };
const formParams = { type: 'object', required: ['appId', 'formId'], additionalProperties: false, properties: { appId: id, formId: id } };
const anyObject = { type: 'object', additionalProperties: true };

const formOut = (f: FormDoc) => ({ ...f.schema, appId: f.appId, createdAt: f.createdAt, updatedAt: f.updatedAt });

export const appsRoutes: FastifyPluginAsync<{ service: AppsService }> = async (app, { service }) => {
  app.get('/apps', { schema: { tags: ['apps'], summary: 'Apps of the tenant', response: { 200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } }, ...err(401) } } }, async (request) => ({
    items: (await service.listApps(requireUser(request))).map(({ _id, ...a }) => ({ id: _id, ...a })),
  }));

  app.post('/apps', { schema: { tags: ['apps'], summary: 'Create an app', body: { type: 'object', required: ['name'], additionalProperties: false, properties: { id, ...appProps } }, response: { 201: anyObject, ...err(400, 401, 403, 409) } } }, async (request, reply) => {
    const { _id, ...a } = await service.createApp(requireAdmin(request), request.body as Record<string, unknown>);
    return reply.code(201).send({ id: _id, ...a });
  });

  app.get('/apps/:appId', { schema: { tags: ['apps'], summary: 'One app', params: appParams, response: { 200: anyObject, ...err(401, 404) } } }, async (request) => {
    const { _id, ...a } = await service.getApp(requireUser(request), (request.params as { appId: string }).appId);
    return { id: _id, ...a };
  });

  app.put('/apps/:appId', { schema: { tags: ['apps'], summary: 'Change an app', params: appParams, body: { type: 'object', additionalProperties: false, properties: appProps }, response: { 200: anyObject, ...err(400, 401, 403, 404) } } }, async (request) => {
    const { _id, ...a } = await service.updateApp(requireAdmin(request), (request.params as { appId: string }).appId, request.body as Record<string, unknown>);
    return { id: _id, ...a };
  });

  app.delete('/apps/:appId', { schema: { tags: ['apps'], summary: 'Delete an app and its forms (records stay in storage)', params: appParams, response: { 204: { type: 'null' }, ...err(401, 403, 404) } } }, async (request, reply) => {
    await service.deleteApp(requireAdmin(request), (request.params as { appId: string }).appId);
    return reply.code(204).send();
  });

  app.post('/apps/:appId/publish', { schema: { tags: ['apps'], summary: 'Publish: an immutable snapshot of the app with a note', params: appParams, body: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 1000 } } }, response: { 200: anyObject, ...err(401, 403, 404) } } }, async (request) =>
    service.publish(requireAdmin(request), (request.params as { appId: string }).appId, (request.body as { note?: string }).note ?? ''),
  );

  app.get('/apps/:appId/export', { schema: { tags: ['apps'], summary: 'The app as a package (app + forms)', params: appParams, response: { 200: anyObject, ...err(401, 403, 404) } } }, async (request) =>
    service.exportApp(requireAdmin(request), (request.params as { appId: string }).appId),
  );

  app.post('/apps/import', { schema: { tags: ['apps'], summary: 'Install an app package', body: { type: 'object', required: ['format', 'app', 'forms'], additionalProperties: false, properties: { format: { const: 'tessera-app@1' }, app: anyObject, forms: { type: 'array', maxItems: 200, items: anyObject } } }, response: { 201: anyObject, ...err(400, 401, 403, 409, 422) } } }, async (request, reply) => {
    const { _id, ...a } = await service.importApp(requireAdmin(request), request.body as AppPackage);
    return reply.code(201).send({ id: _id, ...a });
  });

  app.get('/apps/:appId/forms', { schema: { tags: ['forms'], summary: 'Forms of an app', params: appParams, response: { 200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } }, ...err(401, 404) } } }, async (request) => ({
    items: (await service.listForms(requireUser(request), (request.params as { appId: string }).appId)).map(formOut),
  }));

  app.post('/apps/:appId/forms', { schema: { tags: ['forms'], summary: 'Create a form (a FormSchema; checked, 422 with the field and reason when wrong)', params: appParams, body: { type: 'object', maxProperties: 50 }, response: { 201: anyObject, ...err(400, 401, 403, 404, 409, 422) } } }, async (request, reply) => {
    const f = await service.saveForm(requireAdmin(request), (request.params as { appId: string }).appId, request.body);
    return reply.code(201).send(formOut(f));
  });

  app.get('/apps/:appId/forms/:formId', { schema: { tags: ['forms'], summary: 'One form', params: formParams, response: { 200: anyObject, ...err(401, 404) } } }, async (request) => {
    const { appId, formId } = request.params as { appId: string; formId: string };
    return formOut(await service.getForm(requireUser(request), appId, formId));
  });

  app.put('/apps/:appId/forms/:formId', { schema: { tags: ['forms'], summary: 'Change a form (its version goes up)', params: formParams, body: { type: 'object', maxProperties: 50 }, response: { 200: anyObject, ...err(400, 401, 403, 404, 422) } } }, async (request) => {
    const { appId, formId } = request.params as { appId: string; formId: string };
    await service.getForm(requireAdmin(request), appId, formId);
    return formOut(await service.saveForm(requireAdmin(request), appId, request.body, formId));
  });

  app.delete('/apps/:appId/forms/:formId', { schema: { tags: ['forms'], summary: 'Delete a form', params: formParams, response: { 204: { type: 'null' }, ...err(401, 403, 404) } } }, async (request, reply) => {
    const { appId, formId } = request.params as { appId: string; formId: string };
    await service.deleteForm(requireAdmin(request), appId, formId);
    return reply.code(204).send();
  });
};
