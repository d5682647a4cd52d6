// OpenAPI document of the whole API, generated from the route schemas by @fastify/swagger and
// served at GET /api/openapi.json. Registered before any route so every route is collected.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

export function installOpenApi(app: FastifyInstance, version: string): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tessera API',
        version,
        description: 'The public JSON API used by the Tessera designer and by integrations.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key `tsk_…`' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    // Name shared schemas after their $id (ErrorBody, User, …) instead of def-0, def-1.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  app.register(async (scope) => {
    scope.get(
      '/api/openapi.json',
      {
        schema: {
          tags: ['system'],
          summary: 'OpenAPI 3 description of this API',
          security: [],
          response: { 200: { type: 'object', additionalProperties: true } },
        },
      },
      async () => app.swagger(),
    );
  });
}
