// /api/users: administrators manage accounts; /api/users/lookup lets any signed-in user find
// people by name for member pickers (ids and display names only).
import type { FastifyPluginAsync } from 'fastify';
import { AppError, escapeRegex, nowIso, requireAdmin, requireUser, type Filter } from '@tessera/runtime';
import type { IdentityContext } from './context';
import { hashPassword } from './password';
import { publicUser, type Locale, type UserDoc } from './model';
import { checkReferences, createUser, otherActiveAdmins, type NewUser } from './user-service';
import { createUserBody, errors, idParams, idSchema, updateUserBody, userResponse, userSchema } from './schemas';


interface UserPatch {
  displayName?: string;
  email?: string;
  password?: string;
  roles?: string[];
  departmentIds?: string[];
  isAdmin?: boolean;
  disabled?: boolean;
  locale?: Locale;
  mustChangePassword?: boolean;
}

export const usersRoutes: FastifyPluginAsync<IdentityContext> = async (app, { c, clock }) => {
  app.get<{ Querystring: { q?: string; ids?: string; limit: number } }>(
    '/users/lookup',
    {
      schema: {
        tags: ['users'],
        summary: 'Find enabled users by name or id (for member pickers); any signed-in user',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100 },
            ids: { type: 'string', maxLength: 5000, description: 'comma-separated user ids' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { _id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' } } },
              },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const filter: Filter = { tenantId: p.tenantId, disabled: false };
      const { q, ids, limit } = request.query;
      if (ids) filter._id = { $in: ids.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 200) };
      if (q?.trim()) {
        const rx = escapeRegex(q.trim());
        filter.$or = [{ username: { $regex: rx, $options: 'i' } }, { displayName: { $regex: rx, $options: 'i' } }];
      }
      const items = await c.users.find(filter, { sort: { username: 1 }, limit, projection: { username: 1, displayName: 1 } });
      return { items };
    },
  );

  app.get<{ Querystring: { q?: string; role?: string; departmentId?: string; limit: number; skip: number } }>(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (administrators)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100 },
            role: idSchema,
            departmentId: idSchema,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            skip: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: userSchema }, total: { type: 'integer' } } },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const p = requireAdmin(request);
      const { q, role, departmentId, limit, skip } = request.query;
      const filter: Filter = { tenantId: p.tenantId };
      if (role) filter.roles = role;
      if (departmentId) filter.departmentIds = departmentId;
      if (q?.trim()) {
        const rx = escapeRegex(q.trim());
        filter.$or = [{ username: { $regex: rx, $options: 'i' } }, { displayName: { $regex: rx, $options: 'i' } }];
      }
      const [docs, total] = await Promise.all([c.users.find(filter, { sort: { username: 1 }, skip, limit }), c.users.count(filter)]);
      return { items: docs.map(publicUser), total };
    },
  );

  app.post<{ Body: Omit<NewUser, 'tenantId'> }>(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (administrators)',
        body: createUserBody,
        response: { 201: userResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const user = await createUser(c, { ...request.body, tenantId: p.tenantId }, clock);
      return reply.status(201).send({ user: publicUser(user) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/users/:id',
    {
      schema: { tags: ['users'], summary: 'One user (administrators)', params: idParams, response: { 200: userResponse, ...errors(401, 403, 404) } },
    },
    async (request) => {
      const p = requireAdmin(request);
      const user = await c.users.findOne({ _id: request.params.id, tenantId: p.tenantId });
      if (!user) throw new AppError('NOT_FOUND', 'User not found / 用户不存在');
      return { user: publicUser(user) };
    },
  );

  app.patch<{ Params: { id: string }; Body: UserPatch }>(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Update a user, reset a password, disable (administrators)',
        params: idParams,
        body: updateUserBody,
        response: { 200: userResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = requireAdmin(request);
      const existing = await c.users.findOne({ _id: request.params.id, tenantId: p.tenantId });
      if (!existing) throw new AppError('NOT_FOUND', 'User not found / 用户不存在');
      const { password, ...fields } = request.body;
      const losesAdmin = (fields.isAdmin === false || fields.disabled === true) && existing.isAdmin;
      if (losesAdmin && existing._id === p.userId) {
        throw new AppError('CONFLICT', 'You cannot remove your own administrator rights / 不能取消自己的管理员权限');
      }
      if (losesAdmin && (await otherActiveAdmins(c, p.tenantId, existing._id)) === 0) {
        throw new AppError('CONFLICT', 'The last administrator must stay / 必须保留至少一名管理员');
      }
      await checkReferences(c, p.tenantId, fields.roles, fields.departmentIds);
      const set: Partial<UserDoc> = { ...fields, updatedAt: nowIso(clock) };
      if (password !== undefined) set.passwordHash = await hashPassword(password);
      // A new password or a disabled account ends the user's current sessions.
      const revoke = password !== undefined || fields.disabled === true;
      const user = await c.users.findOneAndUpdate(
        { _id: existing._id },
        revoke ? { $set: set, $inc: { sessionEpoch: 1 } } : { $set: set },
      );
      if (!user) throw new AppError('NOT_FOUND', 'User not found / 用户不存在');
      return { user: publicUser(user) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete a user and revoke their API keys (administrators); records keep the id',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const existing = await c.users.findOne({ _id: request.params.id, tenantId: p.tenantId });
      if (!existing) throw new AppError('NOT_FOUND', 'User not found / 用户不存在');
      if (existing._id === p.userId) throw new AppError('CONFLICT', 'You cannot delete yourself / 不能删除自己');
      if (existing.isAdmin && !existing.disabled && (await otherActiveAdmins(c, p.tenantId, existing._id)) === 0) {
        throw new AppError('CONFLICT', 'The last administrator must stay / 必须保留至少一名管理员');
      }
      await c.users.deleteOne({ _id: existing._id });
      await c.apiKeys.updateMany({ userId: existing._id, revokedAt: null }, { $set: { revokedAt: nowIso(clock) } });
      return reply.status(204).send();
    },
  );
};
