import type { CloseCode } from '@common-ground/shared/protocol';
import type { ConnectEvent, Extension } from '../hooks/extension';

/** What the registry needs of a socket: whose it is and how to close it. */
export interface ParticipantSocket {
  readonly participantId: string;
  close(code: CloseCode, reason: string): void;
}

/**
 * The open sockets of each participant on this server instance, from the moment their upgrade is accepted (a
 * socket still loading its room counts too, so a removal in that moment closes it as well). Removing a person or
 * ending their devices closes them at once; the room registry's connection sets only know sockets already joined.
 * One per server, built in the composition root: it learns of sockets as an extension (onConnect, onDisconnect);
 * the people routes ask it who is online and close a removed person's sockets through it.
 */
export class ParticipantSockets implements Extension {
  readonly name = 'participant sockets';
  private readonly byParticipant = new Map<string, Set<ParticipantSocket>>();

  onConnect({ socket }: ConnectEvent): void {
    this.add(socket);
  }

  onDisconnect({ socket }: ConnectEvent): void {
    this.delete(socket);
  }

  add(socket: ParticipantSocket): void {
    const set = this.byParticipant.get(socket.participantId) ?? new Set();
    set.add(socket);
    this.byParticipant.set(socket.participantId, set);
  }

  delete(socket: ParticipantSocket): void {
    const set = this.byParticipant.get(socket.participantId);
    if (!set) return;
    set.delete(socket);
    // Emptied sets go, or the map would keep one entry per participant ever connected.
    if (set.size === 0) this.byParticipant.delete(socket.participantId);
  }

  isOnline(participantId: string): boolean {
    return this.byParticipant.has(participantId);
  }

  /** Closes every open socket of the participant; returns how many. */
  closeAll(participantId: string, code: CloseCode, reason: string): number {
    const set = this.byParticipant.get(participantId);
    if (!set) return 0;
    const sockets = [...set];
    for (const socket of sockets) socket.close(code, reason);
    return sockets.length;
  }
}
