import * as Y from 'yjs';
import type { Connection } from './connection';
import { updateMessage } from './protocol';
import type { QueuedUpdate } from './writeQueue';

/** One frame of a stored batch: to every connection but `except`, or — with `only` — to that one alone. */
export interface Outgoing {
  readonly message: Uint8Array;
  readonly except: Connection | null;
  readonly only: Connection | null;
}

/**
 * The frames a stored batch sends, in its order: each update to everyone but its sender. A client's update that
 * the server repaired in the same batch (a refused withdrawal, lead or commitment put back, a locked wording set
 * back) reaches the others merged with its repair into one update, applied as one transaction: their replicas
 * and observers never hold what the server refused, not even for a moment. The writer gets the repair alone.
 */
export function outgoingFrames(batch: readonly QueuedUpdate[]): Outgoing[] {
  const frames: Outgoing[] = [];
  let index = 0;
  while (index < batch.length) {
    const item = batch[index] as QueuedUpdate;
    const sender = item.sender;
    let repairs = index + 1;
    while (sender && repairs < batch.length && batch[repairs]?.repairOf === sender) repairs += 1;
    if (!sender || repairs === index + 1) {
      frames.push({ message: updateMessage(item.update), except: sender, only: null });
      index += 1;
      continue;
    }
    const repair = batch.slice(index + 1, repairs).map((entry) => entry.update);
    frames.push({
      message: updateMessage(Y.mergeUpdates([item.update, ...repair])),
      except: sender,
      only: null,
    });
    frames.push({
      message: updateMessage(repair.length === 1 ? (repair[0] as Uint8Array) : Y.mergeUpdates(repair)),
      except: null,
      only: sender,
    });
    index = repairs;
  }
  return frames;
}
