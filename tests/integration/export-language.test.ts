import { describe, expect, it } from 'vitest';
import { addGoal, roundOf, useSeededBoard } from '../helpers/roundsApi';

/** GET of a Markdown export with the bearer token and any further headers, answered as text. */
async function markdown(baseUrl: string, path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('Markdown exports in the requester’s language', () => {
  const seeded = useSeededBoard();

  /** A goal agreed in one round by both partners, so the agreement and the report have content. */
  async function agreeOnGoal(): Promise<void> {
    const { server, board, rounds, pool } = seeded;
    const client = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, client, 'Spielplatz sanieren', 'Neue Geräte');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });
    await rounds.stance(board.boardId, round.id, board.partnerB.token, {
      stance: 'concerns',
      reason: 'Budget',
    });
    roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
  }

  it('writes the agreement in Turkish for ?lang=tr, the original wording unchanged', async () => {
    await agreeOnGoal();
    const { server, board } = seeded;
    const md = await markdown(
      server.url,
      `/api/boards/${board.boardId}/export?format=md&lang=tr`,
      board.partnerA.token,
      // The query names the language; the browser's languages only decide when it does not.
      { 'accept-language': 'uk' },
    );
    expect(md.status).toBe(200);
    expect(md.headers.get('content-language')).toBe('tr-TR');
    expect(md.headers.get('content-disposition')).toBe('inline; filename="kooperationsvereinbarung-tr.md"');
    expect(md.text).toMatch(/^# İş birliği anlaşması: Runder Tisch Südstadt\n/);
    expect(md.text).toContain('## Uzlaşılan hedefler');
    expect(md.text).toContain('### 1. Spielplatz sanieren\n\nNeue Geräte\n');
    expect(md.text).toContain('- Wohnbau GmbH: Çekince – “Budget”');
    expect(md.text).toContain('- Mieterverein Südstadt: Onay');
  });

  it('follows Accept-Language without ?lang=: the process report in Ukrainian', async () => {
    await agreeOnGoal();
    const { server, board } = seeded;
    const md = await markdown(
      server.url,
      `/api/boards/${board.boardId}/process-report?format=md`,
      board.facilitator.token,
      { 'accept-language': 'uk-UA,uk;q=0.9,de;q=0.8' },
    );
    expect(md.status).toBe(200);
    expect(md.headers.get('content-language')).toBe('uk-UA');
    expect(md.headers.get('vary')).toContain('Accept-Language');
    expect(md.headers.get('content-disposition')).toBe('inline; filename="prozessbericht-uk.md"');
    expect(md.text).toMatch(/^# Звіт про процес: Runder Tisch Südstadt\n/);
    expect(md.text).toContain('## Раунди консенсусу');
    expect(md.text).toContain('- Spielplatz sanieren, раунд 1, ');
    expect(md.text).toContain('## Перевірка стану');

    const agreement = await markdown(
      server.url,
      `/api/boards/${board.boardId}/export?format=md`,
      board.observer.token,
      {
        'accept-language': 'uk',
      },
    );
    expect(agreement.text).toMatch(/^# Угода про співпрацю: /);
  });

  it('answers a hostile lang with the German document and sets no header from it', async () => {
    const { server, board } = seeded;
    for (const lang of [
      'x'.repeat(4000),
      '../../etc/passwd',
      'de\r\nX-Injected: 1',
      'tr\r\nContent-Language: ar',
    ]) {
      for (const path of ['export', 'process-report']) {
        const md = await markdown(
          server.url,
          `/api/boards/${board.boardId}/${path}?format=md&lang=${encodeURIComponent(lang)}`,
          board.facilitator.token,
        );
        expect(md.status, `${path} ${lang.slice(0, 30)}`).toBe(200);
        expect(md.headers.get('x-injected')).toBeNull();
        expect(md.headers.get('content-language')).toBe('de-DE');
        expect(md.headers.get('content-disposition')).toMatch(/^inline; filename="[a-z]+\.md"$/);
        expect(md.text).toMatch(/^# (Kooperationsvereinbarung|Prozessbericht): Runder Tisch Südstadt\n/);
      }
    }
  });

  it('keeps German, and the plain file name, when neither the query nor the browser names a language', async () => {
    const { server, board } = seeded;
    const md = await markdown(
      server.url,
      `/api/boards/${board.boardId}/export?format=md`,
      board.partnerB.token,
      {
        'accept-language': 'ku, ti;q=0.5',
      },
    );
    expect(md.headers.get('content-language')).toBe('de-DE');
    expect(md.headers.get('content-disposition')).toBe('inline; filename="kooperationsvereinbarung.md"');
    expect(md.text).toContain('## Kooperationspartner/innen');
    // The JSON form is the same for every language: the parameter changes nothing there.
    const json = await markdown(
      server.url,
      `/api/boards/${board.boardId}/export?format=json&lang=ar`,
      board.partnerB.token,
    );
    expect(json.headers.get('content-type')).toContain('application/json');
  });
});
