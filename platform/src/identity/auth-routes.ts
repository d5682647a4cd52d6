// Sign-in and the signed-in user's own account: login (within the limits of login-limits.ts),
// logout (this session, or everywhere), /me, changing one's own password. Each of these writes
// is audited with it (audit.ts).
import type { FastifyPluginAsync } from 'fastify';
import { AppError, nowIso, requireUser, SIGN_IN_FIRST } from '@tessera/runtime';
import { audit, auditedUser, selfActor } from './audit';
import { clearSessionCookie, startSession, type IdentityContext } from './context';
import { PASSWORD_UNCHANGED, SIGN_IN_LIMITED, USER_NOT_FOUND, WRONG_CURRENT_PASSWORD } from './errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { DEFAULT_TENANT, publicUser } from './model';
import { errors, localeSchema, nameSchema, passwordSchema, userResponse } from './schemas';

const WRONG = { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' };

export const authRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie',
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
        },
        response: { 200: userResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      // Counted (or refused) before the password is checked, so a refused try costs no scrypt run.
      const attempt = await ctx.loginLimits.admit(DEFAULT_TENANT, username, request.ip).catch((e: unknown) => {
        if (SIGN_IN_LIMITED.is(e)) reply.header('retry-after', String((e.details as Array<{ retryAfterSeconds: number }>)[0].retryAfterSeconds));
        throw e;
      });
      const user = await ctx.c.users.findOne({ tenantId: DEFAULT_TENANT, username });
      // Unknown users cost the same scrypt run as wrong passwords, and get the same answer.
      // An account without a password (invited, not yet accepted) costs the same run as an unknown one.
      const ok = await verifyPassword(request.body.password, user?.passwordHash || (await dummyPasswordHash()));
      if (!user?.passwordHash || !ok) throw new AppError('UNAUTHENTICATED', WRONG);
      if (user.disabled) throw new AppError('FORBIDDEN', { 'zh-CN': '账号已停用', 'en-US': 'This account is disabled' });
      await attempt.succeeded();
      const sid = await startSession(ctx, request, reply, user);
      await ctx.store.withTransaction((session) =>
        audit(ctx, session, selfActor(user), { action: 'auth.login', collection: 'sessions', recordId: sid, before: null, after: { userId: user._id, ip: request.ip } }),
      );
      request.log.info({ userId: user._id }, 'signed in');
      return { user: publicUser(user) };
    },
  );

  app.post<{ Body: { everywhere?: boolean } | undefined }>(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session on the server and clears the cookie; `everywhere` ends every session of the user',
        body: { type: 'object', additionalProperties: false, properties: { everywhere: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const everywhere = request.body?.everywhere === true;
      const p = everywhere ? requireUser(request) : request.principal;
      const sid = request.sessionId;
      if (everywhere && p) {
        await ctx.store.withTransaction(async (session) => {
          // The new epoch also ends a session signed in on another node meanwhile, which the revokeUser
          // below can miss (only a race shows it: every session stored before is deleted there anyway).
          await ctx.c.users.updateOne({ _id: p.userId }, { $inc: { sessionEpoch: 1 }, $set: { updatedAt: nowIso(ctx.clock) } }, { session });
          await audit(ctx, session, p, { action: 'auth.logout_everywhere', collection: 'users', recordId: p.userId, before: null, after: null });
        });
        await ctx.sessions.revokeUser(p.userId);
      } else if (p && sid) {
        await ctx.sessions.revoke(sid);
        await ctx.store.withTransaction((session) =>
          audit(ctx, session, p, { action: 'auth.logout', collection: 'sessions', recordId: sid, before: { userId: p.userId }, after: null }),
        );
      }
      clearSessionCookie(request, reply);
      return { ok: true };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: {
          200: { type: 'object', required: ['user', 'via'], properties: { user: userResponse.properties.user, via: { type: 'string', enum: ['session', 'apikey'] } } },
          ...errors(401),
        },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const user = await ctx.c.users.findOne({ _id: p.userId });
      // Gone only when deleted on another node within the 2 s this one remembers the account.
      if (!user) throw SIGN_IN_FIRST();
      return { user: publicUser(user), via: p.via };
    },
  );

  app.patch<{ Body: { displayName?: string; locale?: 'zh-CN' | 'en-US' } }>(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Update the signed-in user\'s display name or language',
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { displayName: nameSchema, locale: localeSchema } },
        response: { 200: userResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const set = { ...request.body };
      if (set.displayName !== undefined) set.displayName = set.displayName.trim();
      const user = await ctx.store.withTransaction(async (session) => {
        const before = await ctx.c.users.findOne({ _id: p.userId }, { session });
        const after = await ctx.c.users.findOneAndUpdate({ _id: p.userId }, { $set: { ...set, updatedAt: nowIso(ctx.clock) } }, { session });
        if (!after) throw SIGN_IN_FIRST();
        await audit(ctx, session, p, { action: 'user.update', collection: 'users', recordId: p.userId, before: auditedUser(before), after: auditedUser(after) });
        return after;
      });
      return { user: publicUser(user) };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one\'s own password (10+ characters, not a common one); signs out every other session',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: { type: 'string', maxLength: 256 }, newPassword: passwordSchema },
        },
        response: { 200: userResponse, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const { currentPassword, newPassword } = request.body;
      const user = await ctx.c.users.findOne({ _id: p.userId });
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throw WRONG_CURRENT_PASSWORD(undefined, [{ path: '/currentPassword', code: 'wrong_password', message: 'wrong password' }]);
      }
      assertStrongPassword(newPassword, '/newPassword');
      // A one-time password kept is still the one somebody else has seen.
      if (newPassword === currentPassword) {
        throw PASSWORD_UNCHANGED(undefined, [{ path: '/newPassword', code: 'password_unchanged', message: 'the same as the current password' }]);
      }
      const passwordHash = await hashPassword(newPassword);
      const updated = await ctx.store.withTransaction(async (session) => {
        // (The new epoch, as in a logout everywhere above.)
        const after = await ctx.c.users.findOneAndUpdate(
          { _id: user._id },
          { $set: { passwordHash, mustChangePassword: false, updatedAt: nowIso(ctx.clock) }, $inc: { sessionEpoch: 1 } },
          { session },
        );
        if (!after) throw USER_NOT_FOUND();
        await audit(ctx, session, p, { action: 'user.password.change', collection: 'users', recordId: user._id, before: auditedUser(user), after: auditedUser(after) });
        return after;
      });
      // Every session of the user ends; this browser gets a new one with the new epoch.
      await ctx.sessions.revokeUser(user._id);
      if (p.via === 'session') await startSession(ctx, request, reply, updated);
      return { user: publicUser(updated) };
    },
  );
};
