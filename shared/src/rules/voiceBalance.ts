import { z } from 'zod';
import { type Partner, PartnerKindSchema } from '../api/entities';
import { PARTNER_KINDS, type PartnerKind } from '../api/vocabulary';

/**
 * What counts as having a voice in a period: proposing, editing, commenting, taking a stance in a round. An edit
 * is a contribution as grouped by `groupEdits`, never a single keystroke.
 */
export const CONTRIBUTION_KINDS = ['proposal', 'edit', 'comment', 'stance'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/**
 * One attributed contribution. `partnerId` null = nobody's partner: a facilitator without a partner, the server,
 * or a stance whose partner the round's visibility hides from the viewer.
 */
export interface Contribution {
  readonly kind: ContributionKind;
  readonly partnerId: string | null;
  readonly at: number;
}

/**
 * Typing is counted as contributions, not as the editor's transactions (one per keystroke): one person's edits
 * of one field of one goal are one contribution while each follows the previous one by less than
 * CONTRIBUTION_GAP_MS and the whole run lasts at most CONTRIBUTION_SPAN_MS. Someone else editing the same field
 * meanwhile does not split it — two people typing at once would otherwise count a contribution per keystroke.
 */
export const CONTRIBUTION_GAP_MS = 60_000;
/** Caps a run, so a person typing without pause for an hour is counted for each ten minutes of it. */
export const CONTRIBUTION_SPAN_MS = 10 * 60_000;

/** One edit as grouping needs it: `field` names one field of one goal (e.g. `<goalId>/description`). */
export interface FieldEdit {
  readonly participantId: string | null;
  readonly field: string;
  readonly at: number;
}

/** A contribution made of edits: when its first and its latest edit happened, and how many there were. */
export interface EditRun {
  readonly participantId: string | null;
  readonly field: string;
  readonly startedAt: number;
  readonly at: number;
  readonly edits: number;
}

/** Whether `edit` belongs to the contribution `run` (the same person's latest run in that field). */
export const continuesRun = (run: Omit<EditRun, 'edits'>, edit: FieldEdit): boolean =>
  run.participantId === edit.participantId &&
  run.field === edit.field &&
  edit.at - run.at < CONTRIBUTION_GAP_MS &&
  edit.at - run.startedAt <= CONTRIBUTION_SPAN_MS;

/** Edits in log order, grouped into contributions (ordered by their first edit). */
export function groupEdits(edits: readonly FieldEdit[]): EditRun[] {
  const runs: EditRun[] = [];
  // Per person and field, the index of its latest run: the only one a further edit may extend.
  const open = new Map<string, number>();
  for (const edit of edits) {
    const key = `${edit.participantId ?? ''}\u0000${edit.field}`;
    const index = open.get(key);
    const run = index === undefined ? undefined : runs[index];
    if (index !== undefined && run && continuesRun(run, edit)) {
      runs[index] = { ...run, at: edit.at, edits: run.edits + 1 };
      continue;
    }
    open.set(key, runs.length);
    runs.push({
      participantId: edit.participantId,
      field: edit.field,
      startedAt: edit.at,
      at: edit.at,
      edits: 1,
    });
  }
  return runs;
}

const CountsSchema = z.object({
  proposal: z.number().int().min(0),
  edit: z.number().int().min(0),
  comment: z.number().int().min(0),
  stance: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ContributionCounts = z.infer<typeof CountsSchema>;

/** Fractions in [0, 1] of the contributions attributed to partners; 0 where there were none of that kind. */
const SharesSchema = z.object({
  proposal: z.number().min(0).max(1),
  edit: z.number().min(0).max(1),
  comment: z.number().min(0).max(1),
  stance: z.number().min(0).max(1),
  total: z.number().min(0).max(1),
});
export type ContributionShares = z.infer<typeof SharesSchema>;

export const VoiceBalanceSchema = z.object({
  from: z.number().nullable(),
  to: z.number().nullable(),
  /** 1 / number of partners: the share each would have if every voice were heard alike (0 without partners). */
  equalShare: z.number().min(0).max(1),
  /** Contributions attributed to partners (the base of every share). */
  totals: CountsSchema,
  /** Every partner, in the order given, those without any contribution included. */
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      kind: PartnerKindSchema,
      counts: CountsSchema,
      shares: SharesSchema,
    }),
  ),
  /** Every partner kind that has at least one partner on the board, in PARTNER_KINDS order. */
  kinds: z.array(
    z.object({
      kind: PartnerKindSchema,
      partners: z.number().int().min(1),
      counts: CountsSchema,
      shares: SharesSchema,
    }),
  ),
  /** Partners with no contribution at all in the period: the voices missing from the table. */
  silentPartnerIds: z.array(z.string()),
  /** Contributions of no partner (facilitator, server) or of a partner the viewer may not see: not in any share. */
  unattributed: CountsSchema,
});
export type VoiceBalance = z.infer<typeof VoiceBalanceSchema>;

const zeroCounts = (): ContributionCounts => ({ proposal: 0, edit: 0, comment: 0, stance: 0, total: 0 });

function add(counts: ContributionCounts, kind: ContributionKind): void {
  counts[kind]++;
  counts.total++;
}

function sharesOf(counts: ContributionCounts, totals: ContributionCounts): ContributionShares {
  const share = (key: keyof ContributionCounts) => (totals[key] === 0 ? 0 : counts[key] / totals[key]);
  return {
    proposal: share('proposal'),
    edit: share('edit'),
    comment: share('comment'),
    stance: share('stance'),
    total: share('total'),
  };
}

/**
 * Who was heard how much in [from, to] (inclusive; null = open end). Pure and neutral: every partner appears,
 * in the order given, and a contribution by someone who is not a partner of the board counts as unattributed
 * rather than to anyone's share.
 */
export function voiceBalance(input: {
  readonly partners: readonly Partner[];
  readonly contributions: readonly Contribution[];
  readonly from?: number | null;
  readonly to?: number | null;
}): VoiceBalance {
  const from = input.from ?? null;
  const to = input.to ?? null;
  const byPartner = new Map<string, ContributionCounts>(input.partners.map((p) => [p.id, zeroCounts()]));
  const totals = zeroCounts();
  const unattributed = zeroCounts();
  for (const c of input.contributions) {
    if ((from !== null && c.at < from) || (to !== null && c.at > to)) continue;
    const counts = c.partnerId === null ? undefined : byPartner.get(c.partnerId);
    if (!counts) {
      add(unattributed, c.kind);
      continue;
    }
    add(counts, c.kind);
    add(totals, c.kind);
  }
  const partners = input.partners.map((p) => {
    const counts = byPartner.get(p.id) ?? zeroCounts();
    return { partnerId: p.id, name: p.name, kind: p.kind, counts, shares: sharesOf(counts, totals) };
  });
  const kinds = PARTNER_KINDS.flatMap((kind: PartnerKind) => {
    const members = partners.filter((p) => p.kind === kind);
    if (members.length === 0) return [];
    const counts = zeroCounts();
    for (const m of members) {
      for (const key of CONTRIBUTION_KINDS) counts[key] += m.counts[key];
      counts.total += m.counts.total;
    }
    return [{ kind, partners: members.length, counts, shares: sharesOf(counts, totals) }];
  });
  return {
    from,
    to,
    equalShare: input.partners.length === 0 ? 0 : 1 / input.partners.length,
    totals,
    partners,
    kinds,
    silentPartnerIds: partners.filter((p) => p.counts.total === 0).map((p) => p.partnerId),
    unattributed,
  };
}
