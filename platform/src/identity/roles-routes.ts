// /api/roles: named groups of users (permission sets build on them later). Any signed-in user
// may read them (flows pick approvers by role); administrators change them, each change audited
// in its transaction.
import type { FastifyPluginAsync } from 'fastify';
import { AppError, StoreError, nowIso, requireAdmin, requireUser } from '@tessera/runtime';
import { NO_DIRECTORY } from './errors';
import { audit } from './audit';
import type { IdentityContext } from './context';
import { type RoleDoc } from './model';
import { errors, idParams, nameSchema, roleSchema } from './schemas';

const descriptionSchema = { type: 'string', maxLength: 1000 } as const;
// The embedded store's unique (tenantId, name) index gives this order even unasked; MongoDB promises none.
// Stryker disable next-line ObjectLiteral: the tests run on the embedded store, which lists by name anyway (above)
const BY_NAME = { sort: { name: 1 } } as const;
const roleResponse = { type: 'object', required: ['role'], properties: { role: roleSchema } } as const;

function duplicateName(err: unknown): never {
  // (A role write fails otherwise only when the store does, which no test brings about.)
  if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') {
    throw new AppError('DUPLICATE', { 'zh-CN': '角色名称已存在', 'en-US': 'A role with this name exists' }, [{ path: '/name', code: 'duplicate', message: 'name taken' }]);
  }
  throw err;
}

export const rolesRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  const { store, c, clock } = ctx;
  app.get(
    '/roles',
    {
      schema: {
        tags: ['roles'],
        summary: 'Every role; any signed-in staff user (not external accounts)',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: roleSchema } } }, ...errors(401, 403) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (p.external) throw NO_DIRECTORY();
      return { items: await c.roles.find({ tenantId: p.tenantId }, BY_NAME) };
    },
  );

  app.post<{ Body: { name: string; description?: string } }>(
    '/roles',
    {
      schema: {
        tags: ['roles'],
        summary: 'Create a role (administrators)',
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: nameSchema, description: descriptionSchema } },
        response: { 201: roleResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const now = nowIso(clock);
      const role = await store
        .withTransaction(async (session) => {
          const created = await c.roles.insertOne(
            { tenantId: p.tenantId, name: request.body.name.trim(), description: request.body.description ?? '', createdAt: now, updatedAt: now },
            { session },
          );
          await audit(ctx, session, p, { action: 'role.create', collection: 'roles', recordId: created._id, before: null, after: created });
          return created;
        })
        .catch(duplicateName);
      return reply.status(201).send({ role });
    },
  );

  app.patch<{ Params: { id: string }; Body: { name?: string; description?: string } }>(
    '/roles/:id',
    {
      schema: {
        tags: ['roles'],
        summary: 'Rename or describe a role (administrators)',
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name: nameSchema, description: descriptionSchema } },
        response: { 200: roleResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = requireAdmin(request);
      const set: Partial<RoleDoc> = { ...request.body, updatedAt: nowIso(clock) };
      if (set.name) set.name = set.name.trim();
      const role = await store
        .withTransaction(async (session) => {
          // Read in the transaction so the audit's before is what the write replaces (only a concurrent writer could tell).
          const before = await c.roles.findOne({ _id: request.params.id, tenantId: p.tenantId }, { session });
          if (!before) throw new AppError('NOT_FOUND', { 'zh-CN': '角色不存在', 'en-US': 'Role not found' });
          const after = await c.roles.findOneAndUpdate({ _id: before._id }, { $set: set }, { session });
          await audit(ctx, session, p, { action: 'role.update', collection: 'roles', recordId: before._id, before, after });
          return after;
        })
        .catch(duplicateName);
      return { role };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/roles/:id',
    {
      schema: {
        tags: ['roles'],
        summary: 'Delete a role (administrators); its members lose it',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const { id } = request.params;
      await store.withTransaction(async (session) => {
        // In the transaction, as in the rename (only a concurrent writer could tell).
        const before = await c.roles.findOne({ _id: id, tenantId: p.tenantId }, { session });
        if (!before) throw new AppError('NOT_FOUND', { 'zh-CN': '角色不存在', 'en-US': 'Role not found' });
        await c.roles.deleteOne({ _id: id }, { session });
        // Stryker disable next-line ObjectLiteral: role ids are unique across tenants, so a wider match finds the same members
        const members = { tenantId: p.tenantId, roles: id };
        await c.users.updateMany(members, { $pull: { roles: id } }, { session });
        await audit(ctx, session, p, { action: 'role.delete', collection: 'roles', recordId: id, before, after: null });
      });
      return reply.status(204).send();
    },
  );
};
