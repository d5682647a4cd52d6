// /api/login-history: sign-ins and sign-outs as administrators read them, from the audit trail
// (auth-routes.ts writes them there, in the same transaction). Newest first, a page at a time:
// `before` is the last entry's id of the previous page. Names are today's display names (the
// name the entry was written with when the user is gone); never a password, token or key.
import type { FastifyPluginAsync } from 'fastify';
import { requireAdmin, type AuditEntry, type Filter } from '@tessera/runtime';
import type { IdentityContext } from './context';
import { errors } from './schemas';
import { AUTH_CHAIN, LOGIN_ACTIONS } from './audit';

/** Where entries of the single audit chain written before chains were split end: their ids are bare numbers. */
const LEGACY_END = ':';

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

/** Whose session an entry is about: the signed-in user (login), the one signing out (logout), the account (everywhere, which only its owner does). */
function userIdOf(e: AuditEntry): string {
  const fromAfter = e.after?.userId;
  const fromBefore = e.before?.userId;
  if (typeof fromAfter === 'string') return fromAfter;
  if (typeof fromBefore === 'string') return fromBefore;
  return e.actor.id;
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
            before: { type: 'string', pattern: `^([0-9]{1,12}|${AUTH_CHAIN}:[0-9]{12})$`, description: 'the id of the last entry of the previous page' },
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
      const audit = ctx.store.collection<AuditEntry>('audit');
      // Newest first: the sign-in chain from its end (or below `before`), then the entries of the
      // single chain from before chains were split.
      const legacyBefore = before && !before.includes(':') ? before.padStart(12, '0') : undefined;
      const entries = legacyBefore ? [] : await audit.find({ _id: { $gt: `${AUTH_CHAIN}:`, $lt: before ?? `${AUTH_CHAIN};` } }, { sort: { _id: -1 }, limit });
      if (entries.length < limit) {
        const older: Filter = { _id: { $lt: legacyBefore ?? LEGACY_END }, action: { $in: [...LOGIN_ACTIONS] } };
        entries.push(...(await audit.find(older, { sort: { _id: -1 }, limit: limit - entries.length })));
      }
      const ids = [...new Set(entries.map(userIdOf))];
      // Stryker disable next-line ObjectLiteral: user ids are unique across tenants and names are taken by id, so a wider read names the same people
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
