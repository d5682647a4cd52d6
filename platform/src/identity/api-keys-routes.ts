// /api/api-keys: credentials for integrations. The secret (`tsk_…`) is returned once, at
// creation; only its hash is kept. A key acts as its user; revoking is immediate. Creating and
// revoking are audited (the key as publicApiKey shows it: never its hash).
import type { FastifyPluginAsync } from 'fastify';
import { ADMINS_ONLY, AppError, nowIso, requireUser, type Filter, type KeyScope } from '@tessera/runtime';
import { API_KEY_NOT_FOUND, KEY_BEYOND_SCOPE } from './errors';
import { audit } from './audit';
import type { IdentityContext } from './context';
import { generateApiKeySecret, hashApiKeySecret } from './api-key-secret';
import { publicApiKey } from './model';
import { apiKeySchema, errors, idParams, idSchema, keyScopeSchema, nameSchema } from './schemas';

const RANK = { read: 0, write: 1, admin: 2 } as const;

/** Whether a scope asks for no more than another: access no higher, and only apps the other reaches. */
function within(wanted: KeyScope, held: KeyScope): boolean {
  if (RANK[wanted.access] > RANK[held.access]) return false;
  if (!held.apps) return true;
  return wanted.apps !== undefined && wanted.apps.every((a) => held.apps!.includes(a));
}

const keyResponse = { type: 'object', required: ['apiKey'], properties: { apiKey: apiKeySchema } } as const;

export const apiKeysRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  const { store, c, clock } = ctx;
  app.get<{ Querystring: { all?: boolean } }>(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'The caller\'s API keys (administrators: `all=true` lists every user\'s)',
        querystring: { type: 'object', additionalProperties: false, properties: { all: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: apiKeySchema } } }, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (request.query.all && !p.isAdmin) throw ADMINS_ONLY();
      const filter: Filter = request.query.all ? { tenantId: p.tenantId } : { tenantId: p.tenantId, userId: p.userId };
      const keys = await c.apiKeys.find(filter, { sort: { createdAt: -1 } });
      return { items: keys.map(publicApiKey) };
    },
  );

  app.post<{ Body: { name: string; userId?: string; expiresAt?: string; scope?: KeyScope } }>(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the response holds the secret, shown only this once',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: nameSchema,
            userId: { ...idSchema, description: 'administrators only: create the key for this user' },
            expiresAt: { type: 'string', format: 'date-time' },
            scope: { ...keyScopeSchema, description: 'read, write (records and files; the default) or admin; apps: only these apps' },
          },
        },
        response: {
          201: { type: 'object', required: ['apiKey', 'secret'], properties: { apiKey: apiKeySchema, secret: { type: 'string' } } },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const userId = request.body.userId ?? p.userId;
      if (userId !== p.userId) {
        if (!p.isAdmin) throw new AppError('FORBIDDEN', { 'zh-CN': '仅管理员可为他人创建密钥', 'en-US': 'Only administrators create keys for others' });
        const owner = await c.users.findOne({ _id: userId, tenantId: p.tenantId });
        if (!owner) {
          throw new AppError('VALIDATION_FAILED', { 'zh-CN': '用户不存在', 'en-US': 'Unknown user' }, [{ path: '/userId', code: 'unknown_user', message: `No user ${userId}` }]);
        }
      }
      const { expiresAt } = request.body;
      const scope: KeyScope = request.body.scope ?? { access: 'write' };
      // A key makes keys within its own scope only: no more access, no other apps.
      if (p.keyScope && !within(scope, p.keyScope)) throw KEY_BEYOND_SCOPE(undefined, [{ path: '/scope', code: 'beyond_scope' }]);
      if (expiresAt && Date.parse(expiresAt) <= clock.now().getTime()) {
        throw new AppError('VALIDATION_FAILED', { 'zh-CN': '过期时间已过', 'en-US': 'expiresAt is in the past' }, [{ path: '/expiresAt', code: 'past', message: 'in the past' }]);
      }
      const secret = generateApiKeySecret();
      const key = await store.withTransaction(async (session) => {
        const created = await c.apiKeys.insertOne(
          {
            tenantId: p.tenantId,
            userId,
            name: request.body.name.trim(),
            hash: hashApiKeySecret(secret),
            hint: secret.slice(-4),
            createdAt: nowIso(clock),
            createdBy: p.userId,
            expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
            lastUsedAt: null,
            revokedAt: null,
            scope,
          },
          { session },
        );
        await audit(ctx, session, p, { action: 'api_key.create', collection: 'api_keys', recordId: created._id, before: null, after: { ...publicApiKey(created) } });
        return created;
      });
      // Stryker disable next-line ObjectLiteral,StringLiteral: a line of the operators' log; its words change no answer.
      request.log.info({ apiKeyId: key._id, userId }, 'api key created');
      return reply.status(201).send({ apiKey: publicApiKey(key), secret });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (its owner or an administrator)',
        params: idParams,
        response: { 200: keyResponse, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const key = await c.apiKeys.findOne({ _id: request.params.id, tenantId: p.tenantId });
      if (!key || (key.userId !== p.userId && !p.isAdmin)) throw API_KEY_NOT_FOUND();
      const revoked = await store.withTransaction(async (session) => {
        const after = await c.apiKeys.findOneAndUpdate({ _id: key._id }, { $set: { revokedAt: key.revokedAt ?? nowIso(clock) } }, { session });
        if (!after) throw API_KEY_NOT_FOUND();
        await audit(ctx, session, p, { action: 'api_key.revoke', collection: 'api_keys', recordId: key._id, before: { ...publicApiKey(key) }, after: { ...publicApiKey(after) } });
        return after;
      });
      return { apiKey: publicApiKey(revoked) };
    },
  );
};
