import type * as Y from 'yjs';
import { logKey, type Repair, type RepairContext } from './repairContext';
import { repairGoal } from './repairGoal';
import type { RepairScope } from './repairScope';
import { graphemeCut } from './repairText';

/**
 * The server's check and repair of the board document: whatever a client wrote that applies as Yjs but breaks the
 * schema (a foreign client, or two valid edits that merge into an invalid state) is repaired by the smallest
 * deterministic change, so every replica converges on a valid document and nobody's update is refused.
 */

/**
 * Checks `scope` (everything when omitted) and repairs what breaks the schema, in the caller's transaction (the
 * server's, so the repair is stored and attributed as the server's, in the batch of the update that caused it).
 * Deterministic and idempotent: the same state gives the same repairs on every server, and a repaired document
 * gives none and no update. Returns what it repaired, in the order it did.
 */
export function repairBoard(doc: Y.Doc, context: RepairContext, scope?: RepairScope): Repair[] {
  if (doc._transaction === null) throw new Error('repairBoard must run inside the caller’s transaction');
  const repairs: Repair[] = [];
  if (!scope || scope.rootKeys.has('board')) repairBoardMap(doc.getMap<unknown>('board'), context, repairs);
  const goals = doc.getMap<unknown>('goals');
  const goalIds = scope ? [...scope.goalIds] : [...goals.keys()];
  // Sorted: a rank repair appends after the goals before it, so the order decides the result.
  for (const goalId of goalIds.sort()) {
    if (goals.has(goalId)) repairGoal(goals, goalId, context, repairs);
  }
  return repairs;
}

/** `board`: `title` (string), `createdAt` (ms); nothing else is written, so anything else is deleted. */
function repairBoardMap(board: Y.Map<unknown>, context: RepairContext, repairs: Repair[]): void {
  const repair = (kind: Repair['kind'], field: string) =>
    repairs.push({ kind, root: 'board', goalId: null, field: logKey(field), entry: null });
  for (const key of [...board.keys()].sort()) {
    const value = board.get(key);
    if (key === 'title' && typeof value === 'string') {
      const cut = graphemeCut(value, context.limits.titleChars);
      if (cut < value.length) {
        board.set(key, value.slice(0, cut));
        repair('truncate', key);
      }
    } else if (key !== 'createdAt' || !Number.isFinite(value)) {
      board.delete(key);
      repair('delete', key);
    }
  }
}
