import type { Attribution } from '@common-ground/shared/schema';
import {
  ClientOrigin,
  proposeGoal,
  readGoalById,
  restoreGoal,
  SERVER_ORIGIN,
  withdrawGoal,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log';
import type { ParticipantRecord } from '../storage/types';
import { StructureGuard } from './structureGuard';
import { WITHDRAWAL_CLOCK_SKEW_MS } from './withdrawals';
import { mayWrite } from './writePermissions';
import { WriterIdentities } from './writerIdentities';

const NOW = 1_800_000_000_000;

describe('mayWrite: withdrawing a goal', () => {
  const withdrawal = { kind: 'withdrawal' } as const;
  it('lets the facilitator and the recorded proposer withdraw and restore, nobody else', () => {
    expect(mayWrite({ role: 'facilitator', partnerId: null }, withdrawal)).toBe(true);
    expect(mayWrite({ role: 'partner', partnerId: 'a' }, withdrawal, true)).toBe(true);
    expect(mayWrite({ role: 'partner', partnerId: null }, withdrawal, true)).toBe(true);
    expect(mayWrite({ role: 'partner', partnerId: 'a' }, withdrawal, false)).toBe(false);
    expect(mayWrite({ role: 'observer', partnerId: null }, withdrawal, true)).toBe(false);
    expect(mayWrite(undefined, withdrawal, true)).toBe(false);
  });
});

const person = (id: string, role: ParticipantRecord['role']): ParticipantRecord => ({
  id,
  boardId: 'board-1',
  name: id,
  role,
  partnerId: null,
  color: '#1d4ed8',
  createdAt: 0,
});
const authored = (goalId: string, participantId: string): Attribution => ({
  kind: 'goal',
  id: goalId,
  goalId,
  participantId,
  at: 1,
  contentHash: null,
});

/** A server document with the guard watching and Ayşe recorded as the goal's proposer; a client's replica. */
async function setup() {
  const log = createLogger('silent');
  const server = new Y.Doc();
  const goalId = proposeGoal(server, { title: 'Spielplatz', description: '', createdBy: 'x', now: 1 });
  const listed = {
    people: [person('fac', 'facilitator'), person('ayse', 'partner'), person('bernd', 'partner')],
    attributions: [authored(goalId, 'ayse')],
  };
  const identities = new WriterIdentities({ listParticipants: async () => listed.people }, log, {
    listAttributions: async () => listed.attributions,
  });
  const guard = new StructureGuard(identities, log, () => NOW);
  guard.watch(server);
  await guard.load('board-1');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const write = (participantId: string, edit: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    edit(client);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv), new ClientOrigin(participantId, {}));
    const followUp = server.transact(() => guard.enforce('board-1', server, participantId), SERVER_ORIGIN);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    return followUp;
  };
  const serverWrite = (fn: (doc: Y.Doc) => void) => {
    server.transact(() => fn(server), SERVER_ORIGIN);
    return Promise.resolve();
  };
  const goal = () => readGoalById(server, goalId);
  const entry = () => server.getMap<unknown>('goals').get(goalId) as Y.Map<unknown>;
  return { listed, server, goalId, write, serverWrite, goal, entry };
}

describe('StructureGuard: who withdraws and restores goals', () => {
  it('puts back a withdrawal by someone who did not propose the goal', async () => {
    const { write, goal, goalId } = await setup();
    expect(write('bernd', (doc) => withdrawGoal(doc, goalId, 'bernd', NOW))).toBeNull();
    expect(goal()).not.toHaveProperty('withdrawnAt');
    expect(goal()).not.toHaveProperty('withdrawnBy');
  });

  it("keeps the proposer's withdrawal and the facilitator's restore; the stage stays", async () => {
    const { write, goal, goalId } = await setup();
    write('ayse', (doc) => withdrawGoal(doc, goalId, 'ayse', NOW - 1000));
    expect(goal()).toMatchObject({ stage: 'proposed', withdrawnAt: NOW - 1000, withdrawnBy: 'ayse' });
    // Bernd may not restore it either.
    write('bernd', (doc) => restoreGoal(doc, goalId));
    expect(goal()).toMatchObject({ withdrawnAt: NOW - 1000, withdrawnBy: 'ayse' });
    write('fac', (doc) => restoreGoal(doc, goalId));
    expect(goal()).not.toHaveProperty('withdrawnAt');
  });

  it('sets the writer as withdrawnBy and the server time for a clock beyond the bound', async () => {
    const { write, goal, goalId } = await setup();
    write('ayse', (doc) => withdrawGoal(doc, goalId, 'bernd', NOW + WITHDRAWAL_CLOCK_SKEW_MS + 1));
    expect(goal()).toMatchObject({ withdrawnAt: NOW, withdrawnBy: 'ayse' });
    write('fac', (doc) => withdrawGoal(doc, goalId, 'ayse', 0));
    expect(goal()).toMatchObject({ withdrawnAt: NOW, withdrawnBy: 'fac' });
  });

  it('hostile: a lone withdrawnBy or a half-cleared withdrawal is made consistent', async () => {
    const { write, entry, goal, goalId } = await setup();
    write('fac', (doc) => (doc.getMap('goals').get(goalId) as Y.Map<unknown>).set('withdrawnBy', 'ayse'));
    expect(entry().has('withdrawnBy')).toBe(false);
    write('ayse', (doc) => withdrawGoal(doc, goalId, 'ayse', NOW));
    write('ayse', (doc) => (doc.getMap('goals').get(goalId) as Y.Map<unknown>).delete('withdrawnAt'));
    expect(goal()).not.toHaveProperty('withdrawnAt');
    expect(entry().has('withdrawnBy')).toBe(false);
  });

  it('a goal proposed a moment ago: put back first, made in a follow-up once its author is recorded', async () => {
    const { write, serverWrite, listed, server } = await setup();
    let fresh = '';
    write('bernd', (doc) => {
      fresh = proposeGoal(doc, { title: 'Neu', description: '', createdBy: 'bernd', now: NOW });
    });
    const followUp = write('bernd', (doc) => withdrawGoal(doc, fresh, 'bernd', NOW));
    expect(readGoalById(server, fresh)).not.toHaveProperty('withdrawnAt');
    listed.attributions = [...listed.attributions, authored(fresh, 'bernd')];
    await followUp?.(serverWrite);
    expect(readGoalById(server, fresh)).toMatchObject({ withdrawnAt: NOW, withdrawnBy: 'bernd' });
  });

  it('a follow-up for a goal someone else proposed puts nothing back in', async () => {
    const { write, serverWrite, listed, server } = await setup();
    let fresh = '';
    write('fac', (doc) => {
      fresh = proposeGoal(doc, { title: 'Neu', description: '', createdBy: 'fac', now: NOW });
    });
    const followUp = write('bernd', (doc) => withdrawGoal(doc, fresh, 'bernd', NOW));
    listed.attributions = [...listed.attributions, authored(fresh, 'fac')];
    await followUp?.(serverWrite);
    expect(readGoalById(server, fresh)).not.toHaveProperty('withdrawnAt');
  });
});
