// Comments on a record and the people who may be @mentioned in them, under
// /apps/:appId/forms/:formId/records/:id, each route asking the one permission check. A comment's
// mentions are user ids; each person mentioned must see the record and gets a notification
// (services/comments.ts).
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses as err } from './errors';
import { formCaller, idSchema, recordParams, type FormResolvers } from './form-caller';
import type { CommentsService } from '../services/comments';

export interface CommentsPluginOptions extends FormResolvers {
  comments: CommentsService;
  /** Display names of comment authors. */
  userNames(ids: string[]): Promise<Map<string, string>>;
}

type RecordParams = { appId: string; formId: string; id: string };

const commentSchema = {
  type: 'object',
  properties: {
    _id: { type: 'string' },
    formId: { type: 'string' },
    recordId: { type: 'string' },
    text: { type: 'string' },
    mentions: { type: 'array', items: { type: 'string' }, description: 'ids of the people mentioned' },
    authorId: { type: 'string' },
    at: { type: 'string' },
  },
};
const person = { type: 'object', required: ['id', 'displayName'], properties: { id: { type: 'string' }, displayName: { type: 'string' } } };
const withAuthor = { ...commentSchema, properties: { ...commentSchema.properties, author: person } };
const mentionableQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 100, description: 'part of the name' }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
};

export const commentsPlugin: FastifyPluginAsync<CommentsPluginOptions> = async (app, { comments, userNames, ...resolvers }) => {
  const formOf = formCaller(resolvers);
  const base = '/apps/:appId/forms/:formId/records/:id';

  app.get<{ Params: RecordParams }>(
    `${base}/comments`,
    {
      schema: {
        tags: ['records'],
        summary: 'The latest 500 comments on a record, oldest first, with their authors by name',
        params: recordParams,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: withAuthor } } }, ...err(401, 404) },
      },
    },
    async (request) => {
      const { schema, caller } = await formOf(request);
      const items = await comments.list(caller, schema, request.params.id);
      const names = await userNames([...new Set(items.map((c) => c.authorId))]);
      return { items: items.map((c) => ({ ...c, author: { id: c.authorId, displayName: names.get(c.authorId) ?? c.authorId } })) };
    },
  );

  app.post<{ Params: RecordParams; Body: { text: string; mentions?: string[] } }>(
    `${base}/comments`,
    {
      schema: {
        tags: ['records'],
        summary:
          'Comment on a record; everyone in `mentions` must see the record (else 400 MENTION_NOT_ALLOWED naming them) and gets a notification',
        params: recordParams,
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 5000 },
            mentions: { type: 'array', items: idSchema, maxItems: 50, uniqueItems: true, description: 'user ids' },
          },
        },
        response: { 201: commentSchema, ...err(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { schema, caller } = await formOf(request);
      const { text, mentions = [] } = request.body;
      const c = await comments.add(caller, request.params.appId, schema, request.params.id, text, mentions);
      return reply.code(201).send(c);
    },
  );

  app.get<{ Params: RecordParams; Querystring: { q?: string; limit: number } }>(
    `${base}/mentionable`,
    {
      schema: {
        tags: ['records'],
        summary:
          'People who can see the record, for the @ picker: id and name, by name, without the caller (the caller must see it: else 404; external accounts: 403)',
        params: recordParams,
        querystring: mentionableQuery,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: person } } }, ...err(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { schema, caller } = await formOf(request);
      const { q = '', limit } = request.query;
      return { items: await comments.mentionable(caller, request.params.appId, schema, request.params.id, q.trim(), limit) };
    },
  );
};
