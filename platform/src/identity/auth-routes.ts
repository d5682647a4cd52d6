// Sign-in and the signed-in user's own account: login, logout (optionally everywhere), /me,
// changing one's own password.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { AppError, nowIso, requireUser } from '@tessera/runtime';
import { clearSessionCookie, setSessionCookie, type IdentityContext } from './context';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { DEFAULT_TENANT, publicUser } from './model';
import { displayNameSchema, errors, localeSchema, passwordSchema, userResponse } from './schemas';

const WRONG = 'Wrong username or password / 用户名或密码错误';

export const authRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, rc) =>
      new AppError('RATE_LIMITED', `Too many attempts, retry in ${rc.after} / 尝试次数过多，请稍后再试`, [
        { retryAfterSeconds: Math.ceil(rc.ttl / 1000) },
      ]),
  });

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
      config: {
        rateLimit: {
          max: ctx.loginRateLimit,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const user = await ctx.c.users.findOne({ tenantId: DEFAULT_TENANT, username });
      // Unknown users cost the same scrypt run as wrong passwords, and get the same answer.
      const ok = await verifyPassword(request.body.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok) throw new AppError('UNAUTHENTICATED', WRONG);
      if (user.disabled) throw new AppError('FORBIDDEN', 'This account is disabled / 账号已停用');
      setSessionCookie(ctx, request, reply, user);
      request.log.info({ userId: user._id }, 'signed in');
      return { user: publicUser(user) };
    },
  );

  app.post<{ Body: { everywhere?: boolean } | undefined }>(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: clears the cookie; `everywhere` also revokes every other session of the user',
        body: { type: 'object', additionalProperties: false, properties: { everywhere: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      if (request.body?.everywhere) {
        const p = requireUser(request);
        await ctx.c.users.updateOne({ _id: p.userId }, { $inc: { sessionEpoch: 1 }, $set: { updatedAt: nowIso(ctx.clock) } });
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
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first / 请先登录');
      return { user: publicUser(user), via: p.via };
    },
  );

  app.patch<{ Body: { displayName?: string; locale?: 'zh-CN' | 'en-US' } }>(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Update the signed-in user\'s display name or language',
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { displayName: displayNameSchema, locale: localeSchema } },
        response: { 200: userResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const user = await ctx.c.users.findOneAndUpdate({ _id: p.userId }, { $set: { ...request.body, updatedAt: nowIso(ctx.clock) } });
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first / 请先登录');
      return { user: publicUser(user) };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one\'s own password; signs out every other session',
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
      const user = await ctx.c.users.findOne({ _id: p.userId });
      if (!user || !(await verifyPassword(request.body.currentPassword, user.passwordHash))) {
        throw new AppError('VALIDATION_FAILED', 'The current password is wrong / 当前密码不正确', [
          { path: '/currentPassword', code: 'wrong_password', message: 'wrong password' },
        ]);
      }
      const updated = await ctx.c.users.findOneAndUpdate(
        { _id: user._id },
        {
          $set: { passwordHash: await hashPassword(request.body.newPassword), mustChangePassword: false, updatedAt: nowIso(ctx.clock) },
          $inc: { sessionEpoch: 1 },
        },
      );
      if (!updated) throw new AppError('NOT_FOUND', 'User not found / 用户不存在');
      // Keep this browser signed in with a token of the new epoch.
      if (p.via === 'session') setSessionCookie(ctx, request, reply, updated);
      return { user: publicUser(updated) };
    },
  );
};
