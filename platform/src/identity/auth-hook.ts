// Authentication for every request: sets `request.principal` from the bearer API key or the
// session cookie (null when neither is valid), then applies the CSRF check to cookie-borne
// writes and the must-change-password gate. A session stands when its token is authentic and
// unexpired, its record exists (not logged out) and has not been idle too long, and its user is
// enabled with the token's epoch. Shared with the whole app (fastify-plugin) so every later
// plugin's routes see it. It runs in onRequest, before the body is parsed, so refused writes
// never reach a handler.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError, type Principal } from '@tessera/runtime';
import { API_KEY_PREFIX, hashApiKeySecret } from './api-key-secret';
import type { IdentityContext } from './context';
import { readSessionCookie } from './session-cookie';
import { csrfViolation, isUnsafeMethod } from './csrf';
import { KEY_READ_ONLY, PASSWORD_CHANGE_REQUIRED } from './errors';
import { principalOf, type ApiKeyDoc, type UserDoc } from './model';
import type { SessionClaims } from './session-token';
import type { SessionEntry } from './sessions';

// lastUsedAt is informative: write it at most this often per key, not on every call.
const LAST_USED_GRANULARITY_MS = 60_000;

// What a user flagged mustChangePassword may still call (route patterns, as matched): who am I,
// change the password, sign out or in, and the server's own description and health.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/me',
  'HEAD /api/me',
  'POST /api/me/password',
  'POST /api/auth/logout',
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/openapi.json',
]);

async function fromApiKey(ctx: IdentityContext, secret: string) {
  const invalid = new AppError('UNAUTHENTICATED', { 'zh-CN': 'API 密钥无效或已撤销', 'en-US': 'Invalid or revoked API key' });
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
  return { user, key };
}

/** The principal of an API key: its user within the key's scope (an administrator's key administers only with the admin scope). */
export function keyPrincipal(user: UserDoc, key: ApiKeyDoc): Principal {
  const p = principalOf(user, 'apikey');
  if (!key.scope) return p;
  return { ...p, isAdmin: user.isAdmin && key.scope.access === 'admin', seesAllData: user.isAdmin, keyScope: key.scope };
}

/** Reads sent as POST for their long filters: a read-only key, and "view as" (view-as.ts), may make them besides GET and HEAD. */
const READ_POSTS = new Set(['POST /api/apps/:appId/forms/:formId/records/query']);

/** The route pattern the request matched (as routed, not as typed); '' for an address no route serves. */
export function routeOf(request: FastifyRequest): string {
  // Stryker disable next-line StringLiteral: callers ask whether it starts with /api/ or /api/apps/:appId/, or names a read sent as POST; any text but those answers as '' does
  return request.routeOptions.url ?? '';
}

/** Whether the request is one of the reads sent as POST. */
export function isReadPost(request: FastifyRequest): boolean {
  return READ_POSTS.has(`${request.method} ${routeOf(request)}`);
}

/** A read-only key's write, refused before the body is read. */
function keyScopeError(request: FastifyRequest): AppError | null {
  const scope = request.principal?.keyScope;
  if (!scope || scope.access !== 'read' || !isUnsafeMethod(request.method)) return null;
  if (isReadPost(request)) return null;
  return KEY_READ_ONLY();
}

/** Whether the session stands: see the header. */
function sessionStands(ctx: IdentityContext, claims: SessionClaims, user: UserDoc | null, entry: SessionEntry, nowMs: number): user is UserDoc {
  if (!user || user.disabled || user.sessionEpoch !== claims.ep) return false;
  const s = entry.doc;
  return s !== null && s.userId === claims.sub && s.tenantId === claims.tid && ctx.sessions.alive(entry, nowMs);
}

/** A user who must change their password may call only the routes above (and load the web app). */
function passwordGate(request: FastifyRequest, user: UserDoc): AppError | null {
  if (!user.mustChangePassword) return null;
  const route = routeOf(request);
  if (!route.startsWith('/api/') && !request.url.startsWith('/api/')) return null;
  return ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${route}`) ? null : PASSWORD_CHANGE_REQUIRED();
}

/** Cookie-borne writes (and sign-in) must pass the CSRF check. */
function csrfError(request: FastifyRequest): AppError | null {
  if (!isUnsafeMethod(request.method)) return null;
  // Signing in, and accepting an invitation (which signs in), are checked without a session too:
  // as routed, so /api/auth/login/ (the router ignores a trailing slash) is checked like /api/auth/login.
  const route = routeOf(request);
  if (request.principal === null && route !== '/api/auth/login' && route !== '/api/auth/invite/:token') return null;
  const why = csrfViolation(request);
  return why ? new AppError('CSRF_REJECTED', why) : null;
}

export const authHook = fp<IdentityContext>(
  async (app, ctx) => {
    // Stryker disable next-line StringLiteral: the decoration only declares the property up front (one object shape for V8); every request assigns it
    app.decorateRequest('sessionId', null);
    // A callback hook: a session whose record and user are remembered (nearly every request) is
    // settled without a promise; an API key, a record or user to load, or a last activity to
    // write goes the async way.
    app.addHook('onRequest', (request, _reply, done) => {
      try {
        authenticate(request, done);
        // Stryker disable next-line BlockStatement: nothing authenticate calls throws at once (a bad cookie or token reads as none); this keeps a future throw from hanging the request
      } catch (e) {
        done(e as Error);
      }
    });

    function authenticate(request: FastifyRequest, done: (err?: Error) => void): void {
      const auth = request.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) return done(new AppError('UNAUTHENTICATED', { 'zh-CN': '授权头格式错误', 'en-US': 'Authorization must be "Bearer <API key>"' }));
        fromApiKey(ctx, m[1]).then(({ user, key }) => {
          request.principal = keyPrincipal(user, key);
          const refused = keyScopeError(request) ?? passwordGate(request, user);
          if (refused) done(refused);
          else done();
        }, done);
        return;
      }
      const token = readSessionCookie(request);
      const nowMs = ctx.clock.now().getTime();
      const claims = token ? ctx.codec.verify(token, Math.floor(nowMs / 1000)) : null;
      const settle = (user: UserDoc | null, entry: SessionEntry | null) => {
        let refused: Error | null;
        try {
          const stands = claims !== null && entry !== null && sessionStands(ctx, claims, user, entry, nowMs);
          request.principal = stands ? principalOf(user as UserDoc, 'session') : null;
          request.sessionId = stands ? claims.sid : null;
          refused = csrfError(request) ?? (stands ? passwordGate(request, user as UserDoc) : null);
        } catch (e) {
          refused = e as Error;
        }
        if (refused) done(refused);
        else done();
      };
      if (!claims) return settle(null, null);
      const entry = ctx.sessions.peek(claims.sid);
      const user = ctx.rememberedSessionUser(claims.sub, claims.tid);
      if (entry !== undefined && user !== undefined && !ctx.sessions.needsTouch(entry, nowMs)) return settle(user, entry);
      load(claims, nowMs).then(([u, e]) => settle(u, e), done);
    }

    async function load(claims: SessionClaims, nowMs: number): Promise<[UserDoc | null, SessionEntry]> {
      const entry = await ctx.sessions.find(claims.sid);
      const user = await ctx.sessionUser(claims.sub, claims.tid);
      // Only a standing session's activity is written: an idle one must not be revived.
      if (ctx.sessions.needsTouch(entry, nowMs) && sessionStands(ctx, claims, user, entry, nowMs)) await ctx.sessions.touch(entry, nowMs);
      return [user, entry];
    }
  },
  { name: 'tessera-auth' },
);
