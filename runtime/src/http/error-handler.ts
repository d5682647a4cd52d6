// The one place where errors become HTTP answers: every failure, whether thrown by a route
// (AppError), by fastify itself (validation, body parsing, limits) or by the store, leaves the
// server as `{ error: { code, message, details } }`. Unknown errors are logged with their stack
// and answered with a bare 500 so no internals leak.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, STATUS_OF, errorBody, type ErrorCode } from './errors';
import { StoreError } from '../storage/types';

interface AjvIssue {
  instancePath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns ajv errors into the house issue shape `{ path, code, message, params }`. */
export function validationIssues(errors: AjvIssue[], part: string): Array<Record<string, unknown>> {
  return errors.map((e) => {
    let path = e.instancePath ?? '';
    const p = e.params ?? {};
    if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path += `/${p.additionalProperty}`;
    if (e.keyword === 'required' && typeof p.missingProperty === 'string') path += `/${p.missingProperty}`;
    let message = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties') message = 'unknown property';
    return { in: part, path: path || '/', code: e.keyword, message, params: p };
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
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const STORE_CODES: Partial<Record<StoreError['code'], [ErrorCode, string]>> = {
  DUPLICATE_KEY: ['DUPLICATE', 'A record with the same unique value already exists / 唯一值重复'],
  TX_CONFLICT: ['CONFLICT', 'The data changed meanwhile, try again / 数据已被修改，请重试'],
  INVALID_QUERY: ['INVALID_FILTER', 'Invalid filter / 过滤条件无效'],
};

interface Mapped {
  status: number;
  code: string;
  message: string;
  details: unknown;
}

export function mapError(err: unknown): Mapped | null {
  if (err instanceof AppError) return { status: err.statusCode, code: err.code, message: err.message, details: err.details };
  if (err instanceof StoreError) {
    const hit = STORE_CODES[err.code];
    if (hit) return { status: STATUS_OF[hit[0]], code: hit[0], message: hit[1], details: err.details ?? [] };
    return null;
  }
  const fe = err as Partial<FastifyError> & { validation?: AjvIssue[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const part = fe.validationContext ?? 'body';
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `Invalid ${part} / 请求参数不合法: ${fe.message ?? ''}`.trim(),
      details: validationIssues(fe.validation, part),
    };
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
    const mapped = mapError(err);
    if (mapped) {
      if (mapped.status >= 500) request.log.error({ err }, 'request failed');
      return reply.status(mapped.status).send(errorBody(mapped.code, mapped.message, mapped.details));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Internal server error / 服务器内部错误'));
  });
}
