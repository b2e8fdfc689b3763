import type * as Y from 'yjs';
import type { z } from 'zod';
import { type Amendment, AmendmentSchema } from '../api/amendments';
import { type HiddenComment, HiddenCommentSchema } from '../api/comments';
import type { Participant, Partner, ProposedPartner } from '../api/entities';
import { ParticipantSchema, PartnerSchema, ProposedPartnerSchema } from '../api/entities';
import { type BoardLifecycle, BoardLifecycleSchema } from '../api/lifecycle';
import { type Meeting, MeetingSchema } from '../api/meetings';
import { type MinutesContent, MinutesContentSchema } from '../api/minutes';
import { type PartnerProfile, PartnerProfileSchema, type Relation, RelationSchema } from '../api/network';
import { type Round, RoundSchema } from '../api/rounds';
import { DEFAULT_DECISION_RULE, type DecisionRule, DecisionRuleSchema } from '../rules/decisionRule';
import { jsonEqual } from '../rules/equal';
import { type Attribution, authorKey, authorsMap } from './authors';
import { SERVER_ORIGIN } from './origins';

/**
 * The record document: a second Yjs document per board that only the server writes (clients' writes to it are
 * dropped). It mirrors authoritative state — partners, participants, later rounds — so every client sees it live
 * and offline, without being able to change it.
 */
/** Confirmed organisations only: the only ones that count anywhere (eligible, named, listed). */
const partnersMap = (doc: Y.Doc) => doc.getMap<unknown>('partners');
/** Organisations proposed by a join, waiting for the facilitator; kept apart so no reader mistakes one for a partner. */
const proposedPartnersMap = (doc: Y.Doc) => doc.getMap<unknown>('proposedPartners');
const participantsMap = (doc: Y.Doc) => doc.getMap<unknown>('participants');
const roundsMap = (doc: Y.Doc) => doc.getMap<unknown>('rounds');
const settingsMap = (doc: Y.Doc) => doc.getMap<unknown>('settings');
const profilesMap = (doc: Y.Doc) => doc.getMap<unknown>('profiles');
const relationsMap = (doc: Y.Doc) => doc.getMap<unknown>('relations');
const amendmentsMap = (doc: Y.Doc) => doc.getMap<unknown>('amendments');
/** Comment id → HiddenComment: comments the facilitator hid (the comment stays in the board document). */
const hiddenCommentsMap = (doc: Y.Doc) => doc.getMap<unknown>('hiddenComments');
/** Meeting id → Meeting: the meetings the facilitator scheduled, cancelled ones included. */
const meetingsMap = (doc: Y.Doc) => doc.getMap<unknown>('meetings');
/** Meeting id → MinutesContent: finalised minutes, frozen (ids only; names are looked up when shown). */
const minutesMap = (doc: Y.Doc) => doc.getMap<unknown>('minutes');

function readValid<T>(map: Y.Map<unknown>, schema: z.ZodType<T>): T[] {
  const items: T[] = [];
  for (const value of map.values()) {
    const parsed = schema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
  }
  return items;
}

/** Partners in a neutral order (by name), never by size or activity. */
export function readPartners(doc: Y.Doc): Partner[] {
  return readValid(partnersMap(doc), PartnerSchema).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Organisations waiting for confirmation, by name (like partners). */
export function readProposedPartners(doc: Y.Doc): ProposedPartner[] {
  return readValid(proposedPartnersMap(doc), ProposedPartnerSchema).sort((a, b) =>
    a.name.localeCompare(b.name, 'de'),
  );
}

export function readParticipants(doc: Y.Doc): Participant[] {
  return readValid(participantsMap(doc), ParticipantSchema).sort((a, b) =>
    a.name.localeCompare(b.name, 'de'),
  );
}

/**
 * Rounds as everyone may see them (the server applies the round's visibility before writing), oldest first.
 * The caller's own partner's stance in a hidden or anonymous round comes from the API, not from here.
 */
export function readRounds(doc: Y.Doc): Round[] {
  return readValid(roundsMap(doc), RoundSchema).sort(
    (a, b) => a.openedAt - b.openedAt || a.number - b.number,
  );
}

/** The board's lifecycle (archived, deletion pending); null while it is active or the entry is malformed. */
export function readLifecycle(doc: Y.Doc): BoardLifecycle | null {
  const parsed = BoardLifecycleSchema.safeParse(settingsMap(doc).get('lifecycle'));
  return parsed.success ? parsed.data : null;
}

export function readDecisionRule(doc: Y.Doc): DecisionRule {
  const parsed = DecisionRuleSchema.safeParse(settingsMap(doc).get('decisionRule'));
  return parsed.success ? parsed.data : DEFAULT_DECISION_RULE;
}

/** Partner profiles by partner id; a malformed entry is left out. */
export function readProfiles(doc: Y.Doc): Map<string, PartnerProfile> {
  return new Map(readValid(profilesMap(doc), PartnerProfileSchema).map((p) => [p.partnerId, p]));
}

/** Relations between partners, oldest first. One naming a partner not on the board is the UI's to skip. */
export function readRelations(doc: Y.Doc): Relation[] {
  return readValid(relationsMap(doc), RelationSchema).sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
}

/** Proposed amendments of goals' wording, adopted and dismissed ones included, oldest first. */
export function readAmendments(doc: Y.Doc): Amendment[] {
  return readValid(amendmentsMap(doc), AmendmentSchema).sort(
    (a, b) => a.proposedAt - b.proposedAt || (a.id < b.id ? -1 : 1),
  );
}

/** Hidden comments by comment id; a malformed entry is left out (that comment shows as written). */
export function readHiddenComments(doc: Y.Doc): Record<string, HiddenComment> {
  const hidden: Record<string, HiddenComment> = {};
  for (const [commentId, value] of hiddenCommentsMap(doc).entries()) {
    const parsed = HiddenCommentSchema.safeParse(value);
    if (parsed.success) hidden[commentId] = parsed.data;
  }
  return hidden;
}

/** Meetings by start (then id), cancelled ones included; a malformed entry is left out. */
export function readMeetings(doc: Y.Doc): Meeting[] {
  return readValid(meetingsMap(doc), MeetingSchema).sort(
    (a, b) => a.start - b.start || (a.id < b.id ? -1 : 1),
  );
}

/** Finalised minutes by meeting id; a malformed entry is left out. */
export function readFinalMinutes(doc: Y.Doc): Map<string, MinutesContent> {
  return new Map(readValid(minutesMap(doc), MinutesContentSchema).map((m) => [m.meetingId, m]));
}

/** Server side: writes only entries whose content differs, so unchanged state produces no update. */
export function writeRecordEntries(
  doc: Y.Doc,
  entries: {
    partners?: readonly Partner[];
    /** Every organisation waiting for confirmation: replaces the set (a confirmed or declined one leaves it). */
    proposedPartners?: readonly ProposedPartner[];
    participants?: readonly Participant[];
    rounds?: readonly Round[];
    decisionRule?: DecisionRule;
    profiles?: readonly PartnerProfile[];
    relations?: readonly Relation[];
    /** Relations that were removed: their entries are deleted. */
    removedRelationIds?: readonly string[];
    /** Who created goals and comments (authors.ts); an entry never changes once storage has it. */
    attributions?: readonly Attribution[];
    amendments?: readonly Amendment[];
    /** Every comment hidden now: replaces the set (a comment shown again leaves it). */
    hiddenComments?: readonly (HiddenComment & { readonly commentId: string })[];
    /** Meetings are never deleted (a cancelled one stays, marked): entries are only set. */
    meetings?: readonly Meeting[];
    /** Finalised minutes: frozen, so an entry is set once and never changes. */
    finalMinutes?: readonly MinutesContent[];
    /** The board's lifecycle; null removes the entry (active again). */
    lifecycle?: BoardLifecycle | null;
  },
): void {
  doc.transact(() => {
    for (const partner of entries.partners ?? []) setIfChanged(partnersMap(doc), partner.id, partner);
    if (entries.proposedPartners) replaceAll(proposedPartnersMap(doc), entries.proposedPartners);
    for (const participant of entries.participants ?? []) {
      setIfChanged(participantsMap(doc), participant.id, participant);
    }
    for (const round of entries.rounds ?? []) setIfChanged(roundsMap(doc), round.id, round);
    if (entries.decisionRule) setIfChanged(settingsMap(doc), 'decisionRule', entries.decisionRule);
    if (entries.lifecycle) setIfChanged(settingsMap(doc), 'lifecycle', entries.lifecycle);
    else if (entries.lifecycle === null && settingsMap(doc).has('lifecycle'))
      settingsMap(doc).delete('lifecycle');
    for (const profile of entries.profiles ?? []) setIfChanged(profilesMap(doc), profile.partnerId, profile);
    for (const relation of entries.relations ?? []) setIfChanged(relationsMap(doc), relation.id, relation);
    for (const id of entries.removedRelationIds ?? []) {
      if (relationsMap(doc).has(id)) relationsMap(doc).delete(id);
    }
    for (const entry of entries.attributions ?? []) {
      setIfChanged(authorsMap(doc), authorKey(entry.kind, entry.id), entry);
    }
    for (const amendment of entries.amendments ?? [])
      setIfChanged(amendmentsMap(doc), amendment.id, amendment);
    for (const meeting of entries.meetings ?? []) setIfChanged(meetingsMap(doc), meeting.id, meeting);
    for (const minutes of entries.finalMinutes ?? [])
      setIfChanged(minutesMap(doc), minutes.meetingId, minutes);
    if (entries.hiddenComments) {
      replaceEntries(
        hiddenCommentsMap(doc),
        entries.hiddenComments.map(({ commentId, by, at }) => [commentId, { by, at }] as const),
      );
    }
  }, SERVER_ORIGIN);
}

function replaceAll(map: Y.Map<unknown>, items: readonly { readonly id: string }[]): void {
  replaceEntries(
    map,
    items.map((item) => [item.id, item]),
  );
}

/** Makes the map hold exactly these entries; unchanged ones produce no update. */
function replaceEntries(map: Y.Map<unknown>, entries: readonly (readonly [string, object])[]): void {
  const keep = new Set(entries.map(([key]) => key));
  for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
  for (const [key, value] of entries) setIfChanged(map, key, value);
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: object): void {
  if (!jsonEqual(map.get(key), value)) map.set(key, { ...value });
}
