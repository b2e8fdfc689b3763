import type { RoundOutcome, RoundVisibility, RoundWording } from '@common-ground/shared/api';
import type { DecisionRule, ReasonCode, Stance } from '@common-ground/shared/rules';
import type { GoalStructure } from '@common-ground/shared/schema';

/** Consent rounds: their rows, stances and closures, and the board's decision rule. */
export interface RoundStore {
  /**
   * Opens a round, atomically: refused while the goal has an open round (a database constraint, so it holds
   * across instances) or while the board has no partners. Numbers it after the goal's earlier rounds, takes the
   * board's rule (`defaultRule` if it never set one) and every current partner as eligible. Its row is never
   * changed afterwards.
   */
  openRound(round: NewRound, defaultRule: DecisionRule): Promise<OpenRoundResult>;
  /** A round with its closure and every stance, oldest first; null if unknown. */
  getRound(roundId: string): Promise<StoredRound | null>;
  /** Every round of a board, oldest first. */
  listRounds(boardId: string): Promise<StoredRound[]>;
  /** The board's rounds that have no closure yet. */
  listOpenRounds(boardId: string): Promise<StoredRound[]>;
  /** Open rounds of any board whose deadline is at or before `now`. */
  listDueRounds(now: number): Promise<StoredRound[]>;
  countRounds(boardId: string, goalId: string): Promise<number>;
  /** Appends a stance (a partner's current stance is its latest); null, storing nothing, if the round is closed. */
  appendStance(stance: NewStance): Promise<StanceRecord | null>;
  /** Records a round's end; false if it was already closed (a closure is never rewritten). */
  closeRound(closure: RoundClosureRecord): Promise<boolean>;
  /** null = the board never set one (the default rule applies). */
  getDecisionRule(boardId: string): Promise<DecisionRule | null>;
  setDecisionRule(boardId: string, rule: DecisionRule, by: string, at: number): Promise<void>;
}

/** A round to open; storage fills in its number, rule and eligible partners. */
export type NewRound = Omit<RoundRecord, 'number' | 'rule' | 'eligiblePartnerIds'>;

export type OpenRoundResult =
  | { readonly ok: true; readonly round: RoundRecord }
  | { readonly ok: false; readonly reason: 'round_open' | 'no_partners' };

/** A round as opened: the frozen wording, eligible partners and rule. */
export interface RoundRecord {
  readonly id: string;
  readonly boardId: string;
  readonly goalId: string;
  readonly number: number;
  readonly openedAt: number;
  readonly openedBy: string;
  readonly deadline: number | null;
  readonly visibility: RoundVisibility;
  readonly autoClose: boolean;
  readonly rule: DecisionRule;
  readonly wording: RoundWording;
  readonly eligiblePartnerIds: readonly string[];
}

export interface RoundClosureRecord {
  readonly roundId: string;
  readonly closedAt: number;
  readonly outcome: RoundOutcome;
  /** Empty for `invalidated`. */
  readonly reasons: readonly ReasonCode[];
  /** The facilitator who closed it; null when a deadline, auto-close or an edit of the wording closed it. */
  readonly closedBy: string | null;
  /**
   * The goal's lead, commitments and review date when the round closed as `agreed`, frozen with it. null for the
   * other outcomes, and for rounds closed before they were frozen (the agreement then shows the current ones).
   */
  readonly agreedStructure: GoalStructure | null;
}

export interface NewStance {
  readonly roundId: string;
  readonly partnerId: string;
  readonly stance: Stance;
  readonly reason: string | null;
  readonly provisionalUntil: number | null;
  /** The participant who gave it: a person of the partner, or a facilitator recording for it. */
  readonly recordedBy: string;
  readonly byFacilitator: boolean;
  readonly at: number;
}

export interface StanceRecord extends NewStance {
  /** Increases with every stance stored, so it orders stances even within one millisecond. */
  readonly id: number;
}

export interface StoredRound extends RoundRecord {
  readonly closure: RoundClosureRecord | null;
  /** Every stance of the round, oldest first. */
  readonly stances: readonly StanceRecord[];
}
