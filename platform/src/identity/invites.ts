// Invitations: an administrator makes a one-time link for an account (a supplier's portal user,
// who has no e-mail on file, or anyone whose password was never set); whoever opens it sets the
// account's password and is signed in. The link's secret is shown once and never stored: the
// store keeps its sha256. A new link for the account replaces the old one; a link works once,
// for 7 days.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { defineError, nowIso, requireAdmin, type Doc } from '@tessera/runtime';
import { audit, auditedUser, selfActor } from './audit';
import { USER_NOT_FOUND } from './errors';
import { startSession, type IdentityContext } from './context';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { publicUser } from './model';
import { errors, idParams, passwordSchema, userResponse } from './schemas';

export interface InviteDoc extends Doc {
  /** sha256 of the link's secret, hex. */
  _id: string;
  tenantId: string;
  userId: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
}

const INVITE_DAYS = 7;
// (A link longer than 100 characters never reaches this rule: fastify answers 404 to a longer path parameter.)
const tokenParams = { type: 'object', required: ['token'], additionalProperties: false, properties: { token: { type: 'string', minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } } } as const;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export const INVITE_INVALID = defineError('NOT_FOUND', 404, () => ({
  'zh-CN': '邀请链接无效或已过期，请联系管理员重新邀请',
  'en-US': 'This invitation link is not valid or has expired; ask your administrator for a new one',
}));

export const invitesRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  const invites = ctx.store.collection<InviteDoc>('invites');
  // Stryker disable next-line ArrayDeclaration: the index only speeds finding a user's invitation; without it the same one is found
  await invites.ensureIndexes([{ keys: { userId: 1 } }]);

  /** The invitation behind a link, with its account, or 404 INVITE_INVALID. */
  async function open(token: string) {
    const invite = await invites.findOne({ _id: hashOf(token) });
    if (!invite || Date.parse(invite.expiresAt) <= ctx.clock.now().getTime()) throw INVITE_INVALID();
    const user = await ctx.c.users.findOne({ _id: invite.userId, tenantId: invite.tenantId });
    if (!user || user.disabled) throw INVITE_INVALID();
    return { invite, user };
  }

  app.post<{ Params: { id: string } }>(
    '/users/:id/invite',
    {
      schema: {
        tags: ['users'],
        summary: 'A one-time link with which the account sets its password (administrators); the link is shown once',
        params: idParams,
        response: {
          201: { type: 'object', required: ['path', 'expiresAt'], properties: { path: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string' } } },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const token = randomBytes(24).toString('base64url');
      const at = ctx.clock.now();
      const doc: InviteDoc = {
        _id: hashOf(token), tenantId: p.tenantId, userId: request.params.id, createdAt: at.toISOString(), createdBy: p.userId,
        expiresAt: new Date(at.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
      };
      await ctx.store.withTransaction(async (session) => {
        // (Read in the transaction: outside it reads the same unless another writer changes the user meanwhile.)
        const user = await ctx.c.users.findOne({ _id: request.params.id, tenantId: p.tenantId }, { session });
        if (!user) throw USER_NOT_FOUND();
        await invites.deleteMany({ userId: user._id }, { session });
        await invites.insertOne(doc, { session });
        await audit(ctx, session, p, { action: 'user.invite', collection: 'users', recordId: user._id, before: null, after: { expiresAt: doc.expiresAt } });
      });
      return reply.code(201).send({ path: `/invite/${token}`, token, expiresAt: doc.expiresAt });
    },
  );

  app.get<{ Params: { token: string } }>(
    '/auth/invite/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who an invitation is for (display name and login name), before its password is set',
        security: [],
        params: tokenParams,
        response: { 200: { type: 'object', properties: { displayName: { type: 'string' }, username: { type: 'string' }, expiresAt: { type: 'string' } } }, ...errors(400, 404) },
      },
    },
    async (request) => {
      const { invite, user } = await open(request.params.token);
      return { displayName: user.displayName, username: user.username, expiresAt: invite.expiresAt };
    },
  );

  app.post<{ Params: { token: string }; Body: { password: string } }>(
    '/auth/invite/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set the password and sign in (the link then stops working)',
        security: [],
        params: tokenParams,
        body: { type: 'object', required: ['password'], additionalProperties: false, properties: { password: passwordSchema } },
        response: { 200: userResponse, ...errors(400, 403, 404) },
      },
    },
    async (request, reply) => {
      assertStrongPassword(request.body.password, '/password');
      const { invite, user } = await open(request.params.token);
      const passwordHash = await hashPassword(request.body.password);
      const after = await ctx.store.withTransaction(async (session) => {
        // Used once: the link is gone in the same transaction that sets the password.
        const used = await invites.deleteOne({ _id: invite._id }, { session });
        if (used.deleted === 0) throw INVITE_INVALID();
        // (A new epoch, as in a logout everywhere: auth-routes.ts.)
        const updated = await ctx.c.users.findOneAndUpdate({ _id: user._id }, { $set: { passwordHash, mustChangePassword: false, updatedAt: nowIso(ctx.clock) }, $inc: { sessionEpoch: 1 } }, { session });
        if (!updated) throw INVITE_INVALID();
        await audit(ctx, session, selfActor(updated), { action: 'user.invite.accept', collection: 'users', recordId: updated._id, before: auditedUser(user), after: auditedUser(updated) });
        return updated;
      });
      await ctx.sessions.revokeUser(after._id);
      await startSession(ctx, request, reply, after);
      return { user: publicUser(after) };
    },
  );
};
