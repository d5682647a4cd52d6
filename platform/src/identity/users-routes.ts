// /api/users: administrators manage accounts; /api/users/lookup lets any signed-in user find
// people by display name for member pickers, and answers ids and display names only: login
// names are half of a credential and are not every member's business. Every change is audited
// in its own transaction, and one that could remove the last administrator checks that inside
// the same transaction (keepAnAdmin).
import type { FastifyPluginAsync } from 'fastify';
import { AppError, escapeRegex, nowIso, requireAdmin, requireUser, type Filter } from '@tessera/runtime';
import { audit, auditedUser } from './audit';
import { NO_DIRECTORY, USER_NOT_FOUND } from './errors';
import type { IdentityContext } from './context';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { publicUser, type Locale, type UserDoc } from './model';
import { checkReferences, insertUser, keepAnAdmin, newUserDoc, type NewUser } from './user-service';
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
  attributes?: Record<string, string>;
}

// The embedded store's unique (tenantId, username) index gives this order even unasked; MongoDB promises none.
// Stryker disable next-line ObjectLiteral: the tests run on the embedded store, which lists by username anyway (above)
const BY_USERNAME = { username: 1 } as const;

export const usersRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  const { store, c, clock, sessions } = ctx;
  app.get<{ Querystring: { q?: string; ids?: string; limit: number } }>(
    '/users/lookup',
    {
      schema: {
        tags: ['users'],
        summary: 'Find enabled users by display name or id (for member pickers): ids and display names only; any signed-in user',
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
                items: { type: 'object', required: ['_id', 'displayName'], properties: { _id: { type: 'string' }, displayName: { type: 'string' } } },
              },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const { q, ids, limit } = request.query;
      // An external account may learn the names of people its records name (by id), never search for people.
      if (p.external && (!ids || q)) throw NO_DIRECTORY();
      const filter: Filter = { tenantId: p.tenantId, disabled: false };
      if (ids) filter._id = { $in: ids.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 200) };
      // By display name only: matching login names too would let anyone find them out letter by letter.
      const text = q?.trim();
      if (text) filter.displayName = { $regex: escapeRegex(text), $options: 'i' };
      const items = await c.users.find(filter, {
        sort: { displayName: 1, _id: 1 },
        limit,
        // Stryker disable next-line ObjectLiteral: only reads less; the answer below takes its two fields itself
        projection: { displayName: 1 },
      });
      return { items: items.map((u) => ({ _id: u._id, displayName: u.displayName })) };
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
      const text = q?.trim();
      if (text) {
        const rx = escapeRegex(text);
        filter.$or = [{ username: { $regex: rx, $options: 'i' } }, { displayName: { $regex: rx, $options: 'i' } }];
      }
      const [docs, total] = await Promise.all([c.users.find(filter, { sort: BY_USERNAME, skip, limit }), c.users.count(filter)]);
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
      const doc = await newUserDoc(c, { ...request.body, tenantId: p.tenantId }, clock);
      const user = await store.withTransaction(async (session) => {
        const created = await insertUser(c, doc, session);
        await audit(ctx, session, p, { action: 'user.create', collection: 'users', recordId: created._id, before: null, after: auditedUser(created) });
        return created;
      });
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
      if (!user) throw USER_NOT_FOUND();
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
      const { password, ...fields } = request.body;
      if (fields.displayName !== undefined) fields.displayName = fields.displayName.trim();
      if (password !== undefined) assertStrongPassword(password, '/password');
      await checkReferences(c, p.tenantId, fields.roles, fields.departmentIds);
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      // A new password or a disabled account ends the user's current sessions.
      const revoke = password !== undefined || fields.disabled === true;
      const user = await store.withTransaction(async (session) => {
        const existing = await c.users.findOne({ _id: request.params.id, tenantId: p.tenantId }, { session });
        if (!existing) throw USER_NOT_FOUND();
        const losesAdmin = (fields.isAdmin === false || fields.disabled === true) && existing.isAdmin;
        if (losesAdmin && existing._id === p.userId) {
          throw new AppError('CONFLICT', { 'zh-CN': '不能取消自己的管理员权限', 'en-US': 'You cannot remove your own administrator rights' });
        }
        if (losesAdmin) await keepAnAdmin(c, session, p.tenantId, p.userId, existing._id);
        if (existing.kind === 'external' && fields.isAdmin === true) {
          throw new AppError('VALIDATION_FAILED', { 'zh-CN': '外部账号不能是管理员', 'en-US': 'An external account cannot be an administrator' }, [{ path: '/isAdmin', code: 'external_admin', message: 'external accounts are never administrators' }]);
        }
        const set: Partial<UserDoc> = { ...fields, updatedAt: nowIso(clock) };
        if (passwordHash !== undefined) set.passwordHash = passwordHash;
        // (A new epoch, as in a logout everywhere: auth-routes.ts.)
        const after = await c.users.findOneAndUpdate({ _id: existing._id }, revoke ? { $set: set, $inc: { sessionEpoch: 1 } } : { $set: set }, { session });
        if (!after) throw USER_NOT_FOUND();
        const action = password !== undefined ? 'user.password.reset' : 'user.update';
        await audit(ctx, session, p, { action, collection: 'users', recordId: after._id, before: auditedUser(existing), after: auditedUser(after) });
        return after;
      });
      if (revoke) await sessions.revokeUser(user._id);
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
      const id = request.params.id;
      await store.withTransaction(async (session) => {
        const existing = await c.users.findOne({ _id: id, tenantId: p.tenantId }, { session });
        if (!existing) throw USER_NOT_FOUND();
        if (existing._id === p.userId) throw new AppError('CONFLICT', { 'zh-CN': '不能删除自己', 'en-US': 'You cannot delete yourself' });
        // Only an enabled administrator's removal needs the guard: asked for anyone else, it lets through
        // the administrator requireAdmin just let through, at the cost of a write.
        // Stryker disable next-line ConditionalExpression,LogicalOperator: see above
        if (existing.isAdmin && !existing.disabled) await keepAnAdmin(c, session, p.tenantId, p.userId, existing._id);
        await c.users.deleteOne({ _id: existing._id }, { session });
        await c.apiKeys.updateMany({ userId: existing._id, revokedAt: null }, { $set: { revokedAt: nowIso(clock) } }, { session });
        await audit(ctx, session, p, { action: 'user.delete', collection: 'users', recordId: existing._id, before: auditedUser(existing), after: null });
      });
      await sessions.revokeUser(id);
      return reply.status(204).send();
    },
  );
};
