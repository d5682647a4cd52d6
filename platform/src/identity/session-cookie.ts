// Reading and writing the one cookie Tessera uses. Written here instead of with @fastify/cookie:
// that plugin loads the ESM-only `cookie` package through a dynamic import, which jest (our test
// runner) cannot execute, and a single cookie with a base64url value needs no general parser.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'tessera_session';

/** The session cookie's value, or undefined. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9._-]+$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** httpOnly, SameSite=Lax, Path=/, Secure when the request came over https. */
export function writeSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const attrs = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (maxAgeSeconds === 0) attrs.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (request.protocol === 'https') attrs.push('Secure');
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [...list.filter((c) => !c.startsWith(`${SESSION_COOKIE}=`)), attrs.join('; ')]);
}
