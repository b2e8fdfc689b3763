import { ErrorResponse } from '@common-ground/shared/api';
import { z } from 'zod';
import type { RouteInfo } from './router';

type Json = { readonly [key: string]: unknown };
type Operation = Json & { readonly responses: Record<string, unknown> };

/** The document's shape as far as clients and tests rely on it. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(
    z.string(),
    z.record(z.string(), z.looseObject({ responses: z.record(z.string(), z.unknown()) })),
  ),
  components: z.looseObject({}),
});

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (invalid_input) or a body that is not JSON (invalid_json)',
  401: 'No bearer token, or an unknown one (unauthorized)',
  403: 'Not allowed for this participant or role (forbidden; create_key_invalid for board creation)',
  404: 'No such board or item (not_found)',
  409: 'The request conflicts with the current state (conflict, last_facilitator)',
  410: 'The invite or link can no longer be used (invite_revoked, invite_expired, link_used, link_expired)',
  413: 'The body is larger than the server accepts (too_large)',
  429: 'Rate limited (rate_limited); Retry-After says when to try again',
  500: 'Internal error (internal)',
  503: 'Storage is unavailable; nothing was saved (internal); Retry-After says when to try again',
};

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, as a request carries it or a response sends it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  // Shared subschemas are inlined, so no `$ref` points into a `$defs` that the embedding document lacks.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    reused: 'inline',
    unrepresentable: 'any',
  });
  return rest;
}

/** The error statuses a route answers with: from its auth, body and query, its own list, and every request's. */
function errorStatuses({ spec }: RouteInfo): number[] {
  const statuses = new Set<number>(spec.errors ?? []);
  if (spec.auth !== 'none') for (const status of [401, 403, 404]) statuses.add(status);
  if (spec.body) for (const status of [400, 413]) statuses.add(status);
  if (spec.query) statuses.add(400);
  for (const status of [429, 500, 503]) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

function parameters(route: RouteInfo): Json[] {
  const inPath = [...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.spec.query;
  if (!query) return inPath;
  const object = jsonSchema(query, 'input');
  const required = new Set(Array.isArray(object.required) ? object.required : []);
  const properties = (object.properties ?? {}) as Json;
  const inQuery = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
  return [...inPath, ...inQuery];
}

function operation(route: RouteInfo): Operation {
  const { spec } = route;
  const status = spec.status ?? 200;
  const content: Record<string, Json> = {};
  if (spec.calendar) content['text/calendar'] = { schema: { type: 'string' } };
  else if (status !== 204) content['application/json'] = { schema: jsonSchema(spec.response, 'output') };
  if (spec.markdown) content['text/markdown'] = { schema: { type: 'string' } };
  const success = status === 204 ? { description: 'Done; no body' } : { description: 'Success', content };
  const errors = Object.fromEntries(
    errorStatuses(route).map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
  return {
    summary: spec.summary,
    ...(spec.auth === 'facilitator' ? { description: 'Only the facilitator of the board.' } : {}),
    'x-required-role': spec.auth,
    security: spec.auth === 'none' ? [] : [{ bearer: [] }],
    parameters: parameters(route),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(status)]: success,
      ...errors,
    },
  };
}

/** `/api/boards/:boardId` → `/api/boards/{boardId}` */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The OpenAPI 3.1 document of the HTTP API, generated from the routes' specs (nothing in it is written twice). */
export function openApiDocument(
  routes: readonly RouteInfo[],
  version: string,
): z.infer<typeof OpenApiDocumentSchema> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Common Ground API',
      version,
      description:
        'The HTTP API of a Common Ground server. Behaviour that schemas cannot say (authentication, rate limits, ' +
        'the websocket protocol) is described in docs/api.md.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(ErrorResponse, 'output') },
    },
  };
}
