import { type CreateInviteResponse, CreateInviteResponse as Schema } from '@common-ground/shared/api';

const key = (boardId: string) => `common-ground.projectorInvite.${boardId}`;
/** Leave an hour of margin, so a code never expires in the middle of a meeting. */
const MARGIN_MS = 60 * 60 * 1000;

export function loadProjectorInvite(boardId: string, now: number): CreateInviteResponse | null {
  try {
    const parsed = Schema.safeParse(JSON.parse(localStorage.getItem(key(boardId)) ?? 'null'));
    return parsed.success && parsed.data.expiresAt - MARGIN_MS > now ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveProjectorInvite(boardId: string, invite: CreateInviteResponse): void {
  try {
    localStorage.setItem(key(boardId), JSON.stringify(invite));
  } catch {
    // Not remembered: the next opening makes a new one.
  }
}
