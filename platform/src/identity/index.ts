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
import { createUserCache } from './user-cache';
import { rolesRoutes } from './roles-routes';
import { resolveSessionSecret } from './session-secret';
import { createSessionCodec } from './session-token';
import { usersRoutes } from './users-routes';

export interface IdentityPluginOptions {
  store: Store;
  /** The server's clock (sessions, API keys, the times identity writes). */
  clock: Clock;
  /** HMAC key of session tokens; when absent one is generated once and kept in the store. */
  sessionSecret?: string;
  sessionMaxAge?: number;
  loginRateLimit?: number;
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
      clock: opts.clock,
      sessionMaxAge: opts.sessionMaxAge ?? 7 * 24 * 3600,
      loginRateLimit: opts.loginRateLimit ?? 10,
    };
    await app.register(authHook, ctx);
    const prefix = opts.prefix ?? '/api';
    for (const routes of [authRoutes, usersRoutes, departmentsRoutes, rolesRoutes, apiKeysRoutes]) {
      await app.register(routes, { ...ctx, prefix });
    }
  },
  { name: 'tessera-identity' },
);

export { bootstrapIdentity, type AdminBootstrap } from './bootstrap';
export { createSessionCodec, type SessionClaims, type SessionCodec } from './session-token';
export { hashPassword, verifyPassword } from './password';
export { createUser, type NewUser } from './user-service';
export { SESSION_COOKIE } from './context';
export { identityCollections, ensureIdentityIndexes, DEFAULT_TENANT, type UserDoc, type PublicUser } from './model';
