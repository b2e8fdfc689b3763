import type { Round } from '@common-ground/shared/api';
import { useEffect, useState } from 'react';
import type { RememberedBoard } from '../app/deviceStorage';
import { withApi } from '../app/lazyApi';
import { useT } from '../i18n/locale';
import { roundsAwaitingPartner, timeLeft } from './awaiting';
import { useNow } from './useNow';

/** This person's own view from the API; offline, the copy of the record kept on this device. */
async function loadWaiting(board: RememberedBoard): Promise<Round[]> {
  try {
    // A facilitator usually speaks for no partner: then there is nothing to wait for and no rounds to fetch.
    return await withApi(async ({ api, roundsApi }) => {
      const info = await api.getBoard(board.boardId, board.token);
      if (!info.me.partnerId) return [];
      return roundsAwaitingPartner(await roundsApi.list(board.boardId, board.token), info.me.partnerId);
    });
  } catch {
    // Loaded on demand: the landing page should not carry Yjs for people who are offline only now and then.
    const { readLocalRecord } = await import('../sync/localPersistence');
    const local = await readLocalRecord(board.boardId);
    const partnerId = local?.participants.find((p) => p.id === board.participantId)?.partnerId;
    return local && partnerId ? roundsAwaitingPartner(local.rounds, partnerId) : [];
  }
}

/** On the landing page's list: how many rounds of this board wait for the person's organisation. */
export function AwaitingCount({ board }: { board: RememberedBoard }) {
  const t = useT();
  const now = useNow();
  const [waiting, setWaiting] = useState<Round[]>([]);
  useEffect(() => {
    if (board.role !== 'partner' && board.role !== 'facilitator') return;
    let active = true;
    void loadWaiting(board).then((rounds) => active && setWaiting(rounds));
    return () => {
      active = false;
    };
  }, [board]);
  const [next] = waiting;
  if (!next) return null;
  const left = timeLeft(next.deadline, now);
  const leftText = t(left.key, { count: left.count ?? 0 });
  return (
    <span className="badge awaiting-count" data-testid="awaiting-count">
      {t('async.landing', { count: waiting.length, timeLeft: leftText })}
    </span>
  );
}
