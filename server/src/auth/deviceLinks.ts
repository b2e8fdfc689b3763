import { DEVICE_LINK_MINUTES, type DeviceLinkResponse } from '@common-ground/shared/api';
import type { DeviceLinkKind, Storage } from '../storage/types';
import { hashToken, newToken } from './secrets';

const DEVICE_LINK_MS = DEVICE_LINK_MINUTES * 60_000;

/** The link's code goes in the fragment: browsers never send it, so it stays out of every server and proxy log. */
export const deviceLinkUrl = (origin: string, code: string): string => `${origin}/device#${code}`;

export interface IssueDeviceLink {
  readonly boardId: string;
  readonly participantId: string;
  readonly kind: DeviceLinkKind;
  /** null: the operator's recovery command. */
  readonly createdBy: string | null;
  readonly origin: string;
  readonly now: number;
}

/**
 * Makes a one-time link (≥128 random bits like a token, stored as its hash) and returns it, shown this once; null
 * if the participant is not on the board (any more). A re-entry link ends the participant's devices first (see
 * Storage.people.createDeviceLink): the caller closes their open sockets.
 */
export async function issueDeviceLink(
  storage: Pick<Storage, 'people'>,
  input: IssueDeviceLink,
): Promise<DeviceLinkResponse | null> {
  const code = newToken();
  const expiresAt = input.now + DEVICE_LINK_MS;
  const stored = await storage.people.createDeviceLink({
    codeHash: hashToken(code),
    boardId: input.boardId,
    participantId: input.participantId,
    kind: input.kind,
    expiresAt,
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  return stored ? { url: deviceLinkUrl(input.origin, code), expiresAt } : null;
}
