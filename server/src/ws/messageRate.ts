import { MessageType } from '@common-ground/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

/** Budgets of one socket; a rate of 0 switches that budget off. */
export interface MessageRates {
  /** Document updates (sync step 2 and update frames) a socket may send at once. */
  readonly updateBurst: number;
  /** Document updates per second earned back. */
  readonly updatesPerSecond: number;
  /** Presence frames (awareness and awareness queries) a socket may send at once. */
  readonly presenceBurst: number;
  /** Presence frames per second earned back. */
  readonly presencePerSecond: number;
}

/** A token bucket: `burst` at once, earned back evenly at `perSecond`; `perSecond` 0 admits everything. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  take(): boolean {
    if (this.perSecond <= 0) return true;
    const now = this.now();
    // A clock that steps back (an injected one) earns nothing rather than taking tokens away.
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type FrameKind = 'update' | 'presence' | 'other';

/**
 * What a frame is, from its first one or two varuints (no payload is decoded). Sync step 1 is not an update: it
 * changes nothing and is answered to its sender only. A frame that does not decode is 'other': handleMessage
 * refuses it.
 */
export function frameKind(frame: Uint8Array): FrameKind {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Awareness || type === MessageType.QueryAwareness) return 'presence';
    if (type !== MessageType.Sync) return 'other';
    const step = decoding.readVarUint(decoder);
    return step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate
      ? 'update'
      : 'other';
  } catch {
    return 'other';
  }
}

/** What to do with a frame: handle it, drop it unseen, or close the socket with TooManyChanges. */
export type Verdict = 'handle' | 'drop' | 'close';

/**
 * The budgets of one socket, checked for every frame before it is handled (or waits for its room to load).
 *
 * Over the update budget the socket is closed (4429): an update cannot be skipped without desynchronising the
 * client, and a real person never gets there (one update per keystroke, and an offline backlog is one sync step
 * 2; see README for the defaults).
 *
 * Over the presence budget frames are dropped, not answered with a close: presence is ephemeral and
 * self-healing (y-protocols renews every state every 15 s, so a dropped change is corrected within that), while a
 * close is final for y-websocket and would cut a person off from the board over a harmless burst — e.g. a
 * generic y-websocket client that echoes everyone's presence. Either way the flood never reaches the others:
 * a dropped frame is not decoded, applied or fanned out.
 */
export class MessageRate {
  private readonly updates: TokenBucket;
  private readonly presence: TokenBucket;

  constructor(rates: MessageRates, now: () => number) {
    this.updates = new TokenBucket(rates.updateBurst, rates.updatesPerSecond, now);
    this.presence = new TokenBucket(rates.presenceBurst, rates.presencePerSecond, now);
  }

  admit(frame: Uint8Array): Verdict {
    switch (frameKind(frame)) {
      case 'update':
        return this.updates.take() ? 'handle' : 'close';
      case 'presence':
        return this.presence.take() ? 'handle' : 'drop';
      default:
        return 'handle';
    }
  }
}
