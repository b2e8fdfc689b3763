import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, linkReachOf } from './links';

describe('which links a phone cannot open', () => {
  it.each([
    'http://127.0.0.1:8787',
    'http://127.45.3.2',
    'http://localhost:8787',
    'http://LOCALHOST.:8787',
    'http://tisch.localhost',
    'http://[::1]:8787',
    'http://[0:0:0:0:0:0:0:1]',
    'http://[::ffff:127.0.0.1]',
    'http://0.0.0.0:8787',
    'http://[::]:8787',
    // Other spellings of 127.0.0.1 that the URL parser normalises.
    'http://2130706433',
    'http://0x7f.1',
    'http://127.1',
    'not a url',
    '',
  ])('%s is loopback', (origin) => {
    expect(linkReachOf(origin)).toBe('loopback');
  });

  it.each([
    'http://192.168.1.20:8787',
    'http://10.0.0.5',
    'https://tisch.example.org',
    'http://tisch.test:8787',
    'http://localhost.example.org',
    'http://128.0.0.1',
    'http://[fd00::1]:8787',
    'http://[::ffff:192.168.1.20]',
  ])('%s may be reachable', (origin) => {
    expect(linkReachOf(origin)).toBe('network');
  });

  it('reads hostnames as URL writes them', () => {
    expect(isLoopbackHostname('127.0.0.1')).toBe(true);
    expect(isLoopbackHostname('my-localhost')).toBe(false);
    expect(isLoopbackHostname('localhost.evil.org')).toBe(false);
  });
});
