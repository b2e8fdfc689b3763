import type { Participant, Partner, Round } from '@common-ground/shared/api';
import {
  readAmendments,
  readAuthors,
  readDecisionRule,
  readFinalMinutes,
  readHiddenComments,
  readLifecycle,
  readMeetings,
  readParticipants,
  readPartners,
  readProfiles,
  readProposedPartners,
  readRelations,
  readRounds,
} from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { StoreApi } from 'zustand/vanilla';
import { onPseudonymFormat, withPseudonyms } from '../i18n/pseudonyms';
import type { BoardState } from './boardState';
import { keepEqualRounds, mergeRounds, updateRoundsByGoal } from './goalRounds';
import { trackProcess } from './processState';
import { trackFacilitation } from './sessionState';
import { createViewerRounds } from './viewerRounds';

export interface RecordSeed {
  readonly partners: readonly Partner[];
  readonly participants: readonly Participant[];
}

export interface RecordBridge {
  /** Partners and participants as the API reported them, until the live record has them too. */
  seed(entries: RecordSeed): void;
  /** A round the API returned to this participant: shown at once, before the record catches up. */
  putRound(round: Round): void;
  stop(): void;
}

const mergeById = <T extends { id: string }>(live: readonly T[], seed: readonly T[]): T[] => {
  const ids = new Set(live.map((item) => item.id));
  return [...live, ...seed.filter((item) => !ids.has(item.id))];
};

export type RecordEntries = Pick<
  BoardState,
  | 'partners'
  | 'proposedPartners'
  | 'participants'
  | 'profiles'
  | 'relations'
  | 'authors'
  | 'hiddenComments'
  | 'amendments'
  | 'meetings'
  | 'finalMinutes'
  | 'decisionRule'
  | 'lifecycle'
>;

/** The record's entries, with the API's partners and participants where the record lacks them. */
export function readRecordEntries(record: Y.Doc, seed: RecordSeed): RecordEntries {
  return {
    partners: mergeById(readPartners(record), seed.partners),
    proposedPartners: readProposedPartners(record),
    participants: withPseudonyms(mergeById(readParticipants(record), seed.participants)),
    profiles: Object.fromEntries(readProfiles(record)),
    relations: readRelations(record),
    authors: readAuthors(record),
    hiddenComments: readHiddenComments(record),
    amendments: readAmendments(record),
    meetings: readMeetings(record),
    finalMinutes: [...readFinalMinutes(record).keys()],
    decisionRule: readDecisionRule(record),
    lifecycle: readLifecycle(record),
  };
}

/**
 * Keeps the record document's part of the state current: its entries, facilitation and process, and the rounds
 * (the record's public view merged with this participant's own view from the API, which is loaded again whenever
 * the record's rounds change). Round objects that did not change stay the same, and the goals' round states are
 * derived again only when the rounds changed.
 */
export function bridgeRecord(
  record: Y.Doc,
  store: StoreApi<BoardState>,
  loadRounds: () => Promise<readonly Round[]>,
): RecordBridge {
  let seed: RecordSeed = { partners: [], participants: [] };
  let recordRounds: readonly Round[] = [];
  const setRounds = () => {
    const { goals, goalRounds } = store.getState();
    const rounds = mergeRounds(recordRounds, viewerRounds.get());
    store.setState({ rounds, goalRounds: updateRoundsByGoal(goalRounds, goals, rounds, null) });
  };
  const viewerRounds = createViewerRounds(loadRounds, setRounds);

  const onUpdate = () => {
    const rounds = keepEqualRounds(recordRounds, readRounds(record));
    const roundsChanged = rounds !== recordRounds;
    recordRounds = rounds;
    store.setState(readRecordEntries(record, seed));
    if (!roundsChanged) return;
    setRounds();
    viewerRounds.refresh();
  };
  record.on('update', onUpdate);
  const stopPseudonyms = onPseudonymFormat(onUpdate);
  const stopFacilitation = trackFacilitation(record, (facilitation) => store.setState({ facilitation }));
  const stopProcess = trackProcess(record, (process) => store.setState({ process }));

  return {
    seed: (entries) => {
      seed = entries;
      onUpdate();
    },
    putRound: (round) => viewerRounds.put(round),
    stop: () => {
      record.off('update', onUpdate);
      stopPseudonyms();
      stopFacilitation();
      stopProcess();
      viewerRounds.stop();
    },
  };
}
