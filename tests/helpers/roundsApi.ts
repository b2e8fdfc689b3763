import { type Round, RoundSchema } from '@common-ground/shared/api';
import { goalText, proposeGoal, readRounds } from '@common-ground/shared/schema';
import { beforeEach } from 'vitest';
import type * as Y from 'yjs';
import type { RunningServer } from '../../server/src/server';
import { type ApiResult, api, type SeededBoard, seedBoard } from './clients';
import { type ServerFixture, useTestServer } from './server';
import { waitFor } from './wait';

/** The rounds endpoints of one server; every call returns the raw result for status assertions. */
export function roundsApi(baseUrl: string) {
  const { request } = api(baseUrl);
  const base = (boardId: string) => `/api/boards/${boardId}`;
  return {
    list: (boardId: string, token: string) => request('GET', `${base(boardId)}/rounds`, { token }),
    open: (boardId: string, token: string, body: unknown) =>
      request('POST', `${base(boardId)}/rounds`, { body, token }),
    stance: (boardId: string, roundId: string, token: string, body: unknown) =>
      request('POST', `${base(boardId)}/rounds/${roundId}/stances`, { body, token }),
    close: (boardId: string, roundId: string, token: string) =>
      request('POST', `${base(boardId)}/rounds/${roundId}/close`, { token }),
    setRule: (boardId: string, token: string, body: unknown) =>
      request('PUT', `${base(boardId)}/decision-rule`, { body, token }),
    exportAgreement: (boardId: string, token: string, format?: string) =>
      request('GET', `${base(boardId)}/export${format ? `?format=${format}` : ''}`, { token }),
  };
}

export type RoundsApi = ReturnType<typeof roundsApi>;

export interface SeededBoardFixture extends ServerFixture {
  readonly board: SeededBoard;
  readonly rounds: RoundsApi;
}

/** `useTestServer` plus, before each test, a seeded board (see `seedBoard`) and its server's rounds endpoints. */
export function useSeededBoard(): SeededBoardFixture {
  const fixture = useTestServer();
  let board: SeededBoard | undefined;
  beforeEach(async () => {
    board = await seedBoard(fixture.server.url);
  });
  return {
    pool: fixture.pool,
    get server() {
      return fixture.server;
    },
    get board() {
      if (!board) throw new Error('the seeded board exists only inside a test');
      return board;
    },
    get rounds() {
      return roundsApi(fixture.server.url);
    },
  };
}

/** The round in a response with the expected status; throws with the body otherwise. */
export function roundOf(result: ApiResult, status: number): Round {
  if (result.status !== status) {
    throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return RoundSchema.parse(result.body);
}

/** Resolves once the server's copy of the board document satisfies `check` (it stored the client's edit). */
export function serverSees(
  server: RunningServer,
  boardId: string,
  check: (doc: NonNullable<ReturnType<RunningServer['rooms']['get']>>['doc']) => boolean,
  message = 'the server to have the edit',
): Promise<boolean> {
  return waitFor(
    () => {
      const room = server.rooms.get(boardId);
      return room ? check(room.doc) : false;
    },
    { message },
  );
}

/** Proposes a goal through a real, synced board client and waits until the server has stored it. */
export async function addGoal(
  server: RunningServer,
  boardId: string,
  client: { doc: Parameters<typeof proposeGoal>[0]; synced: Promise<void> },
  title: string,
  description: string,
): Promise<string> {
  await client.synced;
  const goalId = proposeGoal(client.doc, { title, description, createdBy: 'test', now: 1 });
  await serverSees(
    server,
    boardId,
    (doc) => goalText(doc, goalId, 'description')?.toString() === description,
  );
  return goalId;
}

/** Resolves with the first round of a record document that satisfies `check`, as pushed by the server. */
export async function liveRound(
  record: Y.Doc,
  check: (round: Round) => boolean,
  message: string,
): Promise<Round> {
  const round = await waitFor(() => readRounds(record).find(check), { message });
  if (!round) throw new Error(`no round for ${message}`);
  return round;
}
