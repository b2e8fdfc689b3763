/** Caps on open websockets; 0 switches a cap off. */
export interface SocketCapLimits {
  /** Open websockets (and upgrades being authenticated) per token. */
  readonly perToken: number;
  /** Open websockets (and upgrades being authenticated) per client address. */
  readonly perAddress: number;
}

/** Counts per key with a cap; a key whose count drops to 0 is forgotten, so memory follows the open sockets. */
export class OpenCounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `key`; false (and nothing taken) at the cap. */
  tryTake(key: string): boolean {
    if (this.max <= 0) return true;
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  give(key: string): void {
    if (this.max <= 0) return;
    const count = this.counts.get(key) ?? 0;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
  }
}

/** The slots one upgrade holds; given back exactly once. */
export interface SocketSlot {
  release(): void;
}

/**
 * Caps on the websockets of one token and of one client address, so that no single person or machine can take
 * the slots the server-wide MAX_CONNECTIONS leaves for everyone else. A slot is taken before the token is even
 * looked up (so pending authentications count too) and given back when the socket closes, however it closes.
 */
export class SocketCaps {
  private readonly tokens: OpenCounts;
  private readonly addresses: OpenCounts;

  constructor(limits: SocketCapLimits) {
    this.tokens = new OpenCounts(limits.perToken);
    this.addresses = new OpenCounts(limits.perAddress);
  }

  /**
   * Slots for `tokenKey` (if the request has a token) and `address`; null if either is at its cap (nothing is
   * taken then).
   */
  admit(tokenKey: string | null, address: string): SocketSlot | null {
    if (!this.addresses.tryTake(address)) return null;
    if (tokenKey !== null && !this.tokens.tryTake(tokenKey)) {
      this.addresses.give(address);
      return null;
    }
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.addresses.give(address);
        if (tokenKey !== null) this.tokens.give(tokenKey);
      },
    };
  }
}
