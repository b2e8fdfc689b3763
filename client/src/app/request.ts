import { type Check, checkErrorResponse } from '@common-ground/shared/api';
import { ApiError } from './apiError';

export type RequestInit = {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
};

/** The response, or an ApiError for a network failure or an error status (with the server's error code). */
export async function send(path: string, init: RequestInit): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError({ kind: 'network' });
  }
  if (!response.ok) {
    const parsed = checkErrorResponse.safeParse(await response.json().catch(() => null));
    throw new ApiError({
      kind: 'http',
      status: response.status,
      code: parsed.success ? parsed.data.error.code : null,
    });
  }
  return response;
}

/** The response body as `check` reads it: a zod schema, or one of shared's hand-written checks (no zod). */
export async function request<T>(check: Check<T>, path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init);
  const json: unknown = await response.json().catch(() => null);
  const parsed = check.safeParse(json);
  // A response we cannot read is a server fault, not the person's: report it like a 500.
  if (!parsed.success) throw new ApiError({ kind: 'http', status: 500, code: 'internal' });
  return parsed.data;
}
