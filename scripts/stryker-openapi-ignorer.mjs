// A StrykerJS ignorer (`openapi-docs` in stryker.config.mjs): leaves unmutated the words a route
// declares for the API's documentation: `summary`, `description` and `tags` given as text, in a
// route's `schema` or in a file of shared schemas (`schemas.ts`). Fastify and ajv do nothing with
// them but write them into the OpenAPI document (/api/openapi.json, whose test checks that every
// route has a summary and tags), so a mutant there changes no other answer; and a route's
// declaration runs when a test builds the app, so StrykerJS counted such a mutant as covered by
// whichever test happened to build it and reported it surviving. Everything else in a
// declaration (the path, the body and query rules, the response schema, which shapes answers) is
// still mutated.
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const DOCUMENTATION = new Set(['summary', 'description', 'tags']);

function keyName(node) {
  if (node.computed) return undefined;
  if (node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'StringLiteral') return node.key.value;
  return undefined;
}

/** A text, or a list of texts: what documentation is (an object is a property's own schema). */
function isText(node) {
  if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') return true;
  return node.type === 'ArrayExpression' && node.elements.every((e) => e && (e.type === 'StringLiteral' || e.type === 'TemplateLiteral'));
}

export function isDocumentation(path) {
  if (!path.isObjectProperty() || !DOCUMENTATION.has(keyName(path.node)) || !isText(path.node.value)) return false;
  const file = path.hub?.file?.opts?.filename ?? '';
  if (/(^|[/\\])schemas\.ts$/.test(file)) return true;
  return path.findParent((p) => p.isObjectProperty() && keyName(p.node) === 'schema') !== null;
}

class OpenApiDocs {
  shouldIgnore(path) {
    return isDocumentation(path) ? 'OpenAPI documentation: fastify and ajv only write it into the API document' : undefined;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'openapi-docs', OpenApiDocs)];
