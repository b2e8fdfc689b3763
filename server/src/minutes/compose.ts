import type {
  ActivityEvent,
  Attendee,
  Meeting,
  MinutesComment,
  MinutesContent,
  MinutesGoal,
  MinutesRound,
  OpenObjection,
} from '@common-ground/shared/api';
import type { Stage } from '@common-ground/shared/schema';
import { PUBLIC_VIEWER, roundView } from '../rounds/view';
import type { MinutesDraft, StoredRound } from '../storage/types';

/** Everything the content of a meeting's minutes is made from, read by the service. */
export interface MinutesInputs {
  readonly meeting: Meeting;
  readonly draft: MinutesDraft;
  /** Seen connected during the meeting (stored attendance, then connections open now), first seen first. */
  readonly seen: readonly string[];
  /** The board's participants who are not removed: their organisation now. */
  readonly participants: ReadonlyMap<string, { readonly partnerId: string | null }>;
  /** Confirmed partners, in the board's neutral order. */
  readonly partnerIds: readonly string[];
  /** The board's events as everyone may see them (the activity service's public view), oldest first. */
  readonly events: readonly ActivityEvent[];
  readonly rounds: readonly StoredRound[];
  /** Current titles of the goals on the board (for agenda goals nothing happened to). */
  readonly goalTitles: ReadonlyMap<string, string>;
  readonly comments: readonly MinutesComment[];
  /** When the content is made (reading a draft, or finalising): rounds are shown as they stand then. */
  readonly now: number;
}

/**
 * The minutes' content, ids only: who attended, what happened to each goal between the meeting's start and end,
 * the objections still standing, and what the facilitator added. Rounds are shown as everyone may see them, so
 * the minutes never name a partner a round's visibility hides.
 */
export function composeMinutes(inputs: MinutesInputs): Omit<MinutesContent, 'finalisedAt' | 'finalisedBy'> {
  const { meeting, draft } = inputs;
  const period = { from: meeting.start, to: meeting.end };
  return {
    meetingId: meeting.id,
    meeting,
    period,
    attendees: attendeesOf(inputs),
    guests: [...draft.guests],
    partnerIds: [...inputs.partnerIds],
    goals: goalsOf(inputs, period),
    openObjections: openObjections(inputs),
    nextSteps: [...draft.nextSteps],
    notes: draft.notes,
    comments: [...inputs.comments],
  };
}

function attendeesOf({ draft, seen, participants }: MinutesInputs): Attendee[] {
  const removed = new Set(draft.attendance.removed);
  const attendees: Attendee[] = [];
  const listed = new Set<string>();
  const add = (participantId: string, source: Attendee['source']) => {
    const participant = participants.get(participantId);
    if (!participant || listed.has(participantId) || removed.has(participantId)) return;
    listed.add(participantId);
    attendees.push({ participantId, partnerId: participant.partnerId, source });
  };
  for (const id of seen) add(id, 'presence');
  for (const id of draft.attendance.added) add(id, 'facilitator');
  return attendees;
}

const inPeriod = (at: number, period: { from: number; to: number }) => at >= period.from && at <= period.to;

/** A round belongs to the meeting if it was open at any time during it. */
const overlaps = (round: StoredRound, period: { from: number; to: number }) =>
  round.openedAt <= period.to && (round.closure === null || round.closure.closedAt >= period.from);

function goalsOf(inputs: MinutesInputs, period: { from: number; to: number }): MinutesGoal[] {
  const goals = new Map<string, MinutesGoal>();
  const goal = (goalId: string): MinutesGoal => {
    let entry = goals.get(goalId);
    if (!entry) {
      entry = {
        goalId,
        title: inputs.goalTitles.get(goalId) ?? '',
        proposed: null,
        wordingChanges: 0,
        movedTo: null,
        removed: false,
        onAgenda: false,
        rounds: [],
      };
      goals.set(goalId, entry);
    }
    return entry;
  };
  const update = (goalId: string, change: Partial<MinutesGoal>) => {
    goals.set(goalId, { ...goal(goalId), ...change });
  };
  for (const entry of inputs.meeting.agenda) {
    if (entry.kind === 'goal') update(entry.goalId, { onAgenda: true });
  }
  for (const event of inputs.events) {
    if (!inPeriod(event.at, period)) continue;
    const current = goal(event.goalId);
    const title = event.goalTitle || current.title;
    switch (event.type) {
      case 'goal_proposed':
        update(event.goalId, {
          title,
          proposed: { participantId: event.participantId, partnerId: event.partnerId },
        });
        break;
      case 'wording_changed':
        update(event.goalId, { title, wordingChanges: current.wordingChanges + 1 });
        break;
      case 'stage_changed':
        update(event.goalId, { title, movedTo: event.to satisfies Stage });
        break;
      case 'goal_removed':
        update(event.goalId, { title, removed: true });
        break;
      default:
        // Comments, moves within a column, stances and the rest are in the rounds or not minutes material.
        if (goals.has(event.goalId)) update(event.goalId, { title });
    }
  }
  for (const round of inputs.rounds) {
    if (!overlaps(round, period)) continue;
    const current = goal(round.goalId);
    update(round.goalId, {
      title: current.title || round.wording.title,
      rounds: [...current.rounds, minutesRound(round)],
    });
  }
  for (const entry of goals.values()) entry.rounds.sort((a, b) => a.number - b.number);
  return [...goals.values()].filter(
    (g) =>
      g.onAgenda ||
      g.proposed !== null ||
      g.wordingChanges > 0 ||
      g.movedTo !== null ||
      g.removed ||
      g.rounds.length > 0,
  );
}

function minutesRound(round: StoredRound): MinutesRound {
  const view = roundView(round, PUBLIC_VIEWER);
  return {
    roundId: round.id,
    number: round.number,
    openedAt: round.openedAt,
    closedAt: round.closure?.closedAt ?? null,
    outcome: round.closure?.outcome ?? null,
    visibility: round.visibility,
    rule: round.rule,
    wording: round.wording,
    stances: view.stances,
    tally: view.tally,
  };
}

/**
 * Objections still standing: each goal's latest round (opened before the meeting ended) that is open with an
 * objection in it, or that ended because of one. A goal removed from the board has none left.
 */
function openObjections(inputs: MinutesInputs): OpenObjection[] {
  const latest = new Map<string, StoredRound>();
  for (const round of inputs.rounds) {
    if (round.openedAt > inputs.meeting.end) continue;
    const known = latest.get(round.goalId);
    if (!known || known.number < round.number) latest.set(round.goalId, round);
  }
  const objections: OpenObjection[] = [];
  for (const round of latest.values()) {
    if (!inputs.goalTitles.has(round.goalId)) continue;
    const open = round.closure === null;
    if (!open && round.closure?.outcome !== 'objected') continue;
    for (const stance of roundView(round, PUBLIC_VIEWER).stances) {
      if (stance.stance !== 'object') continue;
      objections.push({
        goalId: round.goalId,
        goalTitle: inputs.goalTitles.get(round.goalId) ?? round.wording.title,
        roundId: round.id,
        roundNumber: round.number,
        roundOpen: open,
        partnerId: stance.partnerId,
        reason: stance.reason ?? null,
      });
    }
  }
  return objections;
}
