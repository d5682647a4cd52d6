// /api/login-history: sign-ins and sign-outs as administrators read them, from the audit trail
// (auth-routes.ts writes them there, in the same transaction). Newest first, a page at a time:
// `before` is the last entry's id of the previous page. Names are today's display names (the
// name the entry was written with when the user is gone); never a password, token or key.
import type { FastifyPluginAsync } from 'fastify';
import { requireAdmin, type AuditEntry, type Filter } from '@tessera/runtime';
import type { IdentityContext } from './context';
import { errors } from './schemas';

/** The audit actions auth-routes.ts writes for signing in and out. */
export const LOGIN_ACTIONS = ['auth.login', 'auth.logout', 'auth.logout_everywhere'] as const;
export type LoginAction = (typeof LOGIN_ACTIONS)[number];

const itemSchema = {
  type: 'object',
  required: ['id', 'at', 'action', 'user', 'ip'],
  properties: {
    id: { type: 'string' },
    at: { type: 'string' },
    action: { type: 'string', enum: [...LOGIN_ACTIONS] },
    user: { type: 'object', required: ['id', 'displayName'], properties: { id: { type: 'string' }, displayName: { type: 'string' } } },
    ip: { type: ['string', 'null'] },
  },
} as const;

/** Whose session an entry is about: the signed-in user (login), the one signing out (logout), the account (everywhere). */
function userIdOf(e: AuditEntry): string {
  const fromAfter = e.after?.userId;
  const fromBefore = e.before?.userId;
  if (typeof fromAfter === 'string') return fromAfter;
  if (typeof fromBefore === 'string') return fromBefore;
  return e.action === 'auth.logout_everywhere' ? e.recordId : e.actor.id;
}

export const loginHistoryRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  app.get<{ Querystring: { limit: number; before?: string } }>(
    '/login-history',
    {
      schema: {
        tags: ['users'],
        summary: 'Sign-ins and sign-outs, newest first (administrators); `before` pages on from an entry id',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            before: { type: 'string', pattern: '^[0-9]{1,20}$', description: 'the id of the last entry of the previous page' },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: itemSchema }, next: { type: ['string', 'null'] } } },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const p = requireAdmin(request);
      const { limit, before } = request.query;
      const filter: Filter = { action: { $in: [...LOGIN_ACTIONS] } };
      if (before) filter._id = { $lt: before.padStart(12, '0') };
      const entries = await ctx.store.collection<AuditEntry>('audit').find(filter, { sort: { _id: -1 }, limit });
      const ids = [...new Set(entries.map(userIdOf))];
      const users = ids.length ? await ctx.c.users.find({ tenantId: p.tenantId, _id: { $in: ids } }, { projection: { displayName: 1, username: 1 } }) : [];
      const names = new Map(users.map((u) => [u._id, u.displayName || u.username]));
      const items = entries.map((e) => {
        const id = userIdOf(e);
        const ip = typeof e.after?.ip === 'string' ? e.after.ip : null;
        return { id: e._id, at: e.at, action: e.action, user: { id, displayName: names.get(id) ?? e.actor.name }, ip };
      });
      return { items, next: entries.length === limit ? entries[entries.length - 1]._id : null };
    },
  );
};
