import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TestCert {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate's PEM, to trust it as its own CA in Node clients. */
  readonly pem: Buffer;
}

/** Why TLS tests cannot run here, or null: node:crypto cannot make X.509 certificates, openssl can. */
export function missingOpenssl(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'openssl is not installed: it makes the self-signed certificate for the TLS tests';
  }
}

/** A throw-away self-signed certificate for localhost and 127.0.0.1, valid for two days. */
export async function makeTestCert(): Promise<TestCert> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'common-ground-cert-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { dir, certFile, keyFile, pem: await fs.readFile(certFile) };
}
