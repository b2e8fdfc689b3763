import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { parseInput, readJson } from './body';
import { sendJson } from './respond';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route: anyone; a participant of the board in the path (bearer token; 401 without, 403 for
 * another board's); or only that board's facilitator (403 for everyone else). Handlers check it; the spec says it
 * for the API document, and tests hold the two together.
 */
export type RouteAuth = 'none' | 'participant' | 'facilitator';

/** Error statuses a route answers with `{error: {code, message}}` beyond the ones its spec implies. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 429;

/**
 * What a route takes and answers, declared once at registration: the handler's `body()` and `query()` parse with
 * these schemas, and the OpenAPI document (openapi.ts) is generated from them.
 */
export interface RouteSpec<Body extends z.ZodType, Query extends z.ZodObject, Response extends z.ZodType> {
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly body?: Body;
  readonly query?: Query;
  /** The success status (200 unless given); 204 sends no body, its response schema is `z.undefined()`. */
  readonly status?: 200 | 201 | 204;
  readonly response: Response;
  /** With `?format=md` the route answers the same content as a Markdown document. */
  readonly markdown?: true;
  /** The route answers an iCalendar file (text/calendar) instead of JSON; its response schema is `z.string()`. */
  readonly calendar?: true;
  readonly errors?: readonly ErrorStatus[];
}

/** A route's method, path and spec, as `route()` declares it and the API document reads it. */
export interface RouteInfo<
  Body extends z.ZodType = z.ZodType,
  Query extends z.ZodObject = z.ZodObject,
  Response extends z.ZodType = z.ZodType,
> {
  readonly method: Method;
  readonly path: string;
  readonly spec: RouteSpec<Body, Query, Response>;
}

/**
 * Declares a route, usually as a constant at the top of its module, so the handler's registration stays one line:
 * `router.add(OPEN_ROUND, async ({ body, send }) => …)`.
 */
export function route<
  Response extends z.ZodType,
  Body extends z.ZodType = z.ZodNever,
  Query extends z.ZodObject = z.ZodObject<Record<never, never>>,
>(method: Method, path: string, spec: RouteSpec<Body, Query, Response>): RouteInfo<Body, Query, Response> {
  return { method, path, spec };
}

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
}

export interface RouteContext<Body, Query, Response> extends RequestContext {
  /** The JSON body, checked against the spec's body schema: 413 past the size limit, 400 invalid. */
  body(): Promise<Body>;
  /** The query parameters the spec's query schema names, checked against it: 400 invalid. */
  query(): Query;
  /** Answers with the spec's success status and this body, of the type its response schema declares. */
  send(response: Response): void;
}

export type Handler<Body, Query, Response> = (
  ctx: RouteContext<Body, Query, Response>,
) => Promise<void> | void;

interface Route extends RouteInfo {
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handle: (ctx: RequestContext) => Promise<void> | void;
}

/** Method + path patterns like `/api/boards/:boardId`; a parameter matches one non-empty path segment. */
export class Router {
  private readonly table: Route[] = [];

  constructor(private readonly maxBodyBytes: number) {}

  add<Body extends z.ZodType, Query extends z.ZodObject, Response extends z.ZodType>(
    { method, path, spec }: RouteInfo<Body, Query, Response>,
    handler: Handler<z.output<Body>, z.output<Query>, z.output<Response>>,
  ): this {
    const status = spec.status ?? 200;
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return escapeRegExp(segment);
        // A parameter may end in a literal suffix (`:meetingId.ics`): the suffix is matched, not captured.
        const [, name = '', suffix = ''] = /^:([A-Za-z]+)(.*)$/.exec(segment) ?? [];
        names.push(name);
        return suffix ? `([^/]+?)${escapeRegExp(suffix)}` : '([^/]+)';
      })
      .join('/');
    const handle = (ctx: RequestContext) =>
      handler({
        ...ctx,
        body: async () => {
          if (!spec.body) throw new Error(`${method} ${path} declares no body`);
          return parseInput(spec.body, await readJson(ctx.req, this.maxBodyBytes));
        },
        query: () => {
          if (!spec.query) throw new Error(`${method} ${path} declares no query`);
          return parseInput(spec.query, queryOf(ctx.url, Object.keys(spec.query.shape)));
        },
        send: (response) => {
          if (status !== 204) {
            sendJson(ctx.res, status, response);
            return;
          }
          ctx.res.writeHead(204, { 'Cache-Control': 'no-store' });
          ctx.res.end();
        },
      });
    this.table.push({ method, path, spec, pattern: new RegExp(`^${source}$`), names, handle });
    return this;
  }

  /** Every route in registration order, for the API document. */
  routes(): readonly RouteInfo[] {
    return this.table.map(({ method, path, spec }) => ({ method, path, spec }));
  }

  match(
    method: string,
    pathname: string,
  ): {
    handler: (ctx: RequestContext) => Promise<void> | void;
    params: Record<string, string>;
    /** The route's declared path (`/api/boards/:boardId/…`), for checks that apply to kinds of routes. */
    path: string;
  } | null {
    for (const route of this.table) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { handler: route.handle, params, path: route.path };
    }
    return null;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The named query parameters as an object (absent ones left out), for the spec's zod schema. */
function queryOf(url: URL, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = url.searchParams.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
}
