import { Refusal } from '../refusal';
import { HttpError } from './respond';

/** Runs a service call, turning its refusals into HTTP errors with the same status and code. */
export async function refusalsAsHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Refusal) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}
