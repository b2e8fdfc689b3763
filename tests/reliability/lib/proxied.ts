import type { ClientRequestArgs } from 'node:http';
import WebSocket from 'ws';

/**
 * A `ws` WebSocket class whose connections come "through a proxy" for `ip` (X-Forwarded-For), for providers
 * (y-websocket takes the class as its polyfill); lets one loopback test act as many client addresses.
 */
export function websocketFrom(ip: string): typeof globalThis.WebSocket {
  class FromAddress extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      const options: ClientRequestArgs = { headers: { 'x-forwarded-for': ip } };
      super(url, protocols, options);
    }
  }
  // y-websocket types its polyfill as the DOM WebSocket; `ws` implements the part the provider uses.
  return FromAddress as unknown as typeof globalThis.WebSocket;
}

/** The n-th address of 10.0.0.0/8. */
export const addressNo = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
