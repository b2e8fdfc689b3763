import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner, proposeGoal } from '../helpers/browserFlows';
import { api } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const RESIDENTS = 'Mieterinitiative Südstadt';
const HOUSING = 'Wohnungsbau Süd eG';
const SCHOOL = 'Grundschule am Park';
const RESIDENT_GOALS = [
  'Spielplatz am Südpark sanieren',
  'Nachbarschaftscafé einrichten',
  'Hofflächen begrünen',
];
const HOUSING_GOAL = 'Leerstand für Initiativen öffnen';

async function addRelation(
  page: Page,
  relation: { from?: string; to: string; kind: string; strength: number; note?: string },
) {
  await page.getByTestId('relation-add').click();
  const form = page.getByTestId('relation-form');
  if (relation.from) await form.getByTestId('relation-from').selectOption({ label: relation.from });
  await form.getByTestId('relation-to').selectOption({ label: relation.to });
  await form.getByTestId(`relation-kind-${relation.kind}`).check();
  await form.getByTestId(`relation-strength-${relation.strength}`).check();
  if (relation.note) await form.getByTestId('relation-note').fill(relation.note);
  await form.getByTestId('relation-submit').click();
  await form.waitFor({ state: 'detached' });
}

const partnerCard = (page: Page, name: string) =>
  page.getByTestId('partner-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** "Local" date-time with seconds, as a datetime-local field takes it (the browser runs in this time zone). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

describe('network inventory, map, activity and voice balance in the browser', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let residents: BrowserSession;
  let housing: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    facilitator = await launchBrowser();
    residents = await launchBrowser();
    housing = await launchBrowser();
  });

  afterAll(async () => {
    await facilitator?.close();
    await residents?.close();
    await housing?.close();
    await server?.close();
  });

  it('a partner edits its profile and adds a relation, another client sees the map change live, the balance shows the shares', async () => {
    const f = facilitator.page;
    const r = residents.page;
    const h = housing.page;

    // A board with three partners: two join in browsers, the school by API (it stays silent).
    await createBoard(f, server.url, 'Runder Tisch Südstadt 2027', 'Maria Schulz');
    const inviteUrl = await createInviteLink(f);
    await joinAsNewPartner(r, inviteUrl, 'Ayşe Demir', { name: RESIDENTS, kind: 'residents' }, f);
    await joinAsNewPartner(h, inviteUrl, 'Jonas Weber', { name: HOUSING, kind: 'housing' }, f);
    const code = inviteUrl.split('/join/')[1] ?? '';
    await api(server.url).join({ code, name: 'Petra Lang', partner: { name: SCHOOL, kind: 'school' } });
    // The school's organisation waits for the facilitator, who confirms it with one tap.
    const school = f.getByTestId('confirm-partner-item').filter({ hasText: SCHOOL });
    await school.getByTestId('confirm-partner').click();
    await school.waitFor({ state: 'detached' });

    // A scripted session: the residents propose three goals, the housing company one.
    for (const title of RESIDENT_GOALS) await proposeGoal(r, title);
    await proposeGoal(h, HOUSING_GOAL);
    const afterProposals = Date.now();

    // The housing company watches the network page while the residents edit their profile.
    await h.getByTestId('link-network').click();
    await h.getByTestId('network-map').waitFor();
    await r.getByTestId('link-network').click();
    await partnerCard(r, RESIDENTS).getByTestId('edit-profile').click();
    const dialog = r.getByTestId('profile-dialog');
    await dialog
      .getByTestId('profile-description-input')
      .fill('Mieter/innen aus 300 Wohnungen der Südstadt.');
    await dialog.getByTestId('offer-rooms').check();
    await dialog.getByTestId('offer-know_how').check();
    await dialog.getByTestId('profile-offersNote-input').fill('Gemeinschaftsraum dienstags ab 18 Uhr');
    await dialog.getByTestId('profile-interests-input').fill('x'.repeat(1001));
    await dialog.getByTestId('profile-save').click();
    await expect.poll(() => dialog.getByTestId('profile-errors').textContent()).toContain('zu lang');
    await dialog.getByTestId('profile-interests-input').fill('Sichere Spielflächen und bezahlbare Mieten.');
    await dialog.getByTestId('profile-contact-input').fill('Ayşe Demir, 0176 1234567');
    await dialog.getByTestId('profile-save').click();
    await dialog.waitFor({ state: 'hidden' });

    // The other client sees the profile without reloading: offers as labelled chips.
    const seen = partnerCard(h, RESIDENTS);
    await expect.poll(() => seen.getByTestId('profile-description').textContent()).toContain('300 Wohnungen');
    expect(await seen.getByTestId('profile-offers').textContent()).toBe('RäumeFachwissen');
    expect(await partnerCard(h, RESIDENTS).getByTestId('edit-profile').count()).toBe(0);
    expect(await partnerCard(h, HOUSING).getByTestId('edit-profile').count()).toBe(1);

    // The residents add a relation from their own partner; the housing company's map draws it live.
    expect(await r.getByTestId('relation-from').count()).toBe(0);
    await addRelation(r, { to: HOUSING, kind: 'cooperation', strength: 3, note: 'Sommerfest seit 2022' });
    await expect.poll(() => h.locator('[data-testid=map-edge][data-kind=cooperation]').count()).toBe(1);
    await expect
      .poll(() => h.getByTestId('relation-list').textContent())
      .toContain(`${RESIDENTS} – Zusammenarbeit (stark) – ${HOUSING}`);

    // The facilitator may add relations between any partners.
    await f.getByTestId('link-network').click();
    await addRelation(f, { from: HOUSING, to: SCHOOL, kind: 'funding', strength: 2 });
    await addRelation(f, {
      from: RESIDENTS,
      to: HOUSING,
      kind: 'tension',
      strength: 1,
      note: 'Mieterhöhungen 2026',
    });
    await addRelation(f, { from: RESIDENTS, to: SCHOOL, kind: 'informal', strength: 2 });
    await expect.poll(() => h.getByTestId('map-edge').count()).toBe(4);
    await expect
      .poll(() => h.getByTestId('relation-list').textContent())
      .toContain(`${HOUSING} fördert ${SCHOOL}`);

    // Selecting a partner by keyboard shows its own position, with the goals the server attributes to it.
    await h.locator(`[data-testid=map-node]`).filter({ hasText: RESIDENTS }).focus();
    await h.keyboard.press('Enter');
    const position = h.getByTestId('partner-position');
    await expect
      .poll(() => position.getByTestId('position-proposed').textContent())
      .toContain(RESIDENT_GOALS[0]);
    for (const title of RESIDENT_GOALS)
      expect(await position.getByTestId('position-proposed').textContent()).toContain(title);
    expect(await position.getByTestId('position-relations').locator('li').count()).toBe(3);
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.locator('.network-overview').screenshot({ path: path.join(RESULTS, 'network-map-1280.png') });
    await h.screenshot({ path: path.join(RESULTS, 'network-page-1280.png'), fullPage: true });

    // Voice balance: three of four proposals from the residents, one from the housing company, the school silent.
    await f.getByTestId('link-balance').click();
    await f.getByTestId('balance-measure-proposal').check();
    const rows = f.getByTestId('balance-partners').getByTestId('balance-row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect
      .poll(() => rows.filter({ hasText: RESIDENTS }).getByTestId('balance-figures').textContent())
      .toBe('3 von 4 · 75\u00a0%');
    expect(await rows.filter({ hasText: HOUSING }).getByTestId('balance-figures').textContent()).toBe(
      '1 von 4 · 25\u00a0%',
    );
    expect(await rows.filter({ hasText: SCHOOL }).getByTestId('balance-figures').textContent()).toBe(
      '0 von 4 · 0\u00a0%',
    );
    expect(await f.getByTestId('balance-silent').textContent()).toBe(`Noch keine Beiträge von: ${SCHOOL}`);
    expect(await f.getByTestId('balance-chart').textContent()).toContain('Gleicher Anteil: 33\u00a0%');
    expect(await seriousA11yViolations(f)).toEqual([]);
    await f.getByTestId('balance-result').screenshot({ path: path.join(RESULTS, 'voice-balance-1280.png') });

    // The activity feed names the true sender of every proposal, newest first.
    await f.getByTestId('link-activity').click();
    const entries = f.getByTestId('activity-entry');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(4);
    expect(await entries.first().textContent()).toContain(
      `Jonas Weber (${HOUSING}) hat das Ziel „${HOUSING_GOAL}“ vorgeschlagen`,
    );
    expect(await f.getByTestId('activity-feed').textContent()).toContain(
      `Ayşe Demir (${RESIDENTS}) hat das Ziel „${RESIDENT_GOALS[0]}“ vorgeschlagen`,
    );

    await f.screenshot({ path: path.join(RESULTS, 'activity-1280.png') });

    // "As it was": a week ago there was nothing; right after the proposals, all four goals, read only.
    await f.getByTestId('link-as-of').click();
    await expect.poll(() => f.getByTestId('as-of-banner').textContent()).toContain('nur lesen');
    await f.getByText('Zu diesem Zeitpunkt gab es noch keine Ziele.').waitFor();
    await f.getByTestId('as-of-input').fill(localInput(afterProposals + 1000));
    await f.getByTestId('as-of-show').click();
    await expect.poll(() => f.getByTestId('as-of-goal').count()).toBe(4);
    expect(await f.getByTestId('as-of-proposed').textContent()).toContain(HOUSING_GOAL);
    expect(
      await f.locator('[data-testid=as-of-board] input, [data-testid=as-of-board] textarea').count(),
    ).toBe(0);
    await f.screenshot({ path: path.join(RESULTS, 'as-of-1280.png') });

    // The goal's wording history: an edit shows with author and a word diff.
    await r.getByTestId('back-to-board').click();
    await r.getByTestId('goal-card').filter({ hasText: RESIDENT_GOALS[1] }).getByTestId('goal-open').click();
    const history = r.getByTestId('goal-history');
    await history.getByTestId('goal-history-toggle').click();
    await history.getByTestId('goal-history-entry').waitFor();
    await r.getByTestId('goal-title-input').fill('Nachbarschaftscafé im Hof einrichten');
    await expect.poll(() => history.getByTestId('goal-history-entry').count(), { timeout: 10_000 }).toBe(2);
    expect(await history.getByTestId('goal-history-entry').last().textContent()).toContain(
      `Titel geändert von Ayşe Demir (${RESIDENTS})`,
    );
    expect(await history.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Hof')]),
    );

    await history.screenshot({ path: path.join(RESULTS, 'goal-history-1280.png') });

    // On a phone, the balance reads top to bottom without sideways scrolling.
    await r.keyboard.press('Escape');
    await r.setViewportSize({ width: 390, height: 844 });
    await r.getByTestId('link-balance').click();
    await r.getByTestId('balance-partners').waitFor();
    expect(
      await r.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await r
      .getByTestId('balance-chart')
      .screenshot({ path: path.join(RESULTS, 'voice-balance-390x844.png') });
    await r.getByTestId('link-network').click();
    await r.getByTestId('network-map').waitFor();
    expect(
      await r.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await r.screenshot({ path: path.join(RESULTS, 'network-390x844.png') });

    for (const session of [facilitator, residents, housing]) expect(session.errors).toEqual([]);
  }, 120_000);
});
