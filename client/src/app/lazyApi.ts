import { ApiError } from './apiError';

type ApiModule = typeof import('./api');

/**
 * Calls the API client (api.ts), loading it on the first call: it checks every response with the shared zod
 * schemas, which the landing and join pages need only once they make a request, not to draw their first screen.
 */
export async function withApi<T>(call: (client: ApiModule) => Promise<T>): Promise<T> {
  let client: ApiModule;
  try {
    client = await import('./api');
  } catch {
    // The chunk did not arrive: to the person that is the network failing, as it would for the request itself.
    throw new ApiError({ kind: 'network' });
  }
  return call(client);
}
