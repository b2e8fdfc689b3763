import { type CalendarFeedCreated, type Meeting, MeetingSchema } from '@common-ground/shared/api';
import { readMeetings } from '@common-ground/shared/schema';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const PUBLIC_URL = 'https://board.example.org';
const HOUR = 3_600_000;
// 28 March 2027 is the last Sunday of March: Berlin moves from CET (UTC+1) to CEST (UTC+2).
const BEFORE_DST = Date.UTC(2027, 2, 26, 17); // Friday 18:00 in Berlin
const AFTER_DST = Date.UTC(2027, 2, 30, 16); // Tuesday 18:00 in Berlin

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const vevents = (ics: string) => parse(ics).getAllSubcomponents('vevent');
const prop = (c: ICAL.Component | undefined, name: string) => c?.getFirstPropertyValue(name);

describe('meetings, calendar files and calendar feeds', () => {
  const { pool, start } = useClockedServers();

  async function setUp() {
    const server = await start({ config: { publicUrl: PUBLIC_URL } });
    const board = await seedBoard(server.url);
    return { server, board, client: api(server.url) };
  }

  const path = (board: SeededBoard, rest = '') => `/api/boards/${board.boardId}/meetings${rest}`;

  async function schedule(server: TestServer, board: SeededBoard, body: Record<string, unknown> = {}) {
    const res = await api(server.url).request('POST', path(board), {
      token: board.facilitator.token,
      body: { title: 'Runder Tisch Südstadt', start: BEFORE_DST, end: BEFORE_DST + 2 * HOUR, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return MeetingSchema.parse(res.body);
  }

  async function file(server: TestServer, url: string, token: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${url}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return { res, text: await res.text() };
  }

  it('schedules, changes and cancels a meeting: same UID, SEQUENCE up, wall time across DST, STATUS:CANCELLED', async () => {
    const { server, board, client } = await setUp();
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, writer, 'Spielplatz am Park', 'Neu bauen');
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });

    const meeting = await schedule(server, board, {
      place: 'Bürgerhaus, Saal 2',
      link: 'https://video.example.org/room',
      agenda: [
        { kind: 'item', text: 'Begrüßung' },
        { kind: 'goal', goalId },
      ],
      note: 'Bitte Unterlagen mitbringen.\nKaffee gibt es.',
    });
    expect(meeting).toMatchObject({ sequence: 0, status: 'scheduled', timeZone: 'Europe/Berlin' });
    // Every participant reads it: through the API and live in the record document.
    const listed = await client.request('GET', path(board), { token: board.observer.token });
    expect((listed.body as { meetings: Meeting[] }).meetings.map((m) => m.id)).toEqual([meeting.id]);
    await waitFor(() => readMeetings(record.doc).find((m) => m.id === meeting.id), {
      message: 'meeting live',
    });

    const first = await file(server, path(board, `/${meeting.id}.ics`), board.partnerA.token);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const [event] = vevents(first.text);
    expect(prop(event, 'uid')).toBe(`meeting-${meeting.id}@board.example.org`);
    expect(event?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(prop(event, 'dtstart'))).toBe('2027-03-26T18:00:00');
    expect(prop(event, 'sequence')).toBe(0);
    expect(prop(event, 'location')).toBe('Bürgerhaus, Saal 2');
    const description = String(prop(event, 'description'));
    expect(description).toContain('Spielplatz am Park');
    expect(description).toContain('Begrüßung');
    expect(description).toContain('Kaffee gibt es.');
    expect(prop(event, 'url')).toBe(`${PUBLIC_URL}/b/${board.boardId}`);
    for (const token of [board.facilitator.token, board.partnerA.token])
      expect(first.text).not.toContain(token);

    const moved = await client.request('PUT', path(board, `/${meeting.id}`), {
      token: board.facilitator.token,
      body: { start: AFTER_DST, end: AFTER_DST + 2 * HOUR },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: meeting.id, sequence: 1, place: 'Bürgerhaus, Saal 2' });
    const second = vevents(
      (await file(server, path(board, `/${meeting.id}.ics`), board.partnerB.token)).text,
    )[0];
    expect(prop(second, 'uid')).toBe(`meeting-${meeting.id}@board.example.org`);
    expect(prop(second, 'sequence')).toBe(1);
    // Another offset from UTC, the same 18:00 on the wall.
    expect(String(prop(second, 'dtstart'))).toBe('2027-03-30T18:00:00');

    const cancelled = await client.request('POST', path(board, `/${meeting.id}/cancel`), {
      token: board.facilitator.token,
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 2 });
    const again = await client.request('POST', path(board, `/${meeting.id}/cancel`), {
      token: board.facilitator.token,
    });
    expect(again.body).toMatchObject({ status: 'cancelled', sequence: 2 });
    const third = await file(server, path(board, `/${meeting.id}.ics?lang=en`), board.observer.token);
    const [gone] = vevents(third.text);
    expect(prop(gone, 'status')).toBe('CANCELLED');
    expect(prop(gone, 'sequence')).toBe(2);
    expect(prop(gone, 'summary')).toBe('Cancelled: Runder Tisch Südstadt');
    const turkish = await file(server, path(board, `/${meeting.id}.ics`), board.observer.token, {
      'accept-language': 'tr-TR,tr;q=0.9',
    });
    expect(turkish.res.headers.get('content-language')).toBe('tr-TR');
    expect(String(prop(vevents(turkish.text)[0], 'summary'))).toMatch(/^İptal edildi: /);
    await waitFor(() => readMeetings(record.doc).find((m) => m.status === 'cancelled'), {
      message: 'cancellation live',
    });
    const change = await client.request('PUT', path(board, `/${meeting.id}`), {
      token: board.facilitator.token,
      body: { title: 'Doch' },
    });
    expect(change.status).toBe(409);
  });

  it('refuses partners, observers, hostile fields and other boards’ ids', async () => {
    const { server, board, client } = await setUp();
    const other = await seedBoard(server.url);
    const meeting = await schedule(server, board);
    const body = { title: 'Meins', start: BEFORE_DST, end: BEFORE_DST + HOUR };
    for (const token of [board.partnerA.token, board.observer.token]) {
      expect((await client.request('POST', path(board), { token, body })).status).toBe(403);
      const put = await client.request('PUT', path(board, `/${meeting.id}`), { token, body: { title: 'x' } });
      expect(put.status).toBe(403);
      const cancel = await client.request('POST', path(board, `/${meeting.id}/cancel`), { token });
      expect(cancel.status).toBe(403);
    }
    const post = (b: unknown) =>
      client.request('POST', path(board), { token: board.facilitator.token, body: b });
    expect((await post({ ...body, title: 'x'.repeat(10_000) })).status).toBe(400);
    expect((await post({ ...body, end: body.start })).status).toBe(400);
    expect((await post({ ...body, link: 'javascript:alert(1)' })).status).toBe(400);
    expect((await post({ ...body, timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await post({ ...body, agenda: [{ kind: 'goal', goalId: 'nosuchgoal' }] })).status).toBe(400);

    // A CRLF in the place cannot start lines of its own in the file.
    const injected = 'Saal 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@example.org\r\nSUMMARY:Gefälscht';
    const hostile = await schedule(server, board, { place: injected, note: injected });
    const { text } = await file(server, path(board, `/${hostile.id}.ics`), board.partnerA.token);
    const events = vevents(text);
    expect(events).toHaveLength(1);
    expect(prop(events[0], 'uid')).toBe(`meeting-${hostile.id}@board.example.org`);
    expect(events[0]?.getAllProperties('summary')).toHaveLength(1);
    expect(String(prop(events[0], 'location'))).toContain('END:VEVENT');
    expect(text).not.toMatch(/^UID:evil/m);

    // Another board's meeting is not found through this board, whoever asks.
    expect(
      (await client.request('GET', path(other, `/${meeting.id}`), { token: other.facilitator.token })).status,
    ).toBe(404);
    expect((await file(server, path(other, `/${meeting.id}.ics`), other.partnerA.token)).res.status).toBe(
      404,
    );
    const foreign = await client.request('PUT', path(other, `/${meeting.id}`), {
      token: other.facilitator.token,
      body: { title: 'Übernommen' },
    });
    expect(foreign.status).toBe(404);
    expect((await client.request('GET', path(board), { token: other.facilitator.token })).status).toBe(403);
    expect((await file(server, path(board, '/nosuch.ics'), board.partnerA.token)).res.status).toBe(404);
    expect((await file(server, path(board, `/${meeting.id}.ics`), 'wrong-token')).res.status).toBe(401);
  });

  it('serves a round’s deadline and a personal feed: valid, rotated, revoked, guessed, removed, other boards', async () => {
    const { server, board, client } = await setUp();
    const other = await seedBoard(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, writer, 'Grünfläche', 'Hinter dem Bürgerhaus');
    const deadline = AFTER_DST + 3 * HOUR;
    const round = roundOf(
      await roundsApi(server.url).open(board.boardId, board.facilitator.token, { goalId, deadline }),
      201,
    );
    const meeting = await schedule(server, board);
    await schedule(server, other, { title: 'Anderes Board' });

    const deadlineFile = await file(
      server,
      `/api/boards/${board.boardId}/rounds/${round.id}/deadline.ics`,
      board.partnerB.token,
    );
    expect(deadlineFile.res.status).toBe(200);
    const [due] = vevents(deadlineFile.text);
    expect(prop(due, 'uid')).toBe(`round-${round.id}@board.example.org`);
    expect(String(prop(due, 'dtstart'))).toBe('2027-03-30T21:00:00');
    expect(String(prop(due, 'summary'))).toContain('Grünfläche');
    const elsewhere = await file(
      server,
      `/api/boards/${other.boardId}/rounds/${round.id}/deadline.ics`,
      other.partnerA.token,
    );
    expect(elsewhere.res.status).toBe(404);

    const makeFeed = async (token: string) => {
      const res = await client.request('POST', `/api/boards/${board.boardId}/me/calendar-feed`, { token });
      expect(res.status).toBe(201);
      return res.body as CalendarFeedCreated;
    };
    const feedPath = (created: CalendarFeedCreated) =>
      new URL(created.url).pathname + new URL(created.url).search;
    const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });

    const feed = await makeFeed(board.partnerA.token);
    expect(feed.url.startsWith(`${PUBLIC_URL}/cal/`)).toBe(true);
    expect(feed.webcalUrl.startsWith('webcal://board.example.org/cal/')).toBe(true);
    const res = await get(feedPath(feed));
    expect(res.status).toBe(200);
    const uids = vevents(await res.text()).map((e) => prop(e, 'uid'));
    expect(uids.sort()).toEqual(
      [`meeting-${meeting.id}@board.example.org`, `round-${round.id}@board.example.org`].sort(),
    );
    // Polling is cheap: an unchanged feed answers 304 to its ETag.
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    expect((await get(feedPath(feed), { 'if-none-match': etag })).status).toBe(304);
    const status = await client.request('GET', `/api/boards/${board.boardId}/me/calendar-feed`, {
      token: board.partnerA.token,
    });
    expect(status.body).toMatchObject({ active: true });

    // An observer's organisation has no voice: the meetings, no deadline.
    const observerFeed = await makeFeed(board.observer.token);
    const observerUids = vevents(await (await get(feedPath(observerFeed))).text()).map((e) => prop(e, 'uid'));
    expect(observerUids).toEqual([`meeting-${meeting.id}@board.example.org`]);

    // A new address ends the old one; deleting ends the feed; a guessed or malformed one is 404 like them.
    const rotated = await makeFeed(board.partnerA.token);
    expect((await get(feedPath(feed))).status).toBe(404);
    expect((await get(feedPath(rotated))).status).toBe(200);
    const token = /\/cal\/([^.]+)\.ics/.exec(rotated.url)?.[1] ?? '';
    const guessed = `${token.slice(0, 22)}${'A'.repeat(43)}`;
    expect((await get(`/cal/${guessed}.ics`)).status).toBe(404);
    expect((await get('/cal/short.ics')).status).toBe(404);
    expect(
      (
        await client.request('DELETE', `/api/boards/${board.boardId}/me/calendar-feed`, {
          token: board.partnerA.token,
        })
      ).status,
    ).toBe(204);
    expect((await get(feedPath(rotated))).status).toBe(404);

    // A removed person's feed ends with them.
    const bFeed = await makeFeed(board.partnerB.token);
    expect((await get(feedPath(bFeed))).status).toBe(200);
    const removed = await client.request(
      'POST',
      `/api/boards/${board.boardId}/people/${board.partnerB.participantId}/remove`,
      { token: board.facilitator.token },
    );
    expect(removed.status).toBe(200);
    expect((await get(feedPath(bFeed))).status).toBe(404);

    // A feed shows its own board only, and a token makes a feed only on its own board.
    const otherFeed = await client.request('POST', `/api/boards/${other.boardId}/me/calendar-feed`, {
      token: other.partnerA.token,
    });
    const otherText = await (await get(feedPath(otherFeed.body as CalendarFeedCreated))).text();
    expect(otherText).toContain('Anderes Board');
    expect(otherText).not.toContain(meeting.id);
    const crossed = await client.request('POST', `/api/boards/${other.boardId}/me/calendar-feed`, {
      token: board.observer.token,
    });
    expect(crossed.status).toBe(403);
  });
});
