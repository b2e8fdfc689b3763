import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { bearerToken } from './bearer';

/** Bounds the memory a spray of addresses or made-up tokens can take. */
const MAX_KEYS = 50_000;

const MINUTE_MS = 60_000;

/**
 * Token buckets per key: each key may spend `perWindow` requests at once and earns them back evenly over the
 * window (a minute unless given). `perWindow` 0 switches the limit off. Memory is bounded: past MAX_KEYS the least
 * recently used key is dropped (a forgotten key starts full, which only ever errs towards admitting).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly now: () => number,
    private readonly windowMs = MINUTE_MS,
  ) {}

  /** Spends one token for `key`; returns 0 if allowed, else the seconds until a token is available. */
  take(key: string): number {
    if (this.perWindow <= 0) return 0;
    const now = this.now();
    const perMs = this.perWindow / this.windowMs;
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.perWindow, bucket.tokens + (now - bucket.at) * perMs)
      : this.perWindow;
    // Re-inserting keeps the map in least-recently-used order for the eviction below.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > MAX_KEYS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return 0;
  }
}

const normalise = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The client's address. `X-Forwarded-For` is spoofable by anyone, so it counts only when the direct peer is one
 * of `trustedProxies`; then the nearest untrusted address in the header is the client (a chain of trusted proxies
 * each appends the address it saw).
 */
export function clientIp(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalise(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop !== undefined && !trustedProxies.has(hop)) return hop;
  }
  return peer;
}

export interface RateLimitConfig {
  /** API requests per minute per client address; 0 = off. */
  readonly apiPerIp: number;
  /** API requests per minute per bearer token; 0 = off. */
  readonly apiPerToken: number;
  /** Websocket connection attempts per minute per client address; 0 = off. */
  readonly wsPerIp: number;
  /** Websocket connection attempts per minute per token; 0 = off. */
  readonly wsPerToken: number;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
  readonly trustedProxies: readonly string[];
}

/** The server's limits on API requests and websocket connection attempts; each check returns Retry-After seconds or 0. */
export class RateLimiter {
  private readonly apiIp: TokenBuckets;
  private readonly apiToken: TokenBuckets;
  private readonly wsIp: TokenBuckets;
  private readonly wsToken: TokenBuckets;
  private readonly trusted: ReadonlySet<string>;

  constructor(config: RateLimitConfig, now: () => number) {
    this.apiIp = new TokenBuckets(config.apiPerIp, now);
    this.apiToken = new TokenBuckets(config.apiPerToken, now);
    this.wsIp = new TokenBuckets(config.wsPerIp, now);
    this.wsToken = new TokenBuckets(config.wsPerToken, now);
    this.trusted = new Set(config.trustedProxies.map(normalise));
  }

  /** Every API request counts against its address; with a bearer token also against the token. */
  api(req: IncomingMessage): number {
    const token = bearerToken(req);
    return this.apiIp.take(clientIp(req, this.trusted)) || (token ? this.apiToken.take(token) : 0);
  }

  /** Every upgrade attempt counts, refused or not, so that token guessing over websockets is bounded too. */
  upgrade(req: IncomingMessage, token: string | null): number {
    return this.wsIp.take(this.clientAddress(req)) || (token ? this.wsToken.take(token) : 0);
  }

  /** The address these limits count a request against (see clientIp); the websocket caps count by it too. */
  clientAddress(req: IncomingMessage): string {
    return clientIp(req, this.trusted);
  }
}
