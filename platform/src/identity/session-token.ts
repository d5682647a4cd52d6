// Signed session tokens: `v2.<payload>.<hmac>` where the payload (base64url JSON) carries the
// session id, the user, the tenant, an expiry and the user's `sessionEpoch`. The signature
// proves the token is ours; the session id names its record in the store (sessions.ts), which a
// logout deletes and which carries the last activity for the idle timeout, so a node still
// checks the store (through a short cache) rather than trusting the token alone. Bumping the
// epoch (logout everywhere, password change, disabling) revokes every token issued before.
// Tokens of v1 (no session id) are refused: their holders sign in again once.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  /** session id: the `_id` of its record in the `sessions` collection */
  sid: string;
  /** user id */
  sub: string;
  /** tenant id */
  tid: string;
  /** the user's sessionEpoch when the token was issued */
  ep: number;
  /** issued at / expires at, unix seconds */
  iat: number;
  exp: number;
}

export interface SessionCodec {
  sign(claims: SessionClaims): string;
  /** The claims of a well-formed, authentic token unexpired at `nowSeconds` (unix seconds, the server's clock); null otherwise. */
  verify(token: string, nowSeconds: number): SessionClaims | null;
}

/** How many verified tokens to remember (a token's signature never changes; expiry is still checked). */
const VERIFIED_CACHE = 10_000;

export function createSessionCodec(secret: string): SessionCodec {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const mac = (data: string) => createHmac('sha256', key).update(data).digest();
  const verified = new Map<string, SessionClaims>();
  return {
    sign(claims) {
      const payload = `v2.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token, nowSeconds) {
      if (typeof token !== 'string' || token.length > 2048) return null;
      const known = verified.get(token);
      if (known) return known.exp > nowSeconds ? known : null;
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== 'v2') return null;
      const given = Buffer.from(parts[2], 'base64url');
      const expected = mac(`${parts[0]}.${parts[1]}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!isClaims(claims)) return null;
      if (verified.size >= VERIFIED_CACHE) verified.clear();
      verified.set(token, Object.freeze(claims));
      return claims.exp > nowSeconds ? claims : null;
    },
  };
}

function isClaims(v: unknown): v is SessionClaims {
  const c = v as SessionClaims;
  return (
    typeof c === 'object' && c !== null &&
    typeof c.sid === 'string' && /^[0-9a-f]{32}$/.test(c.sid) &&
    typeof c.sub === 'string' && typeof c.tid === 'string' &&
    Number.isInteger(c.ep) && Number.isInteger(c.iat) && Number.isInteger(c.exp)
  );
}
