// Serves the built designer SPA (designer/dist) from the API process and answers every unknown
// URL: under /api with a JSON 404, elsewhere (GET/HEAD) with index.html so client-side routes
// survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';
import { requestLocale } from './locale';

/** Registers the static files (when `dir` holds an index.html) and the not-found handler. */
export function installSpaAndNotFound(app: FastifyInstance, dir: string | undefined): boolean {
  const hasSpa = dir !== undefined && existsSync(join(dir, 'index.html'));
  if (hasSpa) {
    // Loaded only when there is something to serve: an API-only node does not need it, and its
    // ESM-only dependency (content-disposition) cannot be loaded by jest's module system.
    app.register(fp(async (scope) => {
      const { default: fastifyStatic } = await import('@fastify/static');
      await scope.register(fastifyStatic, {
        root: dir,
        wildcard: true,
        index: ['index.html'],
        // Vite fingerprints everything under /assets; index.html must always be revalidated.
        setHeaders: (reply, path) => {
          reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }));
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const isApi = path === '/api' || path.startsWith('/api/');
    if (hasSpa && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', requestLocale(request) === 'en-US' ? `No route ${request.method} ${path}` : `接口不存在：${request.method} ${path}`));
  });
  return hasSpa;
}
