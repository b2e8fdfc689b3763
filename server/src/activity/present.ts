import type { ActivityEvent } from '@common-ground/shared/api';
import { roundView, type Viewer } from '../rounds/view';
import type { Storage, StoredRound } from '../storage/types';
import type { DocEvent } from './replay';

type Actor = Pick<ActivityEvent, 'participantId' | 'participantName' | 'partnerId' | 'partnerName'>;

/** Resolves ids to the names a feed shows, from storage (participants never change their partner). */
export class Names {
  private constructor(
    private readonly participants: ReadonlyMap<string, { name: string; partnerId: string | null }>,
    private readonly partners: ReadonlyMap<string, string>,
  ) {}

  static async load(storage: Pick<Storage, 'accounts' | 'partners'>, boardId: string): Promise<Names> {
    const [participants, partners] = await Promise.all([
      storage.accounts.listParticipants(boardId),
      storage.partners.listPartners(boardId),
    ]);
    return new Names(
      new Map(participants.map((p) => [p.id, p])),
      new Map(partners.map((p) => [p.id, p.name])),
    );
  }

  /** The acting participant and its partner; `partnerId` given = the partner acted for (a stance). */
  actor(participantId: string | null, partnerId?: string | null): Actor {
    const participant = participantId === null ? undefined : this.participants.get(participantId);
    const partner = partnerId === undefined ? (participant?.partnerId ?? null) : partnerId;
    return {
      participantId,
      participantName: participant?.name ?? null,
      partnerId: partner,
      partnerName: partner === null ? null : (this.partners.get(partner) ?? null),
    };
  }

  /** The partner of a participant (null for the server, a facilitator without partner, an unknown id). */
  partnerOf(participantId: string | null): string | null {
    return participantId === null ? null : (this.participants.get(participantId)?.partnerId ?? null);
  }
}

export function presentDocEvent(event: DocEvent, names: Names): ActivityEvent {
  const base = {
    id: event.id,
    at: event.at,
    goalId: event.goalId,
    goalTitle: event.goalTitle,
    ...names.actor(event.participantId),
  };
  const { change } = event;
  if (change.type === 'wording_changed') return { ...base, ...change, startedAt: event.startedAt };
  return { ...base, ...change };
}

/** A contribution that ended where it began (typed, then deleted again; a lead chosen, then undone) changed nothing. */
export function isNoOp({ change }: DocEvent): boolean {
  switch (change.type) {
    case 'wording_changed':
    case 'lead_changed':
    case 'commitment_changed':
    case 'review_date_changed':
      return change.before === change.after;
    default:
      return false;
  }
}

/**
 * A round's opening, stances and closing as `viewer` may see them: the stance history comes from roundView, so a
 * hidden round names no partner until it closes and an anonymous one never does.
 */
export function roundEvents(
  round: StoredRound,
  viewer: Viewer,
  names: Names,
  goalTitle: string,
): ActivityEvent[] {
  const view = roundView(round, viewer);
  const base = { goalId: round.goalId, goalTitle, roundId: round.id, roundNumber: round.number };
  const events: ActivityEvent[] = [
    {
      ...base,
      id: `${round.id}.opened`,
      at: round.openedAt,
      type: 'round_opened',
      ...names.actor(round.openedBy),
    },
  ];
  view.history.forEach((stance, index) => {
    events.push({
      ...base,
      id: `${round.id}.stance.${index}`,
      at: stance.at,
      type: 'stance_given',
      stance: stance.stance,
      recordedByFacilitator: stance.recordedByFacilitator,
      ...names.actor(stance.recordedBy, stance.partnerId),
    });
  });
  // An anonymous round's stances are counted, but with no partner, no person and no time of their own (any of
  // them would tell who, or that someone changed their mind): one event each, at the round's opening.
  if (view.history.length === 0) {
    const at = round.openedAt;
    view.stances.forEach((stance, index) => {
      if (stance.partnerId !== null) return;
      events.push({
        ...base,
        id: `${round.id}.stance.${index}`,
        at,
        type: 'stance_given',
        stance: stance.stance,
        recordedByFacilitator: stance.recordedByFacilitator,
        ...names.actor(null),
      });
    });
  }
  if (round.closure) {
    events.push({
      ...base,
      id: `${round.id}.closed`,
      at: round.closure.closedAt,
      type: 'round_closed',
      outcome: round.closure.outcome,
      ...names.actor(round.closure.closedBy),
    });
  }
  return events;
}
