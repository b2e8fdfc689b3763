import { describe, expect, it } from 'vitest';
import { OpenApiDocumentSchema } from '../../server/src/http/openapi';
import { api, seedBoard } from '../helpers/clients';
import { useTestServer } from '../helpers/server';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly role: string;
  readonly hasBody: boolean;
}

/** A request path for a documented path: the seeded board, and well-formed ids that name nothing. */
const concrete = (path: string, boardId: string) =>
  path.replace('{boardId}', boardId).replace(/\{[A-Za-z]+\}/g, 'abcdefghij');

describe('GET /api/openapi.json', () => {
  const fixture = useTestServer();

  it('serves the document without a token, and each route’s declared auth is what the route enforces', async () => {
    const client = api(fixture.server.url);
    const served = await client.request('GET', '/api/openapi.json');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/json');
    const document = OpenApiDocumentSchema.parse(served.body);

    const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        role: String(op['x-required-role']),
        hasBody: op.requestBody !== undefined,
      })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const seeded = await seedBoard(fixture.server.url);

    for (const { method, path, role, hasBody } of operations) {
      const target = concrete(path, seeded.boardId);
      const body = hasBody ? {} : undefined;
      const anonymous = await client.request(method, target, { body });
      const label = `${method} ${path}`;
      if (role === 'none') expect(anonymous.status, label).not.toBe(401);
      else expect(anonymous.status, label).toBe(401);
      if (role === 'facilitator') {
        // A partner is refused before the route reads its body or looks anything up.
        const partner = await client.request(method, target, { body, token: seeded.partnerA.token });
        expect(partner.status, label).toBe(403);
      }
    }
  });
});
