// Coded errors of the runtime and the one error shape every route answers with:
// { "error": { "code", "message", "details" } }. Throw AppError from routes and services;
// the error handler in server.ts maps it (and fastify's own validation / body errors) to JSON,
// with the message in the reader's language (Accept-Language; see locale.ts).
import type { Locale } from '@tessera/form-engine';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_REJECTED'
  | 'NOT_FOUND'
  | 'REQUEST_TIMEOUT'
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'DUPLICATE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RULE_FAILED'
  | 'RATE_LIMITED'
  | 'HEADERS_TOO_LARGE'
  | 'INVALID_FILTER'
  | 'INVALID_SCHEMA'
  | 'INVALID_ID'
  | 'TX_CONFLICT'
  | 'INVALID_KEY'
  | 'DOCUMENT_TOO_LARGE'
  | 'TOO_MANY_INDEXES'
  | 'INTERNAL';

export const STATUS_OF: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_FILTER: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  TX_CONFLICT: 409,
  INVALID_KEY: 400,
  DOCUMENT_TOO_LARGE: 413,
  TOO_MANY_INDEXES: 422,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_SCHEMA: 422,
  INVALID_ID: 422,
  RULE_FAILED: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
};

/** A message in each language the server answers in. */
export type LocalizedMessage = Readonly<Record<Locale, string>>;

export class AppError extends Error {
  readonly statusCode: number;
  /** The message per locale, when the thrower gave one (else `message` serves every reader). */
  readonly localized: LocalizedMessage | undefined;
  /**
   * `code` is one of the runtime's codes (its status comes from STATUS_OF) or a package's own
   * code with its `status` (see defineError).
   */
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string | LocalizedMessage,
    readonly details: unknown = [],
    status?: number,
  ) {
    super(typeof message === 'string' ? message : message['en-US']);
    this.name = 'AppError';
    this.localized = typeof message === 'string' ? undefined : message;
    this.statusCode = status ?? STATUS_OF[code as ErrorCode] ?? 500;
  }

  /** The message for a reader of `locale`. */
  messageIn(locale: Locale): string {
    return this.localized?.[locale] ?? this.message;
  }
}

/** One entry of a package's error catalogue: its code, status and message per locale. */
export interface ErrorDef<P> {
  readonly code: string;
  readonly status: number;
  (params: P, details?: unknown): AppError;
  /** Whether `e` is an error this entry made (several entries may share a code, such as CONFLICT). */
  is(e: unknown): e is AppError;
}

/**
 * Names an error once (fastify lib/errors.js style): throw sites pass parameters and details,
 * never message text. `defineError<{ appId: string }>('NOT_FOUND', 404, ({ appId }) => ({ … }))`.
 */
export function defineError<P = void>(code: string, status: number, message: (params: P) => LocalizedMessage): ErrorDef<P> {
  const made = new WeakSet<object>();
  const make = (params: P, details: unknown = []) => {
    const e = new AppError(code, message(params), details, status);
    made.add(e);
    return e;
  };
  return Object.assign(make, { code, status, is: (e: unknown): e is AppError => typeof e === 'object' && e !== null && made.has(e) });
}

/** A form end users cannot reach: no such form in the app, or not in its published version. */
export const FORM_NOT_PUBLISHED = defineError<{ formId: string }>('NOT_FOUND', 404, ({ formId }) => ({
  'zh-CN': `表单 ${formId} 不存在或尚未发布`,
  'en-US': `Form ${formId} does not exist or is not published`,
}));

/** A comment names people who cannot see its record (or who do not exist): nothing is written; details name each. */
export const MENTION_NOT_ALLOWED = defineError<{ names: string[] }>('MENTION_NOT_ALLOWED', 400, ({ names }) => ({
  'zh-CN': `${names.join('、')} 无权查看这条记录，不能被提及`,
  'en-US': `${names.join(', ')} cannot see this record, so ${names.length === 1 ? 'cannot' : 'none of them can'} be mentioned`,
}));

/** An external account (the supplier portal) asks who may be mentioned: it may not look up people. */
export const MENTION_NO_DIRECTORY = defineError('FORBIDDEN', 403, () => ({
  'zh-CN': '外部账号不能查看通讯录',
  'en-US': 'External accounts cannot look up the directory',
}));

/** A notification that is not the caller's, or does not exist (the two read alike). */
export const NOTIFICATION_NOT_FOUND = defineError<{ id: string }>('NOT_FOUND', 404, ({ id }) => ({
  'zh-CN': `通知 ${id} 不存在`,
  'en-US': `Notification ${id} does not exist`,
}));

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function errorBody(code: string, message: string, details: unknown = []): ErrorBody {
  return { error: { code, message, details } };
}

/** JSON schema of the error body, for route `response` declarations and OpenAPI. */
export const errorBodySchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
} as const;

/** Route `response` entries pointing at the shared error body, e.g. `...errorResponses(400, 404)`. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'ErrorBody#' }]));
}
