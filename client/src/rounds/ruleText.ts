import type { DecisionRule } from '@common-ground/shared/rules';
import type { Translate } from '../i18n/translate';

export const percent = (fraction: number): number => Math.round(fraction * 100);

/** The board's decision rule in one plain sentence. */
export function ruleSummary(rule: DecisionRule, t: Translate): string {
  switch (rule.kind) {
    case 'consent':
      return t('rule.consent.summary', { quorum: percent(rule.quorum) });
    case 'consensus':
      return t('rule.consensus.summary', { quorum: percent(rule.quorum), max: rule.maxStandAsides });
    case 'majority':
      return t('rule.majority.summary', { quorum: percent(rule.quorum), threshold: percent(rule.threshold) });
  }
}
