import type { Partner } from '@common-ground/shared/api';

/** The board's organisations: confirmed by the facilitator, or proposed by a join and waiting. */
export interface PartnerStore {
  /** Stores a confirmed organisation (the facilitator created it). */
  createPartner(partner: PartnerRecord): Promise<void>;
  /** The board's confirmed organisations, the only ones that count (eligible, named, listed); oldest first. */
  listPartners(boardId: string): Promise<PartnerRecord[]>;
  /** Organisations proposed by a join and neither confirmed nor declined yet, oldest first. */
  listProposedPartners(boardId: string): Promise<ProposedPartnerRecord[]>;
  /**
   * Confirms a proposed organisation and, in the same transaction, the membership of the person who proposed it.
   * `already` (nothing changed) if it is confirmed; `not_found` if the board has no such organisation or it was
   * declined.
   */
  confirmPartner(boardId: string, partnerId: string, at: number): Promise<ConfirmPartnerResult>;
  /**
   * Declines a proposed organisation: it no longer exists for the board (the row stays, for the record), and
   * whoever claimed it stays on the board as a person without organisation. `confirmed` (nothing changed) if it was
   * confirmed already: that is no longer a proposal.
   */
  declinePartner(boardId: string, partnerId: string, at: number): Promise<DeclinePartnerResult>;
  /**
   * Confirms that a person claiming the confirmed organisation `partnerId` belongs to it. `not_found` unless the
   * person is on the board and claims exactly that (confirmed) organisation.
   */
  confirmMember(
    boardId: string,
    partnerId: string,
    participantId: string,
    at: number,
  ): Promise<ConfirmMemberResult>;
}

export interface PartnerRecord extends Partner {
  readonly boardId: string;
  readonly createdAt: number;
}

export interface ProposedPartnerRecord extends PartnerRecord {
  /** The person whose join proposed it; null if unknown. */
  readonly proposedBy: string | null;
}

export type ConfirmPartnerResult = 'confirmed' | 'already' | 'not_found';
export type DeclinePartnerResult = 'declined' | 'confirmed' | 'not_found';
export type ConfirmMemberResult = 'confirmed' | 'already' | 'not_found';
