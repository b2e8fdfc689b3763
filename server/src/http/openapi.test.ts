import { describe, expect, it } from 'vitest';
import { createApiRouter } from './api';
import type { AppDeps } from './deps';
import { OpenApiDocumentSchema, openApiDocument, openApiPath } from './openapi';

/**
 * Registering routes only wires closures over the services; no handler runs here. A stub that answers every
 * property read and every call with itself stands in for all of them.
 */
function stubDeps(): AppDeps {
  const stub: object = new Proxy(() => stub, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => 1 : stub),
  });
  return stub as AppDeps;
}

const router = createApiRouter(stubDeps());
const routes = router.routes();
const document = openApiDocument(routes, 'test');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('the OpenAPI document', () => {
  it('is JSON with the shape of an OpenAPI 3.1 document', () => {
    const json = JSON.parse(JSON.stringify(document)) as unknown;
    expect(json).toEqual(document);
    expect(OpenApiDocumentSchema.safeParse(json).success).toBe(true);
    expect(document.components).toMatchObject({
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: { type: 'object' } },
    });
  });

  it('has every route the router registers, and nothing else', () => {
    const registered = routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(new Set(registered).size).toBe(registered.length);
    expect(documented).toEqual(registered);
    expect(registered).toContain('get /api/openapi.json');
    expect(registered.length).toBeGreaterThan(40);
  });

  it('describes each operation: parameters, body, success and error responses, auth', () => {
    for (const route of routes) {
      const op = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!op) throw new Error(`${route.method} ${route.path} is missing`);
      expect(METHODS).toContain(route.method.toLowerCase());
      const names = ((op.parameters ?? []) as { name: string; in: string }[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect(names).toEqual([...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => name));
      expect(op.requestBody !== undefined).toBe(route.spec.body !== undefined);
      const statuses = Object.keys(op.responses);
      expect(statuses).toContain(String(route.spec.status ?? 200));
      expect(statuses).toEqual(expect.arrayContaining(['429', '500']));
      if (route.spec.body) expect(statuses).toEqual(expect.arrayContaining(['400', '413']));
      expect(op.security).toEqual(route.spec.auth === 'none' ? [] : [{ bearer: [] }]);
      if (route.spec.auth !== 'none') expect(statuses).toEqual(expect.arrayContaining(['401', '403', '404']));
    }
  });

  it('holds its schemas inline, so every $ref resolves inside the document', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]*)"/g)].map(([, ref]) => ref);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(ref).toBe('#/components/schemas/Error');
  });

  it('documents a body as the request sends it: defaults optional, the request’s own fields', () => {
    const createBoard = document.paths['/api/boards']?.post;
    expect(createBoard?.requestBody).toMatchObject({
      required: true,
      content: {
        'application/json': { schema: { type: 'object', properties: { title: { type: 'string' } } } },
      },
    });
    const activity = document.paths['/api/boards/{boardId}/activity']?.get;
    const parameters = (activity?.parameters ?? []) as { name: string; in: string }[];
    const query = parameters.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual(['limit', 'since']);
  });
});
