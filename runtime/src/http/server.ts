// The HTTP server core: a fastify instance with pino logs, strict JSON-schema validation (no
// type coercion or silent stripping of bodies), the JSON body parser, one error shape, OpenAPI,
// /api/health and the SPA. Features are added on top as fastify plugins (identity, apps, …).
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type preValidationHookHandler } from 'fastify';
import type { LogLevel } from '../config';
import { errorBodySchema } from './errors';
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
}

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

/** A request without a body, on a route that declares one, is validated as `{}`. */
const emptyBodyAsObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {};
  done();
};

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  const options: FastifyServerOptions = {
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: opts.bodyLimit ?? MiB,
    trustProxy: opts.trustProxy ?? false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
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
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    done(null, payload);
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
