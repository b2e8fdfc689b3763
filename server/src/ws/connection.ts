import type { Duplex } from 'node:stream';
import type { CloseCode } from '@common-ground/shared/protocol';
import { WebSocket } from 'ws';
import type { Connection } from '../rooms/connection';
import { sharedFrame } from './frames';

export class WsConnection implements Connection {
  /** Read once: ws builds `extensions` anew on every read, and the handshake fixed them before we get the socket. */
  private readonly sharesFrames: boolean;

  constructor(
    private readonly socket: WebSocket,
    /**
     * The upgraded TCP stream under `socket`. Shared frames are written to it directly: without an extension
     * (compression) and Blobs, ws writes every frame whole and at once, so ours fall between its frames.
     */
    private readonly stream: Duplex,
    readonly participantId: string,
    readonly canWrite: boolean,
    /** Above this many unsent bytes the socket is a slow consumer: terminated, never silently skipped. */
    private readonly maxBufferedBytes: number,
  ) {
    this.sharesFrames = socket.extensions === '';
  }

  send(message: Uint8Array): void {
    if (this.writable()) this.socket.send(message);
  }

  sendShared(message: Uint8Array): void {
    if (!this.writable()) return;
    const frame = this.sharesFrames ? sharedFrame(message) : null;
    if (frame) this.stream.write(frame);
    else this.socket.send(message);
  }

  close(code: CloseCode, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  private writable(): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      // Dropping one update would desync the client; closing makes it reconnect and resync from the doc.
      this.socket.terminate();
      return false;
    }
    return true;
  }
}
