import type { deProcess } from './deProcess';

/** English texts for the process path, the health check and the process report (see en.ts). */
export const enProcess: { readonly [K in keyof typeof deProcess]: string } = {
  'process.heading': 'Process path',
  'process.phase.inventory': 'Network inventory',
  'process.phase.collect': 'Collect goals',
  'process.phase.negotiate': 'Negotiate',
  'process.phase.agree': 'Agree',
  'process.phase.review': 'Review',
  'process.purpose.inventory':
    'All partners show who they are, what they bring and how they relate to each other.',
  'process.before.inventory':
    'Before moving on: every partner has a profile, and residents are at the table.',
  'process.purpose.collect': 'Everyone proposes goals that matter to them for the neighbourhood.',
  'process.before.collect': 'Before moving on: every partner could bring in its goals.',
  'process.purpose.negotiate':
    'The group discusses the goals, rewords them and asks everyone for their stance in consensus rounds.',
  'process.before.negotiate': 'Before moving on: every objection was answered or taken into the wording.',
  'process.purpose.agree':
    'The agreed goals get a lead partner, commitments from partners and a review date.',
  'process.before.agree': 'Before moving on: every agreed goal has a lead, commitments and a review date.',
  'process.purpose.review': 'On the review dates the group looks at what became of the goals.',
  'process.before.review': 'Afterwards: adjust goals and, where needed, go into a new round.',
  'process.now': 'Now',
  'process.step': 'Step {number} of {total}',
  'process.since': 'since {date}',
  'process.sinceStart': 'since the start',
  'process.moveTo': 'Move to the phase',
  'process.moveHint': 'You decide when the group moves on. Going back is always possible.',
  'process.moveError': 'The phase could not be changed. Please try again.',

  'health.heading': 'Health check',
  'health.intro':
    'One line per principle of good cooperation, with the figure behind it and a suggestion. The figures come from what happened on the board. They do not rate partners.',
  'health.link': 'Health check',
  'health.all': 'All figures and explanations',
  'health.loading': 'Calculating the health check…',
  'health.attention': 'Worth a look',
  'health.fine': 'On track',
  'health.suggestion': 'Suggestion:',
  'health.explain': 'How is this counted?',
  'health.summaryHeading': 'Health check (facilitator only)',
  'health.summaryShort': 'Health check:',
  'health.summaryFine': 'Everything in view.',
  'expand.more': 'Show more',
  'expand.less': 'Show less',
  'health.appendix': 'How this agreement came about',
  'health.appendixIntro': 'The board’s health check at the time of this print.',

  'health.principle.network': 'Network inventory',
  'health.principle.transparency': 'Transparent communication',
  'health.principle.structures': 'Clear structures',
  'health.principle.goals': 'Shared goals',
  'health.principle.organisation': 'Process organisation',
  'health.principle.legitimation': 'Legitimation and balance of power',

  'health.fig.profiles': '{count} of {of} partners have filled in a profile.',
  'health.fig.residentsNone': 'No residents’ initiative at the table.',
  'health.fig.residents': 'Residents’ initiatives at the table: {names}.',
  'health.fig.unseen':
    '{count} of {of} changes since the last meeting have not been seen by at least one partner.',
  'health.fig.unseenNames': 'Not up to date yet: {names}.',
  'health.fig.openObjections': '{count} objections without an answer or amendment.',
  'health.fig.openObjectionsNames': 'Concerns: {names}.',
  'health.fig.structured': '{count} of {of} agreed goals have a lead, commitments and a review date.',
  'health.fig.structuredNames': 'Something is still missing for: {names}.',
  'health.fig.agreed': '{count} of {of} goals are agreed.',
  'health.fig.roundsPerAgreed':
    'Consensus rounds per agreed goal on average: {average} (rounds in all: {count}, agreed goals: {of}).',
  'health.fig.roundsPerAgreedNone': 'No goal agreed yet, so no rounds per goal yet.',
  'health.fig.amended': '{count} of {of} goals with an objection were agreed after a change.',
  'health.fig.meetings': '{count} meetings, the last on {date}.',
  'health.fig.meetingsOne': 'One meeting so far, on {date}.',
  'health.fig.meetingsNone': 'No meeting found yet.',
  'health.fig.sinceLastMeeting': 'The last meeting was {count} days ago.',
  'health.fig.sinceLastMeetingNone': 'Without a meeting there is no gap to measure yet.',
  'health.fig.kindBalance': 'Share of {count} contributions, by kind of partner:',
  'health.fig.kindBalanceNone': 'No contributions from partners yet.',
  'health.fig.kindShare':
    '{kind}: {count} of {total} contributions · {share} (an equal share would be {equal})',
  'health.fig.kindQuiet':
    'heard much less: {count} of {total} contributions, an equal share would be about {expected}',
  'health.fig.kindBalanceTooFew':
    'Too few contributions to compare yet: the check compares from {min} contributions.',
  'health.fig.noStance': '{count} of {of} partners have never given a stance in a consensus round.',
  'health.fig.noStanceNames': 'No stance yet: {names}.',

  'health.fig.unseenNone': 'Nothing on the board has changed since the last meeting.',
  'health.fig.amendedNone': 'No goal has received an objection so far.',
  'health.fig.sinceLastMeetingToday': 'The last meeting was today.',
  'health.fig.sinceLastMeetingYesterday': 'The last meeting was yesterday.',

  'health.explain.profiles':
    'Counts partners whose profile says at least something (description, offer, interests or contact).',
  'health.explain.residents':
    'Partners of the kind “residents’ initiative”. Work in a neighbourhood needs the legitimation of the people who live there.',
  'health.explain.unseen':
    'Changes to goals and rounds after the last meeting. A partner has seen a change when one of its people was on the board afterwards or is on it now. A partner’s own changes count as seen.',
  'health.explain.openObjections':
    'Goals whose last consensus round ended with an objection and whose wording has stayed the same since, without a new round.',
  'health.explain.structured':
    'Agreed goals (the latest closed round agreed) that have a lead organisation, at least one commitment and a review date.',
  'health.explain.agreed': 'Agreed goals compared with all goals on the board now.',
  'health.explain.roundsPerAgreed':
    'All consensus rounds on the agreed goals, divided by the number of those goals. Several rounds are not a bad sign: they show that there was negotiation.',
  'health.explain.amended':
    'Goals that once received an objection, and of those the ones later agreed with a changed wording.',
  'health.explain.meetings':
    'A meeting is a day on which the facilitator set a focus, used the timebox, or opened and closed a consensus round on the same day.',
  'health.explain.sinceLastMeeting':
    'Whole days since the facilitator’s last action in a meeting. After six weeks the check suggests a meeting.',
  'health.explain.kindBalance':
    'Contributions are counted: proposals, edits, comments and stances, added up by kind of partner (as in the voice balance). An edit is everything one person writes in one field of a goal without pausing for more than {gap} seconds, for at most {span} minutes. If two people type in the same field at once, each has one contribution. The equal share follows from the number of partners of that kind. The facilitator’s contributions are not counted. “Heard much less” appears only when there are at least {min} contributions, the equal share would be at least {expected} contributions and the kind has less than half of that.',
  'health.explain.noStance':
    'Partners with no visible stance yet. Stances in anonymous rounds belong to no partner and do not count here.',

  'health.suggest.network.noPartners': 'Invite the cooperation partners.',
  'health.suggest.network.noResidents':
    'Invite a residents’ initiative: without the people of the neighbourhood the cooperation lacks legitimation.',
  'health.suggest.network.missingProfiles':
    'Ask the partners without a profile to describe briefly who they are and what they bring.',
  'health.suggest.network.ok': 'The network is described. Keep the profiles up to date.',
  'health.suggest.transparency.openObjections':
    'Discuss the open objections: change the wording or start a new round.',
  'health.suggest.transparency.unseen':
    'Sum up the changes briefly at the next meeting, or send the partners a note.',
  'health.suggest.transparency.ok': 'Everyone is on the same page.',
  'health.suggest.structures.noneAgreed': 'Once goals are agreed, settle lead, commitments and review.',
  'health.suggest.structures.incomplete':
    'For the goals named, add who leads, who contributes what and when it will be reviewed.',
  'health.suggest.structures.ok': 'Every agreed goal has clear responsibilities.',
  'health.suggest.goals.noGoals': 'Ask all partners to propose goals.',
  'health.suggest.goals.noneAgreed': 'Bring a goal that has been discussed into a consensus round.',
  'health.suggest.goals.ok': 'The group has agreed on at least one shared goal.',
  'health.suggest.organisation.noMeeting': 'Plan a first meeting and take time to get to know each other.',
  'health.suggest.organisation.longAgo':
    'The last meeting was a long time ago. Plan a meeting so that the network stays alive.',
  'health.suggest.organisation.ok': 'The last meeting was not long ago.',
  'health.suggest.organisation.oneMeeting':
    'There has been one meeting so far. Agree on the next one so that a rhythm develops.',
  'health.suggest.organisation.regular': 'The group meets regularly.',
  'health.suggest.legitimation.noPartners': 'Once partners have joined, this line shows who gets heard.',
  'health.suggest.legitimation.quietKind':
    'One kind of partner is heard much less. Ask them for their view directly, for example with a round where everyone speaks in turn.',
  'health.suggest.legitimation.noStance':
    'Ask whether the partners named need support to give their stance. The facilitator can also record a stance for them.',
  'health.suggest.legitimation.ok': 'No kind of partner is heard much less.',
  'health.suggest.legitimation.tooFew':
    'Too few contributions yet to say anything about how voices are spread.',

  'report.link': 'Process report',
  'report.heading': 'Process report',
  'report.intro':
    'Phases, consensus rounds and the health check at a glance, for example for a funder’s report.',
  'report.print': 'Print',
  'report.markdown': 'Download as Markdown',
  'report.loading': 'Loading the report…',
  'report.forbidden': 'Only the facilitator can open the process report.',
  'report.generated': 'As of {date}',
  'report.phases': 'Phases',
  'report.phaseRange': '{from} to {to}',
  'report.today': 'today',
  'report.rounds': 'Consensus rounds',
  'report.noRounds': 'No consensus rounds yet.',
  'report.round': '{goal}, round {number} on {date}',
  'report.roundResult': '{outcome} ({responded} of {eligible} stances)',
  'report.running': 'still open',
  'report.outcome.agreed': 'agreed',
  'report.outcome.objected': 'objection',
  'report.outcome.no_quorum': 'too few stances',
  'report.outcome.invalidated': 'cancelled, the wording was changed',
  'report.partners': 'Cooperation partners',
};
