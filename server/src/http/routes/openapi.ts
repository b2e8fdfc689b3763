import { OpenApiDocumentSchema, openApiDocument } from '../openapi';
import { type Router, route } from '../router';

/** Changes when a route changes in a way existing clients notice. */
const API_VERSION = '1';

const OPENAPI = route('GET', '/api/openapi.json', {
  summary: 'This API as an OpenAPI 3.1 document',
  auth: 'none',
  response: OpenApiDocumentSchema,
});

/** The API's OpenAPI document, built from the router's routes on the first request (all are registered by then). */
export function registerOpenApiRoute(router: Router): void {
  let document: ReturnType<typeof openApiDocument> | null = null;
  router.add(OPENAPI, ({ send }) => {
    document ??= openApiDocument(router.routes(), API_VERSION);
    send(document);
  });
}
