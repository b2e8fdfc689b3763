import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { TlsFiles } from './config';

export type Listener = http.Server | https.Server;

const readPem = (variable: string, file: string): Buffer => {
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid configuration: ${variable} cannot be read (${file}): ${reason}`);
  }
};

/**
 * Plain HTTP, or HTTPS when TLS_CERT and TLS_KEY name a certificate: phones only treat the board as a secure context
 * (installable app, offline reload through the service worker) over HTTPS. The request handler is added by the caller.
 */
export function createListener(tls: TlsFiles | null): Listener {
  if (!tls) return http.createServer();
  const cert = readPem('TLS_CERT', tls.cert);
  const key = readPem('TLS_KEY', tls.key);
  try {
    return https.createServer({ cert, key });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Invalid configuration: TLS_CERT and TLS_KEY must be a PEM certificate and its private key (${reason})`,
    );
  }
}
