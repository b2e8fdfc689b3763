import { DEVICE_LINK_MINUTES } from '@common-ground/shared/api';
import { CloseCode } from '@common-ground/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, statusLocator } from '../helpers/browserFlows';
import { rememberedBoard } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
describe('people in the browser: another device, removal, the last facilitator', () => {
  const clock = { now: Date.now() };
  let server: TestServer;
  let laptop: BrowserSession;
  let phone: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    // The server's clock is the test's: links expire when the test moves it, not after a real wait.
    server = await startTestServer({ config: { now: () => clock.now } });
    [laptop, phone, partner] = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([laptop?.close(), phone?.close(), partner?.close()]);
    await server?.close();
  });

  /** Makes a device link in the "Anderes Gerät" dialog and returns it. */
  async function deviceLink(): Promise<string> {
    const page = laptop.page;
    await page.getByTestId('move-device').click();
    const dialog = page.getByTestId('move-device-dialog');
    await dialog.getByTestId('device-link-create').click();
    const url = await dialog.getByTestId('device-link-url').inputValue();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    return url;
  }

  it('moves to a second device with a one-time link; the first keeps working, the link works once and expires', async () => {
    await createBoard(laptop.page, server.url, 'Runder Tisch Nordstadt', 'Maria Schulz');
    const first = await rememberedBoard(laptop.page);
    const url = await deviceLink();
    expect(url).toMatch(/\/device#[A-Za-z0-9_-]{43}$/);

    await phone.page.goto(url);
    await statusLocator(phone.page, '[data-status=live]').waitFor();
    await expect.poll(() => plainText(phone.page.getByTestId('board-title'))).toBe('Runder Tisch Nordstadt');
    const second = await rememberedBoard(phone.page);
    expect(second).toMatchObject({ boardId: first.boardId, participantId: first.participantId });
    expect(second.token).not.toBe(first.token);
    // The code is gone from the address bar (and so from this browser's history).
    expect(new URL(phone.page.url()).hash).toBe('');
    await statusLocator(laptop.page, '[data-status=live]').waitFor();

    const again = await phone.context.newPage();
    await again.goto(url);
    await expect.poll(() => again.getByTestId('device-failure').textContent()).toContain('schon benutzt');
    await again.close();

    const late = await deviceLink();
    clock.now += DEVICE_LINK_MINUTES * 60_000;
    const expired = await phone.context.newPage();
    await expired.goto(late);
    await expect.poll(() => expired.getByTestId('device-failure').textContent()).toContain('abgelaufen');
    await expired.close();
  });

  it('lets the facilitator see and remove a person, whose device forgets the board; the last facilitator stays', async () => {
    const page = laptop.page;
    await joinAsNewPartner(partner.page, await createInviteLink(page), 'Ayşe Demir', {
      name: 'Nachbarschaftsinitiative',
      kind: 'residents',
    });
    const { participantId } = await rememberedBoard(partner.page);

    await page.getByTestId('people-button').click();
    const dialog = page.getByTestId('people-dialog');
    const ayse = dialog.locator(`[data-person-id="${participantId}"]`);
    await expect.poll(() => ayse.textContent()).toContain('Ayşe Demir');
    const me = dialog.getByTestId('person-row').filter({ hasText: 'Maria Schulz' });
    // Two devices: the laptop and the phone of the first test.
    await expect.poll(() => me.locator('td').nth(3).textContent()).toBe('2');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The only facilitator cannot step down.
    await me.getByTestId('person-role').selectOption('observer');
    await expect
      .poll(() => dialog.getByTestId('people-error').textContent())
      .toContain('mindestens eine Moderation');
    expect(await me.getByTestId('person-role').inputValue()).toBe('facilitator');

    await ayse.getByTestId('person-remove').click();
    await dialog.getByTestId('confirm').click();
    await partner.page.getByTestId('board-access-ended').waitFor();
    expect(await partner.page.evaluate(() => localStorage.getItem('common-ground.boards'))).toBe('[]');
    await expect.poll(() => ayse.textContent()).toContain('Entfernt');
    await page.keyboard.press('Escape');

    // "Board verlassen" on one of two devices works; on the last facilitator's last device it is refused.
    await phone.page.getByTestId('leave-board').click();
    await phone.page.getByTestId('leave-dialog').getByTestId('confirm').click();
    await phone.page.waitForURL(`${server.url}/`);
    await page.getByTestId('leave-board').click();
    await page.getByTestId('leave-dialog').getByTestId('confirm').click();
    await expect.poll(() => page.getByTestId('leave-refused').textContent()).toContain('einzige Moderation');
    expect((await rememberedBoard(page)).participantId).toBeTruthy();
  });

  it('ends a device whose token was ended while it was away, when its reconnect is refused', async () => {
    const page = laptop.page;
    await page.keyboard.press('Escape');
    await joinAsNewPartner(partner.page, await createInviteLink(page), 'Bernd Kaya', {
      name: 'Wohnbau Nord',
      kind: 'housing',
    });
    const { boardId, participantId } = await rememberedBoard(partner.page);
    const facilitator = await rememberedBoard(page);
    // A role change reaches the open board at once: Bernd now only reads.
    const demoted = await fetch(`${server.url}/api/boards/${boardId}/people/${participantId}/role`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer' }),
    });
    expect(demoted.status).toBe(200);
    await partner.page.getByTestId('read-only-note').waitFor();
    await statusLocator(partner.page, '[data-status=live]').waitFor();
    // As if it was offline: its access ends without its sockets hearing 4401, then they drop and come back.
    await server.server.storage.people.removeParticipant(
      boardId,
      participantId,
      facilitator.participantId,
      clock.now,
    );
    for (const key of [boardId, `${boardId}/record`]) {
      for (const conn of server.server.rooms.get(key)?.connections ?? []) {
        if (conn.participantId === participantId) conn.close(CloseCode.GoingAway, 'test');
      }
    }
    await partner.page.getByTestId('board-access-ended').waitFor({ timeout: 20_000 });
    expect(await partner.page.evaluate(() => localStorage.getItem('common-ground.boards'))).toBe('[]');
  });
});
