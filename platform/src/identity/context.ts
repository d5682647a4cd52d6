// What every identity route plugin receives: the store's identity collections, the session
// codec and the few settings they need. Built once per app by identityPlugin.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nowSeconds, type Clock, type Store } from '@tessera/runtime';
import type { IdentityCollections, UserDoc } from './model';
import type { SessionCodec } from './session-token';
import { writeSessionCookie } from './session-cookie';

export interface IdentityContext {
  store: Store;
  c: IdentityCollections;
  /** The user of a session (remembered briefly; see user-cache.ts). */
  sessionUser(id: string, tenantId: string): Promise<UserDoc | null>;
  /** The same user when it is remembered right now (no await), else undefined. */
  rememberedSessionUser(id: string, tenantId: string): UserDoc | null | undefined;
  codec: SessionCodec;
  /** The server's clock: sessions' and API keys' times, and every stamp identity writes. */
  clock: Clock;
  /** Session cookie lifetime, seconds. */
  sessionMaxAge: number;
  /** Login attempts per minute per IP + username. */
  loginRateLimit: number;
}

export { SESSION_COOKIE } from './session-cookie';

/** Issues a session cookie for `user` (httpOnly, SameSite=Lax, Secure when served over https). */
export function setSessionCookie(ctx: IdentityContext, request: FastifyRequest, reply: FastifyReply, user: UserDoc): void {
  const iat = nowSeconds(ctx.clock);
  const token = ctx.codec.sign({ sub: user._id, tid: user.tenantId, ep: user.sessionEpoch, iat, exp: iat + ctx.sessionMaxAge });
  writeSessionCookie(request, reply, token, ctx.sessionMaxAge);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  writeSessionCookie(request, reply, '', 0);
}
