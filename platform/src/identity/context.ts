// What every identity route plugin receives: the store's identity collections, the session
// codec, the session records, the sign-in limits and the few settings they need. Built once per
// app by identityPlugin.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nowSeconds, type Clock, type Store } from '@tessera/runtime';
import type { IdentityCollections, UserDoc } from './model';
import type { LoginLimits } from './login-limits';
import type { SessionCodec } from './session-token';
import type { Sessions } from './sessions';
import { writeSessionCookie } from './session-cookie';

export interface IdentityContext {
  store: Store;
  c: IdentityCollections;
  /** The user of a session (remembered briefly; see user-cache.ts). */
  sessionUser(id: string, tenantId: string): Promise<UserDoc | null>;
  /** The same user when it is remembered right now (no await), else undefined. */
  rememberedSessionUser(id: string, tenantId: string): UserDoc | null | undefined;
  codec: SessionCodec;
  /** Session records: logout, idle timeout (see sessions.ts). */
  sessions: Sessions;
  /** Failed sign-in counters (see login-limits.ts). */
  loginLimits: LoginLimits;
  /** The server's clock: sessions' and API keys' times, and every stamp identity writes. */
  clock: Clock;
  /** Session cookie lifetime, seconds. */
  sessionMaxAge: number;
}

export { SESSION_COOKIE } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** The id of the session the request came with (set by the auth hook), or null. */
    sessionId: string | null;
  }
}

/** Starts a session for `user`: its record, then the cookie (httpOnly, SameSite=Lax, Secure over https). */
export async function startSession(ctx: IdentityContext, request: FastifyRequest, reply: FastifyReply, user: UserDoc): Promise<string> {
  const session = await ctx.sessions.create(user, request.ip);
  const iat = nowSeconds(ctx.clock);
  const token = ctx.codec.sign({ sid: session._id, sub: user._id, tid: user.tenantId, ep: user.sessionEpoch, iat, exp: iat + ctx.sessionMaxAge });
  writeSessionCookie(request, reply, token, ctx.sessionMaxAge);
  return session._id;
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  writeSessionCookie(request, reply, '', 0);
}
