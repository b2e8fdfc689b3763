import type { CloseCode } from '@common-ground/shared';
import { WebSocket } from 'ws';
import type { Connection } from '../rooms/room';

export class WsConnection implements Connection {
  constructor(
    private readonly socket: WebSocket,
    readonly participantId: string,
    readonly canWrite: boolean,
    /** Above this many unsent bytes the socket is a slow consumer: terminated, never silently skipped. */
    private readonly maxBufferedBytes: number,
  ) {}

  send(message: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
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
