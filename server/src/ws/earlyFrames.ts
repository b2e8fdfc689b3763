import type { WebSocket } from 'ws';
import type { PreviewWaiter, SnapshotPreview } from '../rooms/previews';
import { isEmptyStateVector } from '../rooms/protocol';
import { syncStep1StateVector } from './messages';

/**
 * A sync step 1 with an empty state that was answered from the loading document's preview (the stored snapshot):
 * once the room is there it is answered again with what changed since that snapshot (server writes on load,
 * other instances' updates), instead of with the whole document a second time.
 */
export interface AnsweredFromPreview {
  readonly preview: SnapshotPreview;
}

/**
 * The frames a socket sends before its room is there, in order, to be handled once it is — except that the first
 * sync step 1, if its state is empty and the load has a preview, is answered at once from the preview.
 */
export class EarlyFrames implements PreviewWaiter {
  private items: (Uint8Array | AnsweredFromPreview)[] = [];
  /** The preview of the load this socket waits for, until its first sync step 1 has been seen. */
  private offered: SnapshotPreview | null = null;
  /** Tells that load to stop waiting for this socket: once the preview's answer is on its way, or not needed. */
  private settle: (() => void) | null = null;
  private askedForState = false;
  private open = true;

  constructor(
    private readonly ws: WebSocket,
    /** Larger previews are not sent (see PREVIEW_SHARE in upgrade.ts): the joiner waits for the room. */
    private readonly maxPreviewBytes: number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  offer(preview: SnapshotPreview, settled: () => void): void {
    if (this.askedForState || !this.open || preview.message.byteLength > this.maxPreviewBytes) {
      settled();
      return;
    }
    this.offered = preview;
    this.settle = settled;
    this.items = this.items.map((item) => (item instanceof Uint8Array ? this.toWait(item) : item));
  }

  push(frame: Uint8Array): void {
    this.items.push(this.toWait(frame));
  }

  /** The frames in order, for the room that is there now; nothing is answered from a preview afterwards. */
  take(): (Uint8Array | AnsweredFromPreview)[] {
    const items = this.items;
    this.close();
    return items;
  }

  /** The socket closed (or its room is there): the load need not wait for it any longer. */
  close(): void {
    this.open = false;
    this.items = [];
    this.offered = null;
    this.settleNow();
  }

  private toWait(frame: Uint8Array): Uint8Array | AnsweredFromPreview {
    if (!this.offered || this.askedForState) return frame;
    const stateVector = syncStep1StateVector(frame);
    if (!stateVector) return frame;
    this.askedForState = true;
    const preview = this.offered;
    this.offered = null;
    if (!isEmptyStateVector(stateVector)) {
      this.settleNow();
      return frame;
    }
    // On the socket itself, for the callback once it is handed to the OS (the apply that follows blocks the
    // loop). Nothing was sent on this socket before, so WsConnection's slow-consumer check has nothing to see.
    this.ws.send(preview.message, this.settleNow);
    return { preview };
  }

  private readonly settleNow = (): void => {
    this.settle?.();
    this.settle = null;
  };
}
