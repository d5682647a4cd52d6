// The HTTP server core: a fastify instance with pino logs, strict JSON-schema validation (no
// type coercion or silent stripping of bodies), the JSON body parser, one error shape, security
// headers, time limits on slow clients, OpenAPI, /api/health and the SPA. Features are added on
// top as fastify plugins (identity, apps, …).
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import helmet from '@fastify/helmet';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyHttpOptions, type FastifyInstance, type preValidationHookHandler } from 'fastify';
import type { LogLevel } from '../config';
import { errorBody, errorBodySchema, type ErrorCode } from './errors';
import { installErrorHandler } from './error-handler';
import { installJsonBodyParser } from './json-body';
import { installOpenApi } from './openapi';
import { installSpaAndNotFound } from './spa';
import { BODY_SCHEMA_OPTIONS } from './shape-check';

export interface BuildServerOptions {
  /** Which store adapter is behind the server (reported by /api/health). */
  storeKind: 'embedded' | 'mongo';
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** pino level; 'silent' for tests (default 'info'). */
  logLevel?: LogLevel;
  /** Trust X-Forwarded-* (behind a proxy): request.protocol/host/ip come from those headers. */
  trustProxy?: boolean;
  /** Folder of the built SPA (designer/dist); served at / when it holds an index.html. */
  spaDir?: string;
  /** API version shown in OpenAPI. */
  version?: string;
  /** Limits on slow and idle clients; each one left out keeps its DEFAULT_TIMEOUTS value. */
  timeouts?: Partial<ServerTimeouts>;
}

/** How long a client may take, in milliseconds, so slow or silent ones cannot hold connections open. */
export interface ServerTimeouts {
  /** The request line and headers must have arrived by then (a slowloris client sends them a byte at a time). */
  headers: number;
  /** The whole request, body included, must have arrived by then (50 MiB imports on a slow link). */
  request: number;
  /** A kept-alive connection with no new request is closed after this. */
  keepAlive: number;
  /** A connection with no traffic either way (a client that stopped reading, a handler that hangs) is closed after this. */
  idle: number;
  /** Requests served on one kept-alive connection before it is closed (spreads clients over a load balancer's nodes). */
  maxRequestsPerSocket: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headers: 30_000,
  request: 300_000,
  keepAlive: 72_000,
  idle: 120_000,
  maxRequestsPerSocket: 1000,
};

/**
 * The Content-Security-Policy of every answer: scripts and styles from this server only, no
 * inline scripts. antd writes its styles as inline <style> elements and style attributes, hence
 * 'unsafe-inline' for styles; the form engine compiles each form's record validator (ajv) into
 * a function in the browser, hence 'unsafe-eval'. QR codes and image previews are data: and
 * blob: URLs. No upgrade-insecure-requests: Tessera is also served over plain HTTP on a LAN.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/** Strict-Transport-Security, sent only on answers that went out over HTTPS (see trustProxy). */
export const HSTS = 'max-age=31536000; includeSubDomains';

const MiB = 1024 * 1024;

// Bodies are validated without coercion and without removing unknown properties, so a mistyped
// or unknown field is refused instead of being silently "fixed"; URL parts (query, params,
// headers) are strings on the wire and keep fastify's coercion.
function validatorFactory() {
  const pool = AjvCompiler();
  const common = { ...BODY_SCHEMA_OPTIONS, allErrors: false };
  return (externalSchemas: Record<string, unknown>, serverOpts?: { plugins?: [] }) => {
    const strict = pool(externalSchemas as never, { ...serverOpts, customOptions: common });
    const coercing = pool(externalSchemas as never, { ...serverOpts, customOptions: { ...common, coerceTypes: 'array' } });
    return (route: { schema: unknown; httpPart?: string }) =>
      (route.httpPart === 'body' ? strict : coercing)(route as never);
  };
}

/**
 * A response schema that explicitly admits any object (`{ type: 'object', additionalProperties:
 * true }` and nothing else) says nothing fast-json-stringify could use: it would walk every key
 * and stringify each value on its own, about 1.6× the cost of JSON.stringify for a record. A
 * bare `{ type: 'object' }` keeps fast-json-stringify, which sends `{}` for it: nothing leaks.
 */
function isFreeFormObject(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Record<string, unknown>;
  const known = new Set(['type', 'additionalProperties', 'description', 'title']);
  return s.type === 'object' && s.additionalProperties === true && Object.keys(s).every((k) => known.has(k));
}

function serializerFactory() {
  const selector = SerializerSelector();
  return (externalSchemas: unknown, serializerOpts: unknown) => {
    const compile = selector(externalSchemas as never, serializerOpts as never);
    // Objects only: a free-form route that answers null or a string keeps fast-json-stringify's output.
    return (route: { schema: unknown }) => {
      if (!isFreeFormObject(route.schema)) return compile(route as never);
      const fjs = compile(route as never) as (payload: unknown) => string;
      return (payload: unknown) => (payload !== null && typeof payload === 'object' ? JSON.stringify(payload) : fjs(payload));
    };
  };
}

/**
 * What a client whose request never became one (too slow, headers too large, not HTTP) gets,
 * in the one error shape, before the connection is closed. Its headers are not read, so there is
 * no Accept-Language: the message is in the server's default language, as in mapError.
 */
const CLIENT_ERRORS: Record<string, [number, ErrorCode, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求未在限定时间内发送完毕'],
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头过大'],
};

function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'BAD_REQUEST', '请求格式不正确'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy();
}

/** A request without a body, on a route that declares one, is validated as `{}`. */
const emptyBodyAsObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {};
  done();
};

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  // Node checks for overdue headers and requests on a timer (30 s by default): often enough that
  // a short limit holds to within a quarter of itself, never more often than every 50 ms.
  const checkEvery = Math.max(50, Math.min(1000, Math.floor(Math.min(t.headers, t.request) / 4)));
  const options: FastifyHttpOptions<Server> = {
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: opts.bodyLimit ?? MiB,
    trustProxy: opts.trustProxy ?? false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    forceCloseConnections: 'idle',
    connectionTimeout: t.idle,
    keepAliveTimeout: t.keepAlive,
    requestTimeout: t.request,
    maxRequestsPerSocket: t.maxRequestsPerSocket,
    // Node wants the headers limit within the whole request's.
    http: { headersTimeout: Math.min(t.headers, t.request), connectionsCheckingInterval: checkEvery },
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildValidator: validatorFactory() as never, buildSerializer: serializerFactory() as never } },
  };
  const app = Fastify(options);

  app.decorateRequest('principal', null);
  app.addSchema(errorBodySchema);
  installJsonBodyParser(app);
  installErrorHandler(app);
  // A request without a body, on a route that declares one, is validated as `{}`: optional
  // bodies (logout) need no body at all, and required properties are reported by name. Only
  // routes with a body schema get the hook; hooks here take callbacks, which cost less than
  // async functions on every request.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body === undefined) return;
    const own = route.preValidation;
    route.preValidation = own === undefined ? [emptyBodyAsObject] : [emptyBodyAsObject, ...(Array.isArray(own) ? own : [own])];
  });
  // Security headers on every answer, errors and the SPA included: helmet's set (nosniff,
  // X-Frame-Options SAMEORIGIN, Cross-Origin-Opener/Resource-Policy same-origin …) with the
  // policy above and the Referrer-Policy Tessera has always sent.
  app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'sameorigin' },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  // HSTS only when the browser reached us over HTTPS: on plain HTTP it is ignored at best, and
  // it must never pin a name to HTTPS that is not served over it.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });

  installOpenApi(app, opts.version ?? '0.1.0');
  app.register(async (scope) => {
    scope.get(
      '/api/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: the server answers and which store it runs on',
          security: [],
          response: {
            200: {
              type: 'object',
              required: ['status', 'store'],
              properties: { status: { type: 'string', enum: ['ok'] }, store: { type: 'string', enum: ['embedded', 'mongo'] } },
            },
          },
        },
      },
      async () => ({ status: 'ok' as const, store: opts.storeKind }),
    );
  });
  installSpaAndNotFound(app, opts.spaDir);
  return app;
}
