// Authentication for every request: sets `request.principal` from the bearer API key or the
// session cookie (null when neither is valid), then applies the CSRF check to cookie-borne
// writes. Shared with the whole app (fastify-plugin) so every later plugin's routes see it.
// It runs in onRequest, before the body is parsed, so refused writes never reach a handler.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@tessera/runtime';
import { API_KEY_PREFIX, hashApiKeySecret } from './api-key-secret';
import type { IdentityContext } from './context';
import { readSessionCookie } from './session-cookie';
import { csrfViolation, isUnsafeMethod } from './csrf';
import { nowIso, principalOf } from './model';

// lastUsedAt is informative: write it at most this often per key, not on every call.
const LAST_USED_GRANULARITY_MS = 60_000;

async function fromApiKey(ctx: IdentityContext, secret: string) {
  const invalid = new AppError('UNAUTHENTICATED', 'Invalid or revoked API key / API 密钥无效或已撤销');
  if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) throw invalid;
  const key = await ctx.c.apiKeys.findOne({ hash: hashApiKeySecret(secret) });
  const now = Date.now();
  if (!key || key.revokedAt || (key.expiresAt && Date.parse(key.expiresAt) <= now)) throw invalid;
  const user = await ctx.c.users.findOne({ _id: key.userId, tenantId: key.tenantId });
  if (!user || user.disabled) throw invalid;
  if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) > LAST_USED_GRANULARITY_MS) {
    await ctx.c.apiKeys.updateOne({ _id: key._id }, { $set: { lastUsedAt: nowIso() } });
  }
  return principalOf(user, 'apikey');
}

async function fromCookie(ctx: IdentityContext, request: FastifyRequest) {
  const token = readSessionCookie(request);
  if (!token) return null;
  const claims = ctx.codec.verify(token);
  if (!claims) return null;
  const user = await ctx.sessionUser(claims.sub, claims.tid);
  if (!user || user.disabled || user.sessionEpoch !== claims.ep) return null;
  return principalOf(user, 'session');
}

export const authHook = fp<IdentityContext>(
  async (app, ctx) => {
    app.addHook('onRequest', async (request) => {
      const auth = request.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <API key>" / 授权头格式错误');
        request.principal = await fromApiKey(ctx, m[1]);
        return;
      }
      request.principal = await fromCookie(ctx, request);
      const path = request.url.split('?')[0];
      if (isUnsafeMethod(request.method) && (request.principal !== null || path === '/api/auth/login')) {
        const why = csrfViolation(request);
        if (why) throw new AppError('CSRF_REJECTED', `${why} / 跨站请求被拒绝`);
      }
    });
  },
  { name: 'tessera-auth' },
);
