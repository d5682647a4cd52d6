// CSRF defence for cookie-authenticated writes (DESIGN.md "HTTP API"), on top of SameSite=Lax:
// an unsafe request must carry JSON (or multipart, for uploads) or no body at all, since HTML
// forms can only send urlencoded, multipart or text/plain; and its Origin, when the browser
// sends one, must be this server's own (scheme, host and port). Bearer-key calls are not ambient credentials and skip it.
import type { FastifyRequest } from 'fastify';
import type { LocalizedMessage } from '@tessera/runtime';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method);
}

/** Why the request fails the check, in the reader's words, or null when it passes. */
export function csrfViolation(request: FastifyRequest): LocalizedMessage | null {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return { 'zh-CN': `跨站请求被拒绝：来源 ${JSON.stringify(origin)} 不是网址`, 'en-US': `Cross-site request refused: the origin ${JSON.stringify(origin)} is not an address` };
    }
    // The same origin is the same scheme, host and port: https://host:3000 is another origin than
    // http://host:3000 (request.protocol is the one a trusted proxy reports).
    if (url.protocol !== `${request.protocol}:` || url.host.toLowerCase() !== request.host.toLowerCase()) return { 'zh-CN': `跨站请求被拒绝：来自 ${origin}，不是本站`, 'en-US': `Cross-site request refused: it comes from ${origin}, not this site` };
  }
  const type = request.headers['content-type'];
  if (type === undefined) {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
    return hasBody ? { 'zh-CN': '跨站请求被拒绝：请求体须声明 Content-Type: application/json', 'en-US': 'Cross-site request refused: a request body needs Content-Type: application/json' } : null;
  }
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mime) || mime === 'multipart/form-data') {
    return null;
  }
  return { 'zh-CN': `跨站请求被拒绝：登录会话的请求不接受 Content-Type ${mime}，请发送 application/json`, 'en-US': `Cross-site request refused: a signed-in request may not send Content-Type ${mime}; send application/json` };
}
