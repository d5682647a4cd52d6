// The one place where errors become HTTP answers: every failure, whether thrown by a route
// (AppError), by fastify itself (validation, body parsing, limits) or by the store, leaves the
// server as `{ error: { code, message, details } }`, its message in the reader's language.
// Unknown errors are logged with their stack and answered with a bare 500 so no internals leak.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { oneProblemEach, schemaProblem, type Locale } from '@tessera/form-engine';
import { AppError, STATUS_OF, errorBody, type ErrorCode, type LocalizedMessage } from './errors';
import { requestLocale } from './locale';
import { StoreError } from '../storage/types';

interface AjvIssue {
  instancePath?: string;
  schemaPath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** What a problem at the top of a request part is about, as a reader names it. */
const PART_NAME: Record<string, Record<Locale, string>> = {
  body: { 'zh-CN': '请求体', 'en-US': 'The body' },
  querystring: { 'zh-CN': '查询参数', 'en-US': 'The query string' },
  params: { 'zh-CN': '路径参数', 'en-US': 'The path' },
  headers: { 'zh-CN': '请求头', 'en-US': 'The headers' },
};

/** Turns ajv errors into the house issue shape `{ in, path, code, message, params }`, one per mistake. */
export function validationIssues(errors: AjvIssue[], part: string, locale: Locale = 'en-US'): Array<Record<string, unknown>> {
  return oneProblemEach(errors).map((e) => {
    let path = e.instancePath ?? '';
    const p = e.params ?? {};
    const where = path || PART_NAME[part]?.[locale] || PART_NAME.body[locale];
    if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path += `/${p.additionalProperty}`;
    if (e.keyword === 'required' && typeof p.missingProperty === 'string') path += `/${p.missingProperty}`;
    return { in: part, path: path || '/', code: e.keyword, message: schemaProblem(e, where, locale), params: p };
  });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

const STORE_CODES: Partial<Record<StoreError['code'], [ErrorCode, LocalizedMessage]>> = {
  DUPLICATE_KEY: ['DUPLICATE', { 'zh-CN': '唯一值重复', 'en-US': 'A record with the same unique value already exists' }],
  INVALID_ID: ['INVALID_ID', { 'zh-CN': 'ID 无效：应为 24 位十六进制字符', 'en-US': 'Not a valid id: 24 hexadecimal characters' }],
  TX_CONFLICT: ['TX_CONFLICT', { 'zh-CN': '同时有其他人在修改相同的数据，这次保存没有生效，请稍后重试', 'en-US': 'Others were changing the same data at the same moment, so this save did not go through; try again in a moment' }],
  INVALID_KEY: ['INVALID_KEY', { 'zh-CN': '数据中的名称不能以 $ 开头，也不能包含“.”', 'en-US': 'Names in the data may not start with "$" or contain "."' }],
  DOCUMENT_TOO_LARGE: ['DOCUMENT_TOO_LARGE', { 'zh-CN': '这条数据超过了 16 MB 的上限，请减少内容（例如子表单的行数）后再保存', 'en-US': 'This data is larger than the 16 MB limit; make it smaller (fewer subform rows, say) and save again' }],
  INDEX_LIMIT: ['TOO_MANY_INDEXES', { 'zh-CN': '索引太多：一个表单最多 64 个索引，请关掉一些字段的“可搜索”或“唯一”', 'en-US': 'Too many indexes: a form has at most 64; turn "searchable" or "unique" off on some fields' }],
  INVALID_QUERY: ['INVALID_FILTER', { 'zh-CN': '过滤条件无效', 'en-US': 'Invalid filter' }],
};

const INVALID_PART: Record<string, LocalizedMessage> = {
  body: { 'zh-CN': '请求体不合法', 'en-US': 'Invalid body' },
  querystring: { 'zh-CN': '查询参数不合法', 'en-US': 'Invalid query string' },
  params: { 'zh-CN': '路径参数不合法', 'en-US': 'Invalid path parameters' },
  headers: { 'zh-CN': '请求头不合法', 'en-US': 'Invalid headers' },
};

const INTERNAL: LocalizedMessage = { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' };

/** "1 MiB", "50 MiB", "512 KiB": a body limit as people read it. */
function sizeText(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} B`;
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  details: unknown;
}

export interface MapOptions {
  /** The reader's language (default zh-CN). */
  locale?: Locale;
  /** The route's body limit in bytes, named in the 413 message. */
  bodyLimit?: number;
}

const isLocalized = (v: unknown): v is LocalizedMessage => typeof v === 'object' && v !== null && typeof (v as LocalizedMessage)['zh-CN'] === 'string' && typeof (v as LocalizedMessage)['en-US'] === 'string';

/** Details whose `message` a thrower gave in both languages ({ 'zh-CN', 'en-US' }), in the reader's. */
function detailsIn(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d) => (typeof d === 'object' && d !== null && isLocalized((d as { message?: unknown }).message) ? { ...d, message: (d as { message: LocalizedMessage }).message[locale] } : d));
}

export function mapError(err: unknown, opts: MapOptions = {}): Mapped | null {
  const locale = opts.locale ?? 'zh-CN';
  if (err instanceof AppError) return { status: err.statusCode, code: err.code, message: err.messageIn(locale), details: detailsIn(err.details, locale) };
  if (err instanceof StoreError) {
    const hit = STORE_CODES[err.code];
    if (hit) return { status: STATUS_OF[hit[0]], code: hit[0], message: hit[1][locale], details: err.details ?? [] };
    return null;
  }
  const fe = err as Partial<FastifyError> & { validation?: AjvIssue[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const part = fe.validationContext ?? 'body';
    const what = (INVALID_PART[part] ?? INVALID_PART.body)[locale];
    const first = oneProblemEach(fe.validation)[0];
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: first ? `${what}${locale === 'en-US' ? ': ' : '：'}${schemaProblem(first, first.instancePath || (PART_NAME[part] ?? PART_NAME.body)[locale], locale)}` : what,
      details: validationIssues(fe.validation, part, locale),
    };
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && opts.bodyLimit) {
    const limit = sizeText(opts.bodyLimit);
    const message = locale === 'en-US' ? `The request body is larger than the ${limit} this route accepts` : `请求体超过了此接口允许的 ${limit}`;
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message, details: [{ limit: opts.bodyLimit }] };
  }
  const byCode = fe && typeof fe.code === 'string' ? FASTIFY_CODES[fe.code] : undefined;
  if (byCode) return { status: STATUS_OF[byCode], code: byCode, message: fe.message ?? byCode, details: [] };
  const status = fe?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: fe.message ?? 'Bad request', details: [] };
  }
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(request);
    const mapped = mapError(err, { locale, bodyLimit: request.routeOptions?.bodyLimit });
    if (mapped) {
      if (mapped.status >= 500) request.log.error({ err }, 'request failed');
      return reply.status(mapped.status).send(errorBody(mapped.code, mapped.message, mapped.details));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', INTERNAL[locale]));
  });
}
