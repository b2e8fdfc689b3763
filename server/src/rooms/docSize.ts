import type { UpdateShape } from './applicability';
import { tooBig } from './violation';

/**
 * The board's size budget, checked on every client update. The running figure is the last exact measurement plus
 * every update applied since (deletions are not subtracted: Yjs does not say what they free). Once that passes
 * the limit, only an update that adds nothing (a deletion) gets through, unless something was deleted since the
 * last measurement: then the document is measured exactly again, at most once per `remeasureGapMs`, because
 * encoding a board near the limit takes tens of milliseconds and a writer must not be able to make the server
 * do it on every message.
 */
export class DocSize {
  private lastMeasuredAt = Number.NEGATIVE_INFINITY;
  private deletedSinceMeasure = false;

  constructor(
    private bytes: number,
    private readonly maxBytes: number,
    private readonly measure: () => number,
    private readonly now: () => number,
    private readonly remeasureGapMs = 1000,
  ) {}

  get approximateBytes(): number {
    return this.bytes;
  }

  /** Throws a ConnectionViolation (BoardFull) if an update of this shape and size may not be applied now. */
  admit(shape: UpdateShape, updateBytes: number): void {
    if (!shape.adds) return;
    if (this.bytes + updateBytes <= this.maxBytes) return;
    if (this.deletedSinceMeasure && this.now() - this.lastMeasuredAt >= this.remeasureGapMs) {
      this.measured(this.measure());
      if (this.bytes + updateBytes <= this.maxBytes) return;
    }
    throw tooBig(`The board has reached its size limit of ${this.maxBytes} bytes`);
  }

  /** An update was applied (by anyone): its encoded size counts until the next measurement. */
  grew(updateBytes: number, deleted: boolean): void {
    this.bytes += updateBytes;
    if (deleted) this.deletedSinceMeasure = true;
  }

  /** The exact encoded size, e.g. from a snapshot just written. */
  measured(bytes: number): void {
    this.bytes = bytes;
    this.deletedSinceMeasure = false;
    this.lastMeasuredAt = this.now();
  }
}
