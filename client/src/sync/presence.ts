import { type AwarenessState, AwarenessStateSchema } from '@common-ground/shared/schema';

export type Editing = NonNullable<AwarenessState['editing']>;

export interface OnlineParticipant {
  readonly participantId: string;
  readonly editing: Editing | null;
}

/**
 * One entry per person, however many tabs or devices they have open; states that do not match the schema
 * (foreign or outdated clients) are ignored. When one of a person's tabs edits, that wins.
 */
export function readOnline(states: ReadonlyMap<number, unknown>): OnlineParticipant[] {
  const byParticipant = new Map<string, OnlineParticipant>();
  for (const raw of states.values()) {
    const parsed = AwarenessStateSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { participantId, editing } = parsed.data;
    const known = byParticipant.get(participantId);
    if (!known || (!known.editing && editing)) {
      byParticipant.set(participantId, { participantId, editing: editing ?? null });
    }
  }
  return [...byParticipant.values()].sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
}

/** Shallow comparison so an awareness heartbeat that changed nothing does not re-render the board. */
export function sameOnline(a: readonly OnlineParticipant[], b: readonly OnlineParticipant[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return (
        q !== undefined &&
        p.participantId === q.participantId &&
        p.editing?.goalId === q.editing?.goalId &&
        p.editing?.field === q.editing?.field
      );
    })
  );
}
