import type { CloseCode } from '@common-ground/shared';
import { WebSocket } from 'ws';
import type { Connection } from '../rooms/room';

/** Above this many unsent bytes a socket is a slow consumer: terminated, never silently skipped. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class WsConnection implements Connection {
  constructor(
    private readonly socket: WebSocket,
    readonly participantId: string,
    readonly canWrite: boolean,
  ) {}

  send(message: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      // Dropping one update would desync the client; closing makes it reconnect and resync from the doc.
      this.socket.terminate();
      return;
    }
    this.socket.send(message);
  }

  close(code: CloseCode, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}
