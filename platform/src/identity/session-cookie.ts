// Reading and writing the one cookie Tessera uses. Written here instead of with @fastify/cookie:
// that plugin loads the ESM-only `cookie` package through a dynamic import, which jest (our test
// runner) cannot execute, and a single cookie with a base64url value needs no general parser.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'tessera_session';

const TOKEN = /^[A-Za-z0-9._-]+$/;

/** The session cookie's value, or undefined. Runs on every request, so it scans instead of splitting. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (let from = 0; ; ) {
    const at = header.indexOf(SESSION_COOKIE, from);
    if (at < 0) return undefined;
    from = at + SESSION_COOKIE.length;
    // The name must start the header or follow a ';' (and spaces), and be followed by '=' (and spaces).
    let before = at - 1;
    while (before >= 0 && (header[before] === ' ' || header[before] === '\t')) before--;
    if (before >= 0 && header[before] !== ';') continue;
    let eq = at + SESSION_COOKIE.length;
    while (header[eq] === ' ' || header[eq] === '\t') eq++;
    if (header[eq] !== '=') continue;
    const end = header.indexOf(';', eq);
    const value = header.slice(eq + 1, end < 0 ? header.length : end).trim();
    return TOKEN.test(value) ? value : undefined;
  }
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
