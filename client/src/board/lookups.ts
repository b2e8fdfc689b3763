import type { Participant, Partner } from '@common-ground/shared/api';
import { commentAuthor, type GoalComment, goalAuthor } from '@common-ground/shared/schema';
import { useMemo } from 'react';
import type { OnlineParticipant } from '../sync/presence';
import { useBoard, useBoardContext } from '../sync/SessionContext';

export interface Person {
  readonly participant: Participant;
  readonly partner: Partner | null;
}

/** Participants with their partner organisation, by id. */
export function usePeople(): ReadonlyMap<string, Person> {
  const participants = useBoard((s) => s.participants);
  const partners = useBoard((s) => s.partners);
  return useMemo(() => {
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    return new Map(
      participants.map((participant) => [
        participant.id,
        {
          participant,
          partner: participant.partnerId ? (partnerById.get(participant.partnerId) ?? null) : null,
        },
      ]),
    );
  }, [participants, partners]);
}

/** "Name (Organisation)", or the name alone for someone who speaks for no partner. */
export function personLabel(person: Person): string {
  return person.partner ? `${person.participant.name} (${person.partner.name})` : person.participant.name;
}

/**
 * Who wrote each goal and comment, by the server's record (never the document's `createdBy`/`authorId`): null
 * while the record has no author for it, or names someone it does not know.
 */
export function useAuthors(): {
  goal(goalId: string): Person | null;
  comment(goalId: string, comment: GoalComment): Person | null;
} {
  const authors = useBoard((s) => s.authors);
  const people = usePeople();
  return useMemo(
    () => ({
      goal: (goalId) => people.get(goalAuthor(authors, goalId) ?? '') ?? null,
      comment: (goalId, comment) => people.get(commentAuthor(authors, goalId, comment) ?? '') ?? null,
    }),
    [authors, people],
  );
}

/** For each goal, the names of the other people editing its text right now. */
export function useEditorsByGoal(): ReadonlyMap<string, readonly string[]> {
  const online = useBoard((s) => s.online);
  const people = usePeople();
  const { session } = useBoardContext();
  return useMemo(() => editorsByGoal(online, people, session.participantId), [online, people, session]);
}

function editorsByGoal(
  online: readonly OnlineParticipant[],
  people: ReadonlyMap<string, Person>,
  me: string,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const { participantId, editing } of online) {
    if (!editing || participantId === me) continue;
    const name = people.get(participantId)?.participant.name;
    if (!name) continue;
    result.set(editing.goalId, [...(result.get(editing.goalId) ?? []), name]);
  }
  return result;
}

/** Up to two initials, so a colour dot never carries identity alone. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters
    .map((part) => (part ? Array.from(part)[0] : ''))
    .join('')
    .toUpperCase();
}

/** Partner names by id, for showing who took a stance, leads or commits. */
export function usePartnerNames(): ReadonlyMap<string, string> {
  const partners = useBoard((s) => s.partners);
  return useMemo(() => new Map(partners.map((p) => [p.id, p.name])), [partners]);
}

/**
 * People's names by id as the board shows them now: an erased person's pseudonym in the reader's language (the
 * server's answers carry its German words).
 */
export function usePersonNames(): ReadonlyMap<string, string> {
  const participants = useBoard((s) => s.participants);
  return useMemo(() => new Map(participants.map((p) => [p.id, p.name])), [participants]);
}

/** The partner organisation this person speaks for, if any. */
export function useMyPartnerId(): string | null {
  const { session } = useBoardContext();
  return useBoard((s) => s.participants.find((p) => p.id === session.participantId)?.partnerId ?? null);
}

/** The organisation this person claims and waits to be confirmed for, if any. */
export function useMyPendingPartnerId(): string | null {
  const { session } = useBoardContext();
  return useBoard(
    (s) => s.participants.find((p) => p.id === session.participantId)?.pendingPartnerId ?? null,
  );
}

/** The name of an organisation, confirmed or proposed; null if the record does not know it (yet). */
export function usePartnerName(partnerId: string | null): string | null {
  return useBoard((s) =>
    partnerId === null
      ? null
      : ((s.partners.find((p) => p.id === partnerId) ?? s.proposedPartners.find((p) => p.id === partnerId))
          ?.name ?? null),
  );
}
