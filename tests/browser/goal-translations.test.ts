import fs from 'node:fs/promises';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { proposeGoal } from '../helpers/browserFlows';
import { type SeededBoard, seedBoard } from '../helpers/clients';
import { roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const MESSAGES = path.resolve('client/src/i18n/messages');
const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Neue Geräte und Bänke bis zum Sommer.';
const TR_TITLE = 'Oyun alanını yenilemek';
const TR_DESCRIPTION = 'Yaza kadar yeni oyun aletleri ve banklar.';

/**
 * A German goal translated into Turkish by a bilingual partner: a Turkish phone reads the translation, marked as
 * one with its translator, the original one tap away; it is marked outdated once the German original changes,
 * current again once re-saved; the round's stance form shows the binding original beside the translation.
 */
describe('goals in several languages', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let bernd: BrowserSession;
  let ayse: BrowserSession;
  let phone: BrowserSession;
  let turkish: Record<string, string>;
  /** A Turkish message as the app shows it: the catalogue's, or the key while the catalogue lacks it. */
  const tr = (key: string, params?: Record<string, string>) =>
    String(new IntlMessageFormat(turkish[key] ?? key, 'tr-TR').format(params));

  const open = async (
    session: BrowserSession,
    person: { participantId: string; token: string },
    name: string,
  ) => {
    await session.context.addInitScript(
      (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
      { boardId: seeded.boardId, ...person, title: 'Runder Tisch', role: 'partner', name },
    );
    await session.page.goto(`${server.url}/b/${seeded.boardId}`);
    await session.page.locator('[data-testid=connection-status][data-status=live]').waitFor();
  };
  const card = (page: Page) => page.getByTestId('goal-card').first();
  const cardTitle = (page: Page) => card(page).getByTestId('goal-open');

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    turkish = JSON.parse(await fs.readFile(path.join(MESSAGES, 'tr.json'), 'utf8')) as Record<string, string>;
    server = await startTestServer();
    seeded = await seedBoard(server.url);
    [bernd, ayse, phone] = await Promise.all([
      launchBrowser(),
      launchBrowser(),
      launchBrowser({ viewport: { width: 360, height: 640 }, locale: 'tr-TR' }),
    ]);
    await open(bernd, seeded.partnerB, 'Bernd');
    await open(ayse, seeded.partnerA, 'Ayşe');
  });

  afterAll(async () => {
    for (const session of [bernd, ayse, phone]) await session?.close();
    await server?.close();
  });

  it('a Turkish translation, shown to a Turkish phone with the original one tap away, outdated after a change', async () => {
    await proposeGoal(bernd.page, TITLE, DESCRIPTION);

    // Ayşe switches her screen to Türkçe and adds the Turkish version in the goal's dialog.
    await ayse.page.getByTestId('language-select').selectOption('tr');
    await expect.poll(() => ayse.page.evaluate(() => document.documentElement.lang)).toBe('tr');
    await cardTitle(ayse.page).click();
    await ayse.page.getByTestId('translation-add').click();
    const form = ayse.page.getByTestId('translation-form');
    // The reader's own language is offered first.
    expect(await form.getByTestId('translation-language').inputValue()).toBe('tr');
    await form.getByTestId('translation-title').fill(TR_TITLE);
    await form.getByTestId('translation-description').fill(TR_DESCRIPTION);
    await form.getByTestId('translation-save').click();
    const item = ayse.page.locator('[data-testid=translation-item][data-lang=tr]');
    await item.waitFor();
    // "Übersetzt von …" from the server's record, never from the document.
    const translatedBy = tr('translation.translatedBy', { names: 'Ayşe (Mieterverein Südstadt)' });
    await expect.poll(() => item.textContent()).toContain(translatedBy);
    await ayse.page.screenshot({ path: path.join(RESULTS, 'translation-dialog-1280.png') });
    await ayse.page.keyboard.press('Escape');

    // The German writer's board keeps the original: German is the original's language.
    await expect.poll(() => cardTitle(bernd.page).textContent()).toContain('Spiel');
    expect(await card(bernd.page).getByTestId('translation-note').count()).toBe(0);

    // A Turkish phone: the Turkish title, marked as a translation with its translator.
    await open(phone, seeded.partnerA, 'Ayşe');
    expect(await phone.page.evaluate(() => document.documentElement.lang)).toBe('tr');
    const label = card(phone.page).getByTestId('translation-label');
    const marker = tr('translation.markerBy', { language: 'Türkçe', names: 'Ayşe (Mieterverein Südstadt)' });
    await expect.poll(() => label.textContent()).toBe(marker);
    expect(await cardTitle(phone.page).getAttribute('lang')).toBe('tr');
    expect((await cardTitle(phone.page).textContent())?.replaceAll('\u00ad', '')).toBe(TR_TITLE);
    await phone.page.screenshot({ path: path.join(RESULTS, 'translation-phone-360.png') });

    // One tap to the original (marked as such, in German), one tap back.
    const toggle = card(phone.page).getByTestId('translation-toggle');
    await toggle.click();
    await expect
      .poll(async () => (await cardTitle(phone.page).textContent())?.replaceAll('\u00ad', ''))
      .toBe(TITLE);
    expect(await cardTitle(phone.page).getAttribute('lang')).toBe('de');
    expect(await label.textContent()).toBe(tr('translation.originalMarker', { language: 'Deutsch' }));
    expect(await toggle.textContent()).toBe(tr('translation.showTranslation'));
    await phone.page.screenshot({ path: path.join(RESULTS, 'translation-phone-original-360.png') });
    await toggle.click();
    await expect
      .poll(async () => (await cardTitle(phone.page).textContent())?.replaceAll('\u00ad', ''))
      .toBe(TR_TITLE);
    expect(await card(phone.page).getByTestId('translation-outdated').count()).toBe(0);

    // Bernd changes the German original: the phone marks the translation outdated.
    await cardTitle(bernd.page).click();
    const titleInput = bernd.page.getByTestId('goal-title-input');
    await titleInput.press('End');
    await titleInput.pressSequentially(' und begrünen');
    await bernd.page.keyboard.press('Escape');
    const outdated = card(phone.page).getByTestId('translation-outdated');
    await outdated.waitFor();
    expect(await outdated.textContent()).toBe(tr('translation.outdated'));
    await phone.page.screenshot({ path: path.join(RESULTS, 'translation-phone-outdated-360.png') });

    // Ayşe brings it up to date: current again everywhere.
    await cardTitle(ayse.page).click();
    await ayse.page.getByTestId('translation-edit').click();
    await ayse.page.getByTestId('translation-title').fill(`${TR_TITLE} ve yeşillendirmek`);
    await ayse.page.getByTestId('translation-save').click();
    await outdated.waitFor({ state: 'detached' });
  });

  it('shows the binding original and the translation side by side in the round’s stance form', async () => {
    const goalId = await card(bernd.page).getAttribute('data-goal-id');
    if (!goalId) throw new Error('no goal id on the card');
    roundOf(await roundsApi(server.url).open(seeded.boardId, seeded.facilitator.token, { goalId }), 201);

    // The phone, stacked: original (binding) above, the Turkish translation below, then the stance buttons.
    const round = phone.page.getByTestId('phone-open-round');
    await round.getByTestId('wording-pair').waitFor();
    const original = round.getByTestId('frozen-wording');
    const translated = round.getByTestId('translated-wording');
    expect(await original.locator('figcaption').textContent()).toBe(tr('translation.binding'));
    expect((await original.textContent())?.replaceAll('\u00ad', '')).toContain(
      'Spielplatz sanieren und begrünen',
    );
    expect((await translated.textContent())?.replaceAll('\u00ad', '')).toContain('yeşillendirmek');
    expect(await translated.locator('blockquote').getAttribute('lang')).toBe('tr');
    expect(await translated.getByTestId('translation-outdated').count()).toBe(0);
    await round.getByTestId('stance-form').waitFor();
    const [a, b] = [await original.boundingBox(), await translated.boundingBox()];
    expect(a && b && b.y >= a.y + a.height - 1).toBe(true);
    await round.scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(RESULTS, 'translation-stance-phone-360.png') });

    // The desktop dialog: side by side.
    await ayse.page.getByTestId('round-section').scrollIntoViewIfNeeded();
    const pair = ayse.page.getByTestId('goal-dialog').getByTestId('wording-pair');
    await pair.waitFor();
    const [left, right] = [
      await pair.getByTestId('frozen-wording').boundingBox(),
      await pair.getByTestId('translated-wording').boundingBox(),
    ];
    expect(left && right && Math.abs(left.y - right.y) < 2).toBe(true);
    await pair.scrollIntoViewIfNeeded();
    await ayse.page.screenshot({ path: path.join(RESULTS, 'translation-stance-1280.png') });
    expect([...bernd.errors, ...ayse.errors, ...phone.errors]).toEqual([]);
  });
});
