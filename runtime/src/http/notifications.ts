// The notification centre's routes under /notifications: the caller's list (newest first, by
// cursor), their unread count for the bell, marking one or all read. No permission set is asked:
// every route reads or changes the caller's own notifications only, and another person's
// notification answers 404 as one that does not exist.
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err } from './errors';
import { idSchema } from './form-caller';
import { requireUser } from './principal';
import { NOTIFICATION_KINDS, type Notifications, type NotificationDoc } from '../services/notifications';

export interface NotificationsPluginOptions {
  notifications: Notifications;
  /** Display names of the people who caused notifications. */
  userNames(ids: string[]): Promise<Map<string, string>>;
}

const i18nText = { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }] };
const item = {
  type: 'object',
  required: ['_id', 'kind', 'actor', 'title', 'text', 'link', 'at', 'readAt'],
  properties: {
    _id: { type: 'string' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    actor: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: 'string' } } },
    title: { ...i18nText, description: 'what it is about: the form of a mention' },
    text: { type: 'string' },
    link: { type: 'object', properties: { appId: { type: 'string' }, formId: { type: 'string' }, recordId: { type: 'string' } } },
    at: { type: 'string' },
    readAt: { type: ['string', 'null'] },
  },
};
const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: idSchema } };

export const notificationsPlugin: FastifyPluginAsync<NotificationsPluginOptions> = async (app, { notifications, userNames }) => {
  /** Notifications as they leave the server: who caused each by name. */
  const shown = async (docs: NotificationDoc[]) => {
    const names = await userNames([...new Set(docs.map((n) => n.actorId))]);
    return docs.map(({ actorId, userId: _u, tenantId: _t, source: _s, ...n }) => ({
      ...n,
      actor: { id: actorId, displayName: names.get(actorId) ?? '' },
    }));
  };

  app.get<{ Querystring: { unread?: boolean; limit: number; cursor?: string } }>(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notifications, newest first, a page at a time (`unread`: only those not read)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unread: { type: 'boolean', default: false },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } } },
          ...err(400, 401),
        },
      },
    },
    async (request) => {
      const page = await notifications.page(requireUser(request), request.query);
      return { items: await shown(page.items), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/notifications/count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of the caller’s notifications are unread (the bell)',
        response: { 200: { type: 'object', required: ['unread'], properties: { unread: { type: 'integer' } } }, ...err(401) },
      },
    },
    async (request) => ({ unread: await notifications.unread(requireUser(request)) }),
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of the caller’s notifications read (again: no change); another person’s is 404',
        params: idParams,
        response: { 200: item, ...err(400, 401, 403, 404) },
      },
    },
    async (request) => (await shown([await notifications.markRead(requireUser(request), request.params.id)]))[0],
  );

  app.post<{ Body: { upTo?: string } | null }>(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all of the caller’s unread notifications read (`upTo`: only that one and older, as the list showed them)',
        body: { type: ['object', 'null'], additionalProperties: false, properties: { upTo: idSchema } },
        response: { 200: { type: 'object', required: ['updated'], properties: { updated: { type: 'integer' } } }, ...err(400, 401, 403) },
      },
    },
    async (request) => ({ updated: await notifications.markAllRead(requireUser(request), request.body?.upTo) }),
  );
};
