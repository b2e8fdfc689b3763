import type { Page } from 'playwright-core';

/** The connection status of the board, narrowed by attribute selectors such as `[data-status=live]`. */
export const statusLocator = (page: Page, attributes: string) =>
  page.locator(`[data-testid=connection-status]${attributes}`);

/** Creates a board on the landing page and waits until it is live. */
export async function createBoard(page: Page, url: string, title: string, name?: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('board-title-input').fill(title);
  if (name) await page.getByTestId('your-name-input').fill(name);
  await page.getByTestId('create-board').click();
  await statusLocator(page, '[data-status=live]').waitFor();
}

/** Creates an invitation in the facilitator's invite dialog, closes the dialog and returns the link. */
export async function createInviteLink(
  page: Page,
  role: 'partner' | 'observer' | 'facilitator' = 'partner',
): Promise<string> {
  await page.getByTestId('invite-button').click();
  const section = page.getByTestId(`invite-${role}`);
  await section.getByTestId('invite-create').click();
  const url = await section.getByTestId('invite-url').inputValue();
  await page.keyboard.press('Escape');
  return url;
}

/**
 * Joins through an invitation link as a new partner organisation and waits until the board is live. The new
 * organisation waits for confirmation; with `confirmBy` (the facilitator's page) it is confirmed at once, as at the
 * table, so that the person can give its stance.
 */
export async function joinAsNewPartner(
  page: Page,
  url: string,
  name: string,
  partner: { name: string; kind: string },
  confirmBy?: Page,
): Promise<void> {
  await page.goto(url);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('partner-new').check();
  await page.getByTestId('partner-name').fill(partner.name);
  await page.getByTestId('partner-kind').selectOption(partner.kind);
  await page.getByTestId('join-submit').click();
  await statusLocator(page, '[data-status=live]').waitFor();
  if (confirmBy) await confirmPartner(confirmBy, page, partner.name);
}

/** The facilitator confirms a proposed organisation with one tap; its proposer's page follows without a reload. */
export async function confirmPartner(facilitator: Page, proposer: Page, partnerName: string): Promise<void> {
  const item = facilitator.getByTestId('confirm-partner-item').filter({ hasText: partnerName });
  await item.getByTestId('confirm-partner').click();
  await proposer.locator('[data-testid=membership-status][data-state=member]').waitFor();
}

/** Proposes a goal through the board's dialog and waits for its card. */
export async function proposeGoal(page: Page, title: string, description?: string): Promise<void> {
  await page.getByTestId('propose-goal').click();
  await page.getByTestId('propose-title').fill(title);
  if (description) await page.getByTestId('propose-description').fill(description);
  await page.getByTestId('propose-submit').click();
  await page.getByTestId('goal-card').filter({ hasText: title }).waitFor();
}
