import {
  InviteInfoResponse,
  MAX_PRIVACY_NOTE_CHARS,
  PrivacyInfoResponse,
  PrivacyNoteResponse,
} from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../server/src/log';
import type { PrivacyConfig } from '../../server/src/privacy/settings';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, useClockedServers } from '../helpers/server';

const OPERATOR: PrivacyConfig = {
  operatorName: 'Nachbarschaftshaus Südstadt e. V.',
  operatorContact: 'Hauptstraße 1, 12345 Stadt, datenschutz@nh-suedstadt.example',
  dpoContact: 'dsb@nh-suedstadt.example',
  imprintUrl: 'https://nh-suedstadt.example/impressum',
  accessibilityUrl: 'https://nh-suedstadt.example/barrierefreiheit',
  accessibilityContact: 'barrieren@nh-suedstadt.example',
  notices: { de: 'Unser eigener Datenschutzhinweis.' },
};

const HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">\n& „Anführung“ سلام';

describe('the privacy notice before joining (DSGVO Art. 13)', () => {
  const { start } = useClockedServers();

  const notePath = (board: SeededBoard) => `/api/boards/${board.boardId}/privacy-note`;

  async function setUp(privacy: PrivacyConfig = OPERATOR) {
    const server = await start({ config: { privacy } });
    const client = api(server.url);
    const board = await seedBoard(server.url);
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    return { server, client, board, invite };
  }

  it('serves the operator’s settings to anyone, and nulls (never invented values) when unset', async () => {
    const { client } = await setUp();
    const served = await client.request('GET', '/api/privacy');
    expect(served.status).toBe(200);
    expect(PrivacyInfoResponse.parse(served.body)).toEqual({ ...OPERATOR, retentionMonths: 36 });

    const bare = await start();
    const unset = await api(bare.url).request('GET', '/api/privacy');
    expect(unset.body).toEqual({
      operatorName: null,
      operatorContact: null,
      dpoContact: null,
      imprintUrl: null,
      accessibilityUrl: null,
      accessibilityContact: null,
      notices: {},
      retentionMonths: 36,
    });
  });

  it('warns at start while the controller is not named, and not once it is', async () => {
    const startWarnings = async (privacy: PrivacyConfig) => {
      const warnings: string[] = [];
      const log: Logger = {
        debug: () => {},
        info: () => {},
        warn: (msg) => warnings.push(msg),
        error: () => {},
      };
      const server = await startTestServer({ config: { privacy }, log });
      await server.close();
      return warnings.filter((msg) => msg.includes('privacy notice'));
    };
    const unnamed = await startWarnings({ ...OPERATOR, operatorName: null, operatorContact: null });
    expect(unnamed).toHaveLength(1);
    expect(unnamed[0]).toContain('OPERATOR_NAME and OPERATOR_CONTACT');
    expect(unnamed[0]).toContain('[Name des Trägers eintragen]');
    expect(await startWarnings(OPERATOR)).toEqual([]);
  });

  it('lets the facilitator write, change and remove the note; the join preview shows it under the invite', async () => {
    const { client, board, invite } = await setUp();
    const preview = async () =>
      InviteInfoResponse.parse((await client.request('GET', `/api/invites/${invite.code}`)).body).privacyNote;
    expect(await preview()).toBeNull();

    const text =
      'Gemeinsam verantwortlich: Stadt Südstadt und Nachbarschaftshaus.\r\nFragen an: quartier@example.org';
    const saved = await client.request('PUT', notePath(board), {
      token: board.facilitator.token,
      body: { text },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const note = PrivacyNoteResponse.parse(saved.body);
    expect(note).toMatchObject({
      text: 'Gemeinsam verantwortlich: Stadt Südstadt und Nachbarschaftshaus.\nFragen an: quartier@example.org',
      updatedBy: board.facilitator.participantId,
    });
    expect(await preview()).toBe(note.text);
    // Every participant reads it on the board (the board's "Datenschutz" dialog).
    for (const token of [board.partnerA.token, board.observer.token]) {
      const read = await client.request('GET', notePath(board), { token });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(note);
    }

    const removed = await client.request('PUT', notePath(board), {
      token: board.facilitator.token,
      body: { text: '   ' },
    });
    expect(removed.body).toEqual({ text: '', updatedBy: null, updatedAt: null });
    expect(await preview()).toBeNull();
  });

  it('keeps HTML and script as plain text: stored and served exactly as written', async () => {
    const { client, board, invite } = await setUp();
    const saved = await client.request('PUT', notePath(board), {
      token: board.facilitator.token,
      body: { text: HOSTILE },
    });
    expect(saved.status).toBe(200);
    const preview = await client.request('GET', `/api/invites/${invite.code}`);
    expect(InviteInfoResponse.parse(preview.body).privacyNote).toBe(HOSTILE);
    expect(preview.headers.get('content-type')).toContain('application/json');
  });

  it('refuses partners, observers, strangers and other boards’ facilitators, before reading the body', async () => {
    const { server, client, board } = await setUp();
    const other = await seedBoard(server.url);
    const body = { text: 'Übernommen' };
    const refusals: [string | undefined, number][] = [
      [undefined, 401],
      ['not-a-token', 401],
      [board.partnerA.token, 403],
      [board.observer.token, 403],
      [other.facilitator.token, 403],
      [other.partnerA.token, 403],
    ];
    for (const [token, status] of refusals) {
      const res = await client.request('PUT', notePath(board), { token, body });
      expect(res.status, `PUT with ${token ?? 'no token'}`).toBe(status);
      // A partner's invalid body is refused as 403 too: validation comes after the role.
      if (status === 403) {
        const junk = await client.request('PUT', notePath(board), { token, body: { text: 7, extra: 1 } });
        expect(junk.status).toBe(403);
      }
    }
    expect((await client.request('GET', notePath(board))).status).toBe(401);
    expect((await client.request('GET', notePath(board), { token: other.partnerA.token })).status).toBe(403);
    const note = await client.request('GET', notePath(board), { token: board.facilitator.token });
    expect(note.body).toEqual({ text: '', updatedBy: null, updatedAt: null });
    // A board id that does not exist is refused like another board's: the token is not for it.
    const unknown = await client.request('PUT', '/api/boards/AAAAAAAAAAAAAAAA/privacy-note', {
      token: board.facilitator.token,
      body,
    });
    expect(unknown.status).toBe(403);
  });

  it('refuses a note that is too long, not text, carries control characters or other fields', async () => {
    const { client, board } = await setUp();
    const token = board.facilitator.token;
    const exactly = 'ä'.repeat(MAX_PRIVACY_NOTE_CHARS);
    expect((await client.request('PUT', notePath(board), { token, body: { text: exactly } })).status).toBe(
      200,
    );
    const bodies: unknown[] = [
      { text: 'ä'.repeat(MAX_PRIVACY_NOTE_CHARS + 1) },
      { text: 'x'.repeat(1_000_000) },
      { text: 'Zeile\u0000versteckt' },
      { text: 'Klingel\u0007' },
      { text: 42 },
      { text: null },
      { text: ['a'] },
      {},
      { text: 'ok', updatedBy: board.partnerA.participantId },
      [],
    ];
    for (const body of bodies) {
      const res = await client.request('PUT', notePath(board), { token, body });
      expect([400, 413], JSON.stringify(body).slice(0, 60)).toContain(res.status);
    }
    const raw = await client.request('PUT', notePath(board), { token, rawBody: '{"text": "unterbrochen' });
    expect(raw.status).toBe(400);
    // The valid note from before is untouched by every refusal.
    const note = PrivacyNoteResponse.parse((await client.request('GET', notePath(board), { token })).body);
    expect(note.text).toBe(exactly);
  });

  it('says nothing about any board for an unknown, malformed or revoked invite code', async () => {
    const { client, board, invite } = await setUp();
    await client.request('PUT', notePath(board), {
      token: board.facilitator.token,
      body: { text: 'Nur für Eingeladene: Stadt Südstadt ist mitverantwortlich.' },
    });
    const codes = ['ZZZZZZZZZZ', 'abc', `${invite.code}X`, '../privacy', '%00'];
    for (const code of codes) {
      const res = await client.request('GET', `/api/invites/${encodeURIComponent(code)}`);
      expect(res.status, code).toBe(404);
      const text = JSON.stringify(res.body);
      for (const secret of ['Stadt Südstadt', board.boardId, 'Runder Tisch', 'privacyNote']) {
        expect(text, code).not.toContain(secret);
      }
    }
    const revoke = await client.request('POST', `/api/boards/${board.boardId}/invites/${invite.id}/revoke`, {
      token: board.facilitator.token,
    });
    expect(revoke.status).toBe(200);
    const revoked = await client.request('GET', `/api/invites/${invite.code}`);
    expect(revoked.status).toBe(410);
    expect(JSON.stringify(revoked.body)).not.toContain('Stadt Südstadt');
  });
});
