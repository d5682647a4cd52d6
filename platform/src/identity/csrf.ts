// CSRF defence for cookie-authenticated writes (DESIGN.md "HTTP API"), on top of SameSite=Lax:
// an unsafe request must carry JSON (or multipart, for uploads) or no body at all, since HTML
// forms can only send urlencoded, multipart or text/plain; and its Origin, when the browser
// sends one, must be this server's own (scheme, host and port). Bearer-key calls are not ambient credentials and skip it.
import type { FastifyRequest } from 'fastify';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method);
}

/** Why the request fails the check, or null when it passes. */
export function csrfViolation(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `Origin ${JSON.stringify(origin)} is not allowed`;
    }
    // The same origin is the same scheme, host and port: https://host:3000 is another origin than
    // http://host:3000 (request.protocol is the one a trusted proxy reports).
    if (url.protocol !== `${request.protocol}:` || url.host.toLowerCase() !== request.host.toLowerCase()) return `Cross-origin request from ${origin} refused`;
  }
  const type = request.headers['content-type'];
  if (type === undefined) {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
    return hasBody ? 'A request body needs Content-Type: application/json' : null;
  }
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mime) || mime === 'multipart/form-data') {
    return null;
  }
  return `Content-Type ${mime} is not accepted with a session cookie; send application/json`;
}
