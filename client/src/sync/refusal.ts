import { CloseCode } from '@common-ground/shared/protocol';
import type { WebsocketProvider } from 'y-websocket';

/** The server closed a socket for good (see isFinalCloseCode): which code, and when this device learned it. */
export interface Refusal {
  readonly code: number;
  readonly at: number;
}

/**
 * What a refusal means for the person. "refused": the last change could not be applied (4400, 1009, and any
 * other final code this version does not know); "full": the board reached its size limit; "tooMany": the change
 * budget is used up for now; "forbidden": something was sent that this participant may not send; "accessEnded":
 * the token no longer counts.
 */
export type RefusalKind = 'refused' | 'full' | 'tooMany' | 'forbidden' | 'accessEnded';

export function refusalKind(code: number): RefusalKind {
  switch (code) {
    case CloseCode.BoardFull:
      return 'full';
    case CloseCode.TooManyChanges:
      return 'tooMany';
    case CloseCode.Forbidden:
      return 'forbidden';
    case CloseCode.AccessEnded:
    // A deleted board is gone for everyone: the device forgets it as it does a person's ended access.
    case CloseCode.BoardDeleted:
      return 'accessEnded';
    default:
      return 'refused';
  }
}

/**
 * Whether the board starts again from the server's copy at once. After a refused update the local copy holds a
 * change the server will never take, so waiting changes nothing; after "too many changes" or "forbidden" the
 * person first reads why and reconnects when ready. A board whose access ended is not reopened at all.
 */
export const startsFreshAtOnce = (kind: RefusalKind): boolean => kind === 'refused' || kind === 'full';

/** Reports the first final close of any of the providers (y-websocket's `closed` event follows shouldReconnect). */
export function watchRefusal(
  providers: readonly WebsocketProvider[],
  onRefusal: (refusal: Refusal) => void,
  now: () => number = Date.now,
): () => void {
  let reported = false;
  const onClosed = ({ code }: { code: number }) => {
    if (reported) return;
    reported = true;
    onRefusal({ code, at: now() });
  };
  for (const provider of providers) provider.on('closed', onClosed);
  return () => {
    for (const provider of providers) provider.off('closed', onClosed);
  };
}
