// Records routes under /api/apps/:appId/forms/:formId/records. The form schema comes from the
// caller's resolver (platform owns apps and forms); the engine validates every write.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError, errorResponses as err } from './errors';
import { formCaller, formParams, idSchema, recordParams, type FormResolvers } from './form-caller';
import { requestLocale } from './locale';
import { RecordsService, type Caller, type ListQuery } from '../services/records';
import type { SummaryFn } from '../services/record-groups';
import { BOARD_LIMIT, MAX_BOARD_COLUMNS } from '../services/record-board';

/** The form's resolver and the one permission check (form-caller.ts), and the records service. */
export interface RecordsPluginOptions extends FormResolvers {
  service: RecordsService;
}

const id = idSchema;
const listProps = {
  filter: { type: 'string', maxLength: 8000, description: 'JSON filter, e.g. {"status":"open","qty":{"$gte":5}}' },
  sort: { type: 'string', maxLength: 200, description: 'comma-separated field ids, "-" for descending' },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
  cursor: { type: 'string', maxLength: 2000 },
  q: { type: 'string', maxLength: 100 },
  fields: { type: 'string', maxLength: 2000, description: 'comma-separated field ids to return' },
  deleted: { type: 'string', enum: ['exclude', 'include', 'only'], default: 'exclude' },
  total: { type: 'boolean', default: true, description: 'false: leave `total` out (a client paging on knows it from the first page; counting re-reads every match)' },
};
const recordBody = { type: 'object', maxProperties: 500, description: 'field id → value' };
const listResponse = { type: 'object', properties: { items: { type: 'array', items: { type: 'object', additionalProperties: true } }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' } } };

type FormReq = FastifyRequest<{ Params: { appId: string; formId: string } }>;

export const recordsPlugin: FastifyPluginAsync<RecordsPluginOptions> = async (app, { service, resolveForm, access }) => {
  /** The form and the caller's access to it; a form the caller may do nothing with is 404, as one that does not exist. */
  const formOf = formCaller({ resolveForm, access });
  const base = '/apps/:appId/forms/:formId/records';
  const parseList = (q: Record<string, unknown>): ListQuery => {
    let filter: unknown;
    if (typeof q.filter === 'string' && q.filter.trim()) {
      try {
        filter = JSON.parse(q.filter);
      } catch {
        throw new AppError('INVALID_FILTER', { 'zh-CN': 'filter 不是有效的 JSON', 'en-US': 'filter is not valid JSON' }, [{ path: 'filter', message: { 'zh-CN': 'JSON 格式有误', 'en-US': 'malformed JSON' } }]);
      }
    } else if (q.filter && typeof q.filter === 'object') filter = q.filter;
    return {
      filter,
      sort: q.sort as string | undefined,
      limit: q.limit as number | undefined,
      cursor: q.cursor as string | undefined,
      q: q.q as string | undefined,
      fields: typeof q.fields === 'string' ? q.fields.split(',').map((s) => s.trim()).filter(Boolean) : (q.fields as string[] | undefined),
      deleted: q.deleted as ListQuery['deleted'],
      total: q.total as boolean | undefined,
    };
  };

  app.get(base, { schema: { tags: ['records'], summary: 'List records (filter, sort, cursor pagination, search)', params: formParams, querystring: { type: 'object', additionalProperties: false, properties: listProps }, response: { 200: listResponse, ...err(400, 401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    return service.list(caller, schema, parseList(request.query as Record<string, unknown>));
  });

  app.post(`${base}/query`, {
    schema: {
      tags: ['records'], summary: 'List records with a JSON body (same options as GET)', params: formParams,
      body: { type: 'object', additionalProperties: false, properties: { ...listProps, filter: { type: 'object' }, fields: { type: 'array', items: { type: 'string' }, maxItems: 200 } } },
      response: { 200: listResponse, ...err(400, 401, 404) },
    },
  }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const body = request.body as Record<string, unknown>;
    return service.list(caller, schema, parseList({ limit: 20, deleted: 'exclude', ...body }));
  });

  app.get(`${base}/groups`, {
    schema: {
      tags: ['records'],
      summary: 'Records counted and summarized by one or two fields (a grouped view), in the store: groups in value order, blanks last, and the totals',
      params: formParams,
      querystring: {
        type: 'object', additionalProperties: false, required: ['by'],
        properties: {
          by: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)?$', description: 'one or two field ids, comma-separated' },
          summaries: { type: 'string', maxLength: 500, pattern: '^([A-Za-z_][A-Za-z0-9_]*:(sum|avg|min|max))(,[A-Za-z_][A-Za-z0-9_]*:(sum|avg|min|max)){0,9}$', description: 'field:fn pairs (sum, avg, min, max), e.g. qty:sum,qty:avg' },
          filter: listProps.filter, q: listProps.q, deleted: listProps.deleted,
        },
      },
      response: {
        200: {
          type: 'object', required: ['groups', 'total', 'truncated'],
          properties: {
            groups: { type: 'array', items: { type: 'object', properties: { key: { type: 'array' }, label: { type: 'array' }, count: { type: 'integer' }, summaries: { type: 'object', additionalProperties: { type: ['number', 'null'] } } } } },
            total: { type: 'object', properties: { count: { type: 'integer' }, summaries: { type: 'object', additionalProperties: { type: ['number', 'null'] } } } },
            truncated: { type: 'boolean' },
          },
        },
        ...err(400, 401, 403, 404),
      },
    },
  }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const q = request.query as Record<string, string | undefined>;
    const { filter, q: search, deleted } = parseList(q);
    const summaries = (q.summaries ?? '').split(',').filter(Boolean).map((pair) => {
      const [field, fn] = pair.split(':');
      return { field, fn: fn as SummaryFn };
    });
    return service.groups(caller, schema, { by: q.by!.split(','), summaries, filter, q: search, deleted });
  });

  app.get(`${base}/board`, {
    schema: {
      tags: ['records'],
      summary: "A kanban's columns by a select or a single member field: each column's key (an option's value, a user id, null for none), count and first cards, over what the caller's list shows; more of a column is the list filtered by its key, after its cursor",
      params: formParams,
      querystring: {
        type: 'object', additionalProperties: false, required: ['by'],
        properties: {
          by: { ...id, description: 'the select or single member field the columns come from' },
          limit: { type: 'integer', minimum: 1, maximum: BOARD_LIMIT.max, default: BOARD_LIMIT.default, description: 'cards per column' },
          cardFields: { type: 'string', maxLength: 2000, pattern: '^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$', description: 'comma-separated field ids each card carries (besides `by`); none: whole records' },
          filter: listProps.filter, q: listProps.q, sort: listProps.sort,
        },
      },
      response: {
        200: {
          type: 'object', required: ['columns', 'truncated'],
          properties: {
            columns: { type: 'array', items: { type: 'object', required: ['key', 'total', 'items', 'nextCursor'], properties: { key: { type: ['string', 'null'] }, total: { type: 'integer' }, items: listResponse.properties.items, nextCursor: { type: ['string', 'null'] } } } },
            truncated: { type: 'boolean', description: `more than ${MAX_BOARD_COLUMNS} people: the columns of those with the most records` },
          },
        },
        ...err(400, 401, 403, 404),
      },
    },
  }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const q = request.query as { by: string; limit: number; cardFields?: string; sort?: string };
    const { filter, q: search, fields } = parseList({ ...q, fields: q.cardFields });
    return service.board(caller, schema, { by: q.by, limit: q.limit, cardFields: fields, filter, q: search, sort: q.sort });
  });

  app.get(`${base}/export`, { schema: { tags: ['records'], summary: 'All matching records as JSON (for export)', params: formParams, querystring: { type: 'object', additionalProperties: false, properties: { filter: listProps.filter, q: listProps.q, sort: listProps.sort } }, response: { 200: listResponse, ...err(400, 401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const query = parseList(request.query as Record<string, unknown>);
    const items: unknown[] = [];
    let cursor: string | undefined;
    let total: number | undefined;
    do {
      const page = await service.list(caller, schema, { ...query, limit: 200, cursor }, 'export');
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 100_000);
    return { items, nextCursor: null, total: total ?? items.length };
  });

  app.get(`${base}/lookup`, {
    schema: {
      tags: ['records'], summary: 'Find records of the form a relation field points at (pickers and scans)', params: formParams,
      querystring: { type: 'object', required: ['field'], additionalProperties: false, properties: { field: id, q: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, display: { type: 'string' }, record: { type: 'object', additionalProperties: true } } } } } }, ...err(400, 401, 404) },
    },
  }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const { field, q, limit } = request.query as { field: string; q?: string; limit: number };
    const rel = schema.fields.flatMap(function all(f): typeof schema.fields { return f.type === 'section' ? f.fields.flatMap(all) : f.type === 'tabs' ? f.tabs.flatMap((t) => t.fields.flatMap(all)) : f.type === 'columns' ? f.columns.flatMap((c) => c.fields.flatMap(all)) : [f]; }).find((f) => f.id === field);
    if (!rel || rel.type !== 'relation') throw new AppError('VALIDATION_FAILED', { 'zh-CN': `${field} 不是关联数据字段`, 'en-US': `${field} is not a relation field` }, [{ path: 'field', message: { 'zh-CN': '不是关联数据字段', 'en-US': 'not a relation field' } }]);
    const target = await resolveForm((request.params as { appId: string }).appId, rel.formId);
    if (!target) throw new AppError('NOT_FOUND', { 'zh-CN': `关联的表单 ${rel.formId} 不存在`, 'en-US': `Form ${rel.formId} not found` });
    // The picker offers the records of the target form the caller can see there, nothing else.
    const targetAccess = await caller.accessTo(rel.formId);
    if (!targetAccess.allows('view')) return { items: [] };
    const there: Caller = { ...caller, access: targetAccess };
    const term = q?.trim() ?? '';
    let found: Array<Record<string, unknown>> = [];
    if (term && rel.scanField) found = (await service.list(there, target, { filter: { [rel.scanField]: term }, limit })).items;
    if (found.length === 0) {
      const filter = term ? { [rel.displayField]: { $regex: term } } : undefined;
      found = (await service.list(there, target, { filter, limit })).items;
    }
    return { items: found.map((r) => ({ id: r._id as string, display: String(r[rel.displayField] ?? ''), record: r })) };
  });

  app.post(base, { schema: { tags: ['records'], summary: 'Create a record', params: formParams, body: recordBody, response: { 201: { type: 'object', additionalProperties: true }, ...err(400, 401, 404, 409, 422) } } }, async (request, reply) => {
    const { schema, caller } = await formOf(request as FormReq);
    const { appId } = request.params as { appId: string };
    const saved = await service.create(caller, appId, schema, request.body as Record<string, unknown>, requestLocale(request));
    return reply.code(201).send(saved);
  });

  app.get(`${base}/:id`, { schema: { tags: ['records'], summary: 'Get a record', params: recordParams, response: { 200: { type: 'object', additionalProperties: true }, ...err(401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    return service.read(caller, schema, (request.params as { id: string }).id);
  });

  app.patch(`${base}/:id`, { schema: { tags: ['records'], summary: 'Change a record; send the `_v` you edited (409 when stale)', params: recordParams, body: { ...recordBody, required: ['_v'], properties: { _v: { type: 'integer', minimum: 1, description: 'the revision you edited' } } }, response: { 200: { type: 'object', additionalProperties: true }, ...err(400, 401, 404, 409, 422) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const { appId, id: rid } = request.params as { appId: string; id: string };
    return service.patch(caller, appId, schema, rid, request.body as { _v: number } & Record<string, unknown>, requestLocale(request));
  });

  app.delete(`${base}/:id`, { schema: { tags: ['records'], summary: 'Delete a record (soft: it can be restored)', params: recordParams, response: { 200: { type: 'object', properties: { deleted: { type: 'integer' } } }, ...err(401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    return { deleted: await service.setDeleted(caller, schema, [(request.params as { id: string }).id], true) };
  });

  app.post(`${base}/:id/restore`, { schema: { tags: ['records'], summary: 'Restore a deleted record', params: recordParams, response: { 200: { type: 'object', properties: { restored: { type: 'integer' } } }, ...err(401, 404, 409) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    return { restored: await service.setDeleted(caller, schema, [(request.params as { id: string }).id], false) };
  });

  app.post(`${base}/:id/purge`, { schema: { tags: ['records'], summary: 'Delete a record in the trash for good (who may manage the form: 409 NOT_IN_TRASH when it is not deleted)', params: recordParams, response: { 200: { type: 'object', properties: { purged: { type: 'integer' } } }, ...err(401, 403, 404, 409) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    await service.purge(caller, schema, (request.params as { id: string }).id);
    return { purged: 1 };
  });

  app.post(`${base}/bulk-delete`, { schema: { tags: ['records'], summary: 'Delete several records', params: formParams, body: { type: 'object', required: ['ids'], additionalProperties: false, properties: { ids: { type: 'array', items: id, minItems: 1, maxItems: 500, uniqueItems: true } } }, response: { 200: { type: 'object', properties: { deleted: { type: 'integer' } } }, ...err(400, 401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    return { deleted: await service.setDeleted(caller, schema, (request.body as { ids: string[] }).ids, true) };
  });

  app.get(`${base}/:id/history`, { schema: { tags: ['records'], summary: 'Who changed what, when (from the audit trail), newest first', params: recordParams, response: { 200: { type: 'object', additionalProperties: true }, ...err(401, 404) } } }, async (request) => {
    const { schema, caller } = await formOf(request as FormReq);
    const entries = await service.history(caller, schema, (request.params as { id: string }).id);
    return { items: entries.map((e) => ({ seq: e.seq, at: e.at, actor: { id: e.actor.id, displayName: e.actor.name }, action: e.action, diff: e.diff })) };
  });
};
