import { describe, expect, it } from 'vitest';
import { accepts } from './static';

describe('accepts (Accept-Encoding)', () => {
  it('allows an encoding that is named or covered by *, unless its q is 0', () => {
    expect(accepts('gzip, deflate, br, zstd', 'br')).toBe(true);
    expect(accepts('GZIP;q=0.5', 'gzip')).toBe(true);
    expect(accepts('br;q=0, gzip', 'br')).toBe(false);
    expect(accepts('*', 'br')).toBe(true);
    expect(accepts('br;q=0, *', 'br')).toBe(false);
    expect(accepts('*;q=0', 'gzip')).toBe(false);
    expect(accepts('identity', 'gzip')).toBe(false);
    expect(accepts('', 'gzip')).toBe(false);
    expect(accepts(undefined, 'br')).toBe(false);
  });
});
