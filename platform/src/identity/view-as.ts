// "View as this user": an administrator sends `X-Tessera-View-As: <user id>` and the request
// runs with that user's principal, so every read (apps, /published, lists, records, history,
// files) answers exactly as it would for them. Only reads: GET, HEAD and the POSTs that only
// read (isReadPost in auth-hook.ts); anything else with the header is refused before the body is read. Tenant
// administrators may view as anyone of the tenant anywhere; an app's admin only on the URLs of
// their app (/api/apps/<app> and below) and never as a tenant administrator (that would let them
// read what only those may). The principal keeps the viewer's `via` and names the viewer in
// `viewAsBy`. Registered after the auth hook (onRequest), so it sees the authenticated caller.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { keyReaches, type Doc, type Principal } from '@tessera/runtime';
import { isReadPost, routeOf } from './auth-hook';
import type { IdentityContext } from './context';
import { VIEW_AS_NOT_ALLOWED, VIEW_AS_READ_ONLY, VIEW_AS_UNKNOWN_USER } from './errors';
import { principalOf, type UserDoc } from './model';

export const VIEW_AS_HEADER = 'x-tessera-view-as';

/** What this hook reads of an app (the apps feature owns the collection). */
interface AppAdminsDoc extends Doc {
  tenantId: string;
  admins?: string[];
}

/** The app a request is about: its route is `/api/apps/:appId` or below it (as routed, not as typed); else null. */
export function appOfRoute(request: FastifyRequest): string | null {
  const route = routeOf(request);
  // (Every route with an :appId today is under /api/apps/:appId; this keeps a later one elsewhere from counting.)
  if (route !== '/api/apps/:appId' && !route.startsWith('/api/apps/:appId/')) return null;
  const appId = (request.params as { appId?: unknown } | undefined)?.appId;
  // (An empty id names no app: refused the same as none.)
  return typeof appId === 'string' && appId ? appId : null;
}

function isRead(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  return isReadPost(request);
}

// Stryker disable next-line ObjectLiteral: only reads less; the admins are all that is taken
const ADMINS_FIELD = { projection: { admins: 1 } } as const;

/** Whether the viewer administers the app of the request (by a session, or by a key with the admin scope that reaches it). */
async function administersAppOf(ctx: IdentityContext, p: Principal, request: FastifyRequest): Promise<boolean> {
  const appId = appOfRoute(request);
  if (appId === null || !keyReaches(p, appId) || (p.keyScope && p.keyScope.access !== 'admin')) return false;
  const app = await ctx.store.collection<AppAdminsDoc>('apps').findOne({ _id: appId, tenantId: p.tenantId }, ADMINS_FIELD);
  // Stryker disable next-line ArrayDeclaration: an app without admins has none; no user id is the text put in instead
  return (app?.admins ?? []).includes(p.userId);
}

/** The viewed user's principal: theirs, reached the way the viewer came, within the apps the viewer's key reaches. */
function viewedPrincipal(user: UserDoc, viewer: Principal): Principal {
  const p: Principal = { ...principalOf(user, viewer.via), viewAsBy: viewer.userId };
  if (viewer.keyScope?.apps) p.keyScope = { access: 'admin', apps: viewer.keyScope.apps };
  return p;
}

export const viewAsHook = fp<IdentityContext>(
  async (app, ctx) => {
    app.addHook('onRequest', async (request) => {
      const raw = request.headers[VIEW_AS_HEADER];
      if (raw === undefined) return;
      const viewer = request.principal;
      // Anonymous: the header changes nothing; the route answers 401 where a user is needed.
      if (!viewer) return;
      if (!isRead(request)) throw VIEW_AS_READ_ONLY();
      // Node hands a custom header over as one string, its ends trimmed; a repeated one is joined by ", " and names no user.
      const userId = String(raw);
      const tenantAdmin = viewer.isAdmin;
      if (!tenantAdmin && !(await administersAppOf(ctx, viewer, request))) throw VIEW_AS_NOT_ALLOWED();
      // (The empty and over-long checks only spare a lookup that would find no one.)
      const user = userId && userId.length <= 100 ? await ctx.sessionUser(userId, viewer.tenantId) : null;
      if (!user || user.disabled) throw VIEW_AS_UNKNOWN_USER();
      if (!tenantAdmin && user.isAdmin) throw VIEW_AS_NOT_ALLOWED();
      request.principal = viewedPrincipal(user, viewer);
      // Stryker disable next-line ObjectLiteral,StringLiteral: a log line's words
      request.log.info({ viewAs: user._id, viewAsBy: viewer.userId }, 'view as');
    });
  },
  { name: 'tessera-view-as', dependencies: ['tessera-auth'] },
);
