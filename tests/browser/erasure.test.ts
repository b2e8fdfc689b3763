import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import {
  createBoard,
  createInviteLink,
  joinAsNewPartner,
  proposeGoal,
  statusLocator,
} from '../helpers/browserFlows';
import { rememberedBoard } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

const RESULTS = path.resolve('test-results');

// Needs the built client: `npm run test:browser` builds first.
describe('erasing a person’s data in the browser (DSGVO Art. 17)', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;
  let reader: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    await fs.mkdir(RESULTS, { recursive: true });
    [facilitator, partner, reader] = await Promise.all([
      launchBrowser(),
      launchBrowser(),
      launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'tr-TR' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([facilitator?.close(), partner?.close(), reader?.close()]);
    await server?.close();
  });

  it('replaces the name everywhere, live and in each reader’s language; the person’s device is out', async () => {
    const page = facilitator.page;
    await createBoard(page, server.url, 'Runder Tisch Nordstadt', 'Maria Schulz');
    await joinAsNewPartner(
      partner.page,
      await createInviteLink(page),
      'Ayşe Demir',
      { name: 'Nachbarschaftsinitiative', kind: 'residents' },
      page,
    );
    const ayse = await rememberedBoard(partner.page);
    await proposeGoal(partner.page, 'Mittagstisch im Quartier', 'Dienstags im Gemeindehaus');

    // A Turkish reader on a phone follows the board.
    await reader.page.goto(await createInviteLink(page, 'observer'));
    await reader.page.getByTestId('join-name').fill('Elif');
    await reader.page.getByTestId('join-submit').click();
    await statusLocator(reader.page, '[data-status=live]').waitFor();
    const card = reader.page.getByTestId('goal-card').filter({ hasText: 'Mittagstisch' });
    await card.getByTestId('goal-open').click();
    const proposer = reader.page.getByTestId('goal-proposer');
    await expect.poll(() => plainText(proposer)).toContain('Ayşe Demir');

    await page.getByTestId('people-button').click();
    const dialog = page.getByTestId('people-dialog');
    const row = dialog.locator(`[data-person-id="${ayse.participantId}"]`);
    await row.getByTestId('person-erase').click();
    const question = dialog.getByRole('alertdialog');
    await expect.poll(() => question.textContent()).toContain('Ayşe Demir');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'erasure-question-1280.png') });
    await question.getByTestId('confirm').click();

    // Her device loses the board; the facilitator's list shows the pseudonym, with focus on the row.
    await partner.page.getByTestId('board-access-ended').waitFor();
    await expect.poll(() => row.textContent()).toContain('Ehemalige/r Teilnehmende/r 1');
    expect(await row.textContent()).toContain('Daten gelöscht');
    expect(await row.textContent()).not.toContain('Ayşe');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-person-id]')?.getAttribute('data-person-id'),
      ),
    ).toBe(ayse.participantId);

    await page.keyboard.press('Escape');

    // The Turkish reader's open goal shows the pseudonym in Turkish, without a reload; the organisation stays.
    await expect.poll(() => plainText(proposer)).toContain('Eski katılımcı 1');
    expect(await plainText(proposer)).toContain('Nachbarschaftsinitiative');
    expect(await plainText(proposer)).not.toContain('Ayşe');
    await reader.page.screenshot({ path: path.join(RESULTS, 'erasure-reader-tr-360.png') });
  });

  it('lets a person erase their own data from the “Meine Daten” dialog, after asking once more', async () => {
    const page = facilitator.page;
    await joinAsNewPartner(partner.page, await createInviteLink(page), 'Bernd Kaya', {
      name: 'Wohnbau Nord',
      kind: 'housing',
    });
    const bernd = await rememberedBoard(partner.page);
    const me = partner.page;
    await me.getByTestId('my-data-open').click();
    await me.getByTestId('erase-me').click();
    const question = me.getByTestId('erase-me-dialog');
    await expect.poll(() => question.textContent()).toContain('nicht rückgängig');
    expect(await seriousA11yViolations(me)).toEqual([]);
    await question.getByTestId('confirm').click();
    await me.waitForURL(`${server.url}/`);
    expect(await me.evaluate(() => localStorage.getItem('common-ground.boards'))).toBe('[]');

    await page.getByTestId('people-button').click();
    const row = page.getByTestId('people-dialog').locator(`[data-person-id="${bernd.participantId}"]`);
    await expect.poll(() => row.textContent()).toContain('Ehemalige/r Teilnehmende/r 2');
    await page.keyboard.press('Escape');
  });

  it('shows the facilitator an idle board and who will be pseudonymised for inactivity, and when', async () => {
    const clock = { now: Date.UTC(2027, 0, 13, 10) };
    const clocked = await startTestServer({
      config: {
        now: () => clock.now,
        retention: { inactiveMonths: 36, warningDays: 30, boardIdleMonths: 12 },
      },
    });
    try {
      const page = facilitator.page;
      await createBoard(page, clocked.url, 'Stadtteilrunde Ost', 'Maria Schulz');
      await joinAsNewPartner(partner.page, await createInviteLink(page), 'Jonas Weber', {
        name: 'Wohnbau Ost',
        kind: 'housing',
      });
      const jonas = await rememberedBoard(partner.page);
      await partner.page.goto('about:blank');
      await expect.poll(() => clocked.server.storage.people.getLastVisit(jonas.participantId)).not.toBeNull();
      // Three years minus a month later: Jonas is warned; the board has been idle for two years.
      clock.now = Date.UTC(2029, 11, 14, 10);
      await clocked.server.retention.sweep(clock.now);
      await page.reload();
      const notice = page.getByTestId('retention-notice');
      await expect.poll(() => notice.textContent()).toContain('nichts geändert');
      expect(await notice.textContent()).toContain('Die Daten einer Person werden bald');
      await page.getByTestId('people-button').click();
      const row = page.getByTestId('people-dialog').locator(`[data-person-id="${jonas.participantId}"]`);
      await expect
        .poll(() => row.getByTestId('person-erases-at').textContent())
        .toContain('gelöscht (inaktiv)');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 360, height: 640 });
      await notice.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, 'retention-notice-360.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
    } finally {
      await clocked.close();
    }
  });
});
