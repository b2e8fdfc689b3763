import type { AgreementChange, RoundWording } from '@common-ground/shared/api';
import { canonicalText, wordingHash } from '@common-ground/shared/rules';
import type { GoalStructure } from '@common-ground/shared/schema';

/** What the partners agreed on: the wording frozen at the round's opening, the structure frozen at its closing. */
export interface AgreedVersion {
  readonly wording: RoundWording;
  /** null for a round closed as agreed before structures were frozen (an older record). */
  readonly structure: GoalStructure | null;
}

/** The goal as the board document holds it now. */
export interface CurrentVersion {
  readonly wording: { readonly title: string; readonly description: string };
  readonly structure: GoalStructure;
}

/**
 * What differs between the agreement and the board now. The wording is compared by its hash, as rounds bind to
 * it; lead, commitments and review date by a second comparison, field by field, rather than a hash over
 * everything: a list of changes can show what changed (frozen against current), the wording hashes of rounds
 * closed earlier stay valid, and an open round is still invalidated by its wording only. Commitment texts compare
 * like wording texts (canonicalText), so a trailing space is no change.
 */
export function agreementChanges(agreed: AgreedVersion, current: CurrentVersion): AgreementChange[] {
  const changes: AgreementChange[] = [];
  if (wordingHash(current.wording.title, current.wording.description) !== agreed.wording.hash) {
    const { title, description } = agreed.wording;
    changes.push({ part: 'wording', agreed: { title, description }, current: { ...current.wording } });
  }
  // An older record froze no structure: nothing to compare it with (the agreement shows the current one).
  if (!agreed.structure) return changes;
  const was = agreed.structure;
  const now = current.structure;
  if (was.leadPartnerId !== now.leadPartnerId) {
    changes.push({ part: 'lead', agreed: was.leadPartnerId, current: now.leadPartnerId });
  }
  changes.push(...commitmentChanges(was, now));
  if (was.reviewDate !== now.reviewDate) {
    changes.push({ part: 'reviewDate', agreed: was.reviewDate, current: now.reviewDate });
  }
  return changes;
}

/** One change per partner whose commitment was added, removed or reworded; in partner id order. */
function commitmentChanges(was: GoalStructure, now: GoalStructure): AgreementChange[] {
  const before = new Map(was.commitments.map((c) => [c.partnerId, c.text]));
  const after = new Map(now.commitments.map((c) => [c.partnerId, c.text]));
  const partnerIds = [...new Set([...before.keys(), ...after.keys()])].sort();
  return partnerIds.flatMap((partnerId): AgreementChange[] => {
    const agreed = before.get(partnerId) ?? null;
    const current = after.get(partnerId) ?? null;
    const same =
      agreed !== null && current !== null
        ? canonicalText(agreed) === canonicalText(current)
        : agreed === current;
    return same ? [] : [{ part: 'commitment', partnerId, agreed, current }];
  });
}
