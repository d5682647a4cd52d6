// Authentication for every request: sets `request.principal` from the bearer API key or the
// session cookie (null when neither is valid), then applies the CSRF check to cookie-borne
// writes. Shared with the whole app (fastify-plugin) so every later plugin's routes see it.
// It runs in onRequest, before the body is parsed, so refused writes never reach a handler.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError, nowSeconds } from '@tessera/runtime';
import { API_KEY_PREFIX, hashApiKeySecret } from './api-key-secret';
import type { IdentityContext } from './context';
import { readSessionCookie } from './session-cookie';
import { csrfViolation, isUnsafeMethod } from './csrf';
import { principalOf, type UserDoc } from './model';
import type { SessionClaims } from './session-token';

// lastUsedAt is informative: write it at most this often per key, not on every call.
const LAST_USED_GRANULARITY_MS = 60_000;

async function fromApiKey(ctx: IdentityContext, secret: string) {
  const invalid = new AppError('UNAUTHENTICATED', 'Invalid or revoked API key / API 密钥无效或已撤销');
  if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) throw invalid;
  const key = await ctx.c.apiKeys.findOne({ hash: hashApiKeySecret(secret) });
  const at = ctx.clock.now();
  const now = at.getTime();
  if (!key || key.revokedAt || (key.expiresAt && Date.parse(key.expiresAt) <= now)) throw invalid;
  const user = await ctx.c.users.findOne({ _id: key.userId, tenantId: key.tenantId });
  if (!user || user.disabled) throw invalid;
  if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) > LAST_USED_GRANULARITY_MS) {
    await ctx.c.apiKeys.updateOne({ _id: key._id }, { $set: { lastUsedAt: at.toISOString() } });
  }
  return principalOf(user, 'apikey');
}

/** The principal of a session's user, or null when the user is gone, disabled or logged out. */
function sessionPrincipal(user: UserDoc | null, claims: SessionClaims) {
  if (!user || user.disabled || user.sessionEpoch !== claims.ep) return null;
  return principalOf(user, 'session');
}

/** Cookie-borne writes (and sign-in) must pass the CSRF check. */
function csrfError(request: FastifyRequest): AppError | null {
  if (!isUnsafeMethod(request.method)) return null;
  if (request.principal === null && request.url.split('?')[0] !== '/api/auth/login') return null;
  const why = csrfViolation(request);
  return why ? new AppError('CSRF_REJECTED', `${why} / 跨站请求被拒绝`) : null;
}

export const authHook = fp<IdentityContext>(
  async (app, ctx) => {
    // A callback hook: a session whose user is remembered (nearly every request) is settled
    // without a promise; an API key or a user to load goes the async way.
    app.addHook('onRequest', (request, _reply, done) => {
      try {
        authenticate(request, done);
      } catch (e) {
        done(e as Error);
      }
    });

    function authenticate(request: FastifyRequest, done: (err?: Error) => void): void {
      const auth = request.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) return done(new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <API key>" / 授权头格式错误'));
        fromApiKey(ctx, m[1]).then((p) => {
          request.principal = p;
          done();
        }, done);
        return;
      }
      const token = readSessionCookie(request);
      const claims = token ? ctx.codec.verify(token, nowSeconds(ctx.clock)) : null;
      const settle = (user: UserDoc | null) => {
        let refused: Error | null;
        try {
          request.principal = claims ? sessionPrincipal(user, claims) : null;
          refused = csrfError(request);
        } catch (e) {
          refused = e as Error;
        }
        if (refused) done(refused);
        else done();
      };
      if (!claims) return settle(null);
      const remembered = ctx.rememberedSessionUser(claims.sub, claims.tid);
      if (remembered !== undefined) return settle(remembered);
      ctx.sessionUser(claims.sub, claims.tid).then(settle, done);
    }
  },
  { name: 'tessera-auth' },
);
