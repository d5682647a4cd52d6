// The identity feature as one fastify plugin: authentication for the whole
// app (shared), then one encapsulated route plugin per resource under the caller's prefix.
import fp from 'fastify-plugin';
import type { Clock, Store } from '@tessera/runtime';
import { apiKeysRoutes } from './api-keys-routes';
import { authHook } from './auth-hook';
import { authRoutes } from './auth-routes';
import type { IdentityContext } from './context';
import { departmentsRoutes } from './departments-routes';
import { identityCollections } from './model';
import { createLoginLimits } from './login-limits';
import { createSessions } from './sessions';
import { createUserCache } from './user-cache';
import { rolesRoutes } from './roles-routes';
import { resolveSessionSecret } from './session-secret';
import { createSessionCodec } from './session-token';
import { usersRoutes } from './users-routes';
import { viewAsHook } from './view-as';
import { invitesRoutes } from './invites';
import { loginHistoryRoutes } from './login-history';

export interface IdentityPluginOptions {
  store: Store;
  /** The server's clock (sessions, API keys, the times identity writes). */
  clock: Clock;
  /** HMAC key of session tokens; when absent one is generated once and kept in the store. */
  sessionSecret?: string;
  /** Absolute session lifetime, seconds (TESSERA_SESSION_MAX_AGE; the configuration's default is 7 days). */
  sessionMaxAge: number;
  /** A session unused this long ends, seconds (TESSERA_SESSION_IDLE_TIMEOUT; default 8 hours). */
  sessionIdleTimeout: number;
  /** Failed sign-ins per account and client in 15 minutes (TESSERA_LOGIN_RATE_LIMIT; default 10; see login-limits.ts). */
  loginRateLimit: number;
  /** Where the routes live (default '/api'). */
  prefix?: string;
}

/** Registers auth (shared by every later plugin) and the identity routes. */
export const identityPlugin = fp<IdentityPluginOptions>(
  async (app, opts) => {
    const base = identityCollections(opts.store);
    const userCache = createUserCache(base.users);
    const c = { ...base, users: userCache.users };
    const secret = await resolveSessionSecret(c, opts.clock, opts.sessionSecret);
    const ctx: IdentityContext = {
      store: opts.store,
      c,
      sessionUser: userCache.find,
      rememberedSessionUser: userCache.peek,
      codec: createSessionCodec(secret),
      sessions: createSessions(c.sessions, { clock: opts.clock, maxAgeSeconds: opts.sessionMaxAge, idleSeconds: opts.sessionIdleTimeout }),
      loginLimits: createLoginLimits({ store: opts.store, counters: c.loginAttempts, clock: opts.clock, perAccountClient: opts.loginRateLimit }),
      clock: opts.clock,
      sessionMaxAge: opts.sessionMaxAge,
    };
    await app.register(authHook, ctx);
    // After authentication: an administrator's "view as" swaps in the viewed user's principal.
    await app.register(viewAsHook, ctx);
    const prefix = opts.prefix ?? '/api';
    for (const routes of [authRoutes, usersRoutes, invitesRoutes, departmentsRoutes, rolesRoutes, apiKeysRoutes, loginHistoryRoutes]) {
      await app.register(routes, { ...ctx, prefix });
    }
  },
  { name: 'tessera-identity' },
);

export { bootstrapIdentity, type AdminBootstrap } from './bootstrap';
export { createSessionCodec, type SessionClaims, type SessionCodec } from './session-token';
export { hashPassword, verifyPassword } from './password';
export { passwordIssues, MIN_PASSWORD_LENGTH } from './password-policy';
export { createUser, type NewUser } from './user-service';
export { SESSION_COOKIE } from './context';
export { identityCollections, ensureIdentityIndexes, DEFAULT_TENANT, type UserDoc, type PublicUser } from './model';
