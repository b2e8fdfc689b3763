import type {
  Amendment,
  BoardLifecycle,
  HiddenComment,
  Meeting,
  Participant,
  Partner,
  PartnerProfile,
  ProposedPartner,
  Relation,
  Round,
} from '@common-ground/shared/api';
import type { DecisionRule } from '@common-ground/shared/rules';
import type { Attribution, FacilitationState, Goal, ProcessState } from '@common-ground/shared/schema';
import type { ConnectionState } from './connection';
import type { GoalDetails } from './goalDetails';
import type { GoalRounds } from './goalRounds';
import type { UndoState } from './moveUndo';
import type { OnlineParticipant } from './presence';
import type { Refusal } from './refusal';

/**
 * Everything the board screens read: plain values only, no Yjs types. The bridges keep unchanged parts (a goal,
 * its details, its round state) as the same objects from one update to the next, so screens select per goal.
 */
export interface BoardState {
  readonly title: string;
  readonly goals: readonly Goal[];
  readonly partners: readonly Partner[];
  /** Organisations proposed by a join, waiting for the facilitator (never counted as partners). */
  readonly proposedPartners: readonly ProposedPartner[];
  readonly participants: readonly Participant[];
  /** The network inventory, live from the record: profiles by partner id, and relations between partners. */
  readonly profiles: Readonly<Record<string, PartnerProfile>>;
  readonly relations: readonly Relation[];
  /** Who created goals and comments, by the server's record (authors.ts): never the document's own claim. */
  readonly authors: Readonly<Record<string, Attribution>>;
  /** Comments the facilitator hid, by comment id (server-written, in the record): shown as hidden, never as text. */
  readonly hiddenComments: Readonly<Record<string, HiddenComment>>;
  /** Edits a round's wording lock refused, kept as proposed amendments (server-written, in the record). */
  readonly amendments: readonly Amendment[];
  /** The meetings the facilitator scheduled, by start, cancelled ones included (server-written, in the record). */
  readonly meetings: readonly Meeting[];
  /** Ids of the meetings whose minutes are final (server-written, in the record); drafts live on the server only. */
  readonly finalMinutes: readonly string[];
  readonly online: readonly OnlineParticipant[];
  /** Every round, as this participant may see it (the record's live view plus the own partner's stances). */
  readonly rounds: readonly Round[];
  readonly decisionRule: DecisionRule;
  /** Archived or waiting for its deletion (server-written, in the record); null while the board is active. */
  readonly lifecycle: BoardLifecycle | null;
  /** Focus, timer and agenda as the facilitator set them (server-written, in the record). */
  readonly facilitation: FacilitationState;
  /** The board's phase on its process path and every move (server-written, in the record). */
  readonly process: ProcessState;
  /** Per goal id: its rounds, whether it is agreed, whether its wording changed since. */
  readonly goalRounds: Readonly<Record<string, GoalRounds>>;
  /** Per goal id: lead, commitments, review date and discussion thread. */
  readonly details: Readonly<Record<string, GoalDetails>>;
  readonly connection: ConnectionState;
  /** True once the board document has been received from the server at least once. */
  readonly loaded: boolean;
  /** The server closed a socket for good; the session then stays disconnected (see refusal.ts). */
  readonly refusal: Refusal | null;
  /** Whether this person's own moves and stage changes can be undone or redone on this device (moveUndo.ts). */
  readonly history: UndoState;
}
