import type { MemoryFigures } from './memoryWatch';

/** What the soak asks its server process (soakServer.ts) over the IPC channel. */
export type SoakRequest =
  /** Rooms loaded and memory figures; `gc` forces full collections first, so heapUsedMiB is what is held. */
  | { readonly soak: 'stats'; readonly id: number; readonly gc: boolean }
  /** Writes a heap snapshot of the server to `path` (SOAK_HEAP_SNAPSHOTS, to see what it holds). */
  | { readonly soak: 'snapshot'; readonly id: number; readonly path: string }
  /** Writes what the server allocated since it started (SOAK_ALLOCATION_PROFILE) to `path`. */
  | { readonly soak: 'allocations'; readonly id: number; readonly path: string }
  | { readonly soak: 'close' };

export type SoakReply =
  | { readonly soak: 'listening'; readonly port: number }
  /** A line the server logged at level error. */
  | { readonly soak: 'error'; readonly line: string }
  | { readonly soak: 'snapshot' | 'allocations'; readonly id: number }
  | {
      readonly soak: 'stats';
      readonly id: number;
      readonly rooms: number;
      readonly heapUsedMiB: number;
      readonly rssMiB: number;
      readonly memory: MemoryFigures;
    };
