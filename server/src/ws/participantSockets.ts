import type { CloseCode } from '@common-ground/shared';
import type { RoomRegistry } from '../rooms/registry';

/** What the registry needs of a socket: whose it is and how to close it. */
export interface ParticipantSocket {
  readonly participantId: string;
  close(code: CloseCode, reason: string): void;
}

/**
 * The open sockets of each participant on this server instance, from the moment their upgrade is accepted (a
 * socket still loading its room counts too, so a removal in that moment closes it as well). Removing a person or
 * ending their devices closes them at once; the room registry's connection sets only know sockets already joined.
 */
export class ParticipantSockets {
  private readonly byParticipant = new Map<string, Set<ParticipantSocket>>();

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

/**
 * One registry per server, found through its room registry: the upgrade handler and the HTTP routes both hold
 * that, so neither needs the other, and test servers in one process never share sockets.
 */
const registries = new WeakMap<RoomRegistry, ParticipantSockets>();

export function participantSockets(rooms: RoomRegistry): ParticipantSockets {
  let registry = registries.get(rooms);
  if (!registry) {
    registry = new ParticipantSockets();
    registries.set(rooms, registry);
  }
  return registry;
}
