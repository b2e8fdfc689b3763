import {
  ClientOrigin,
  PEER_ORIGIN,
  proposeGoal,
  readGoalStructure,
  SERVER_ORIGIN,
  setCommitment,
  setGoalLead,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger, type Logger } from '../log';
import type { ParticipantRecord } from '../storage/types';
import { StructureGuard } from './structureGuard';
import { mayWrite, type WriterIdentity } from './writePermissions';
import { WriterIdentities } from './writerIdentities';

const facilitator: WriterIdentity = { role: 'facilitator', partnerId: null };
const memberOfA: WriterIdentity = { role: 'partner', partnerId: 'partnerA' };
const unconfirmed: WriterIdentity = { role: 'partner', partnerId: null };
const observer: WriterIdentity = { role: 'observer', partnerId: null };

describe('mayWrite: one voice per partner', () => {
  it('lets only the facilitator set the lead', () => {
    expect(mayWrite(facilitator, { kind: 'lead' })).toBe(true);
    for (const writer of [memberOfA, unconfirmed, observer, undefined]) {
      expect(mayWrite(writer, { kind: 'lead' })).toBe(false);
    }
  });

  it("lets a partner's confirmed members and the facilitator write its commitment, nobody else", () => {
    const ofA = { kind: 'commitment', partnerId: 'partnerA' } as const;
    const ofB = { kind: 'commitment', partnerId: 'partnerB' } as const;
    expect(mayWrite(facilitator, ofB)).toBe(true);
    expect(mayWrite(memberOfA, ofA)).toBe(true);
    expect(mayWrite(memberOfA, ofB)).toBe(false);
    expect(mayWrite(unconfirmed, ofA)).toBe(false);
    // An observer never speaks for a partner, whatever its record says.
    expect(mayWrite({ role: 'observer', partnerId: 'partnerA' }, ofA)).toBe(false);
    expect(mayWrite(undefined, ofA)).toBe(false);
  });

  it("lets only the goal's proposer and the facilitator say which language the original is in", () => {
    const lang = { kind: 'lang' } as const;
    expect(mayWrite(facilitator, lang)).toBe(true);
    expect(mayWrite(memberOfA, lang, true)).toBe(true);
    expect(mayWrite(unconfirmed, lang, true)).toBe(true);
    expect(mayWrite(memberOfA, lang)).toBe(false);
    expect(mayWrite(observer, lang, true)).toBe(false);
    expect(mayWrite(undefined, lang, true)).toBe(false);
  });
});

const person = (
  id: string,
  role: ParticipantRecord['role'],
  partnerId: string | null,
): ParticipantRecord => ({
  id,
  boardId: 'board-1',
  name: id,
  role,
  partnerId,
  color: '#1d4ed8',
  createdAt: 0,
});

/** A server document with the guard watching, and a client's replica of it. */
async function setup(people: ParticipantRecord[]) {
  const log: Logger = createLogger('silent');
  const listed = { people };
  const identities = new WriterIdentities({ listParticipants: async () => listed.people }, log);
  const guard = new StructureGuard(identities, log);
  const server = new Y.Doc();
  guard.watch(server);
  await guard.load('board-1');
  const goalId = proposeGoal(server, {
    title: 'Spielplatz',
    description: 'Bis 2027',
    createdBy: 'x',
    now: 1,
  });
  setGoalLead(server, goalId, 'partnerA');
  setCommitment(server, goalId, 'partnerB', 'Stellt Geld bereit');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** Applies what `edit` did at the client as `participantId`'s socket would, then the hook, as the room does. */
  const write = (participantId: string, edit: (doc: Y.Doc) => void) => {
    const sv = Y.encodeStateVector(client);
    edit(client);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv), new ClientOrigin(participantId, {}));
    return server.transact(() => guard.enforce('board-1', server, participantId), SERVER_ORIGIN);
  };
  const serverWrite = (fn: (doc: Y.Doc) => void) => {
    server.transact(() => fn(server), SERVER_ORIGIN);
    return Promise.resolve();
  };
  return { listed, server, goalId, write, serverWrite, structure: () => readGoalStructure(server, goalId) };
}

describe('StructureGuard: what a writer may not change is put back in its batch', () => {
  const people = [
    person('fac', 'facilitator', null),
    person('ayse', 'partner', 'partnerA'),
    person('bernd', 'partner', 'partnerB'),
    person('mallory', 'partner', null),
  ];

  it("puts back a partner's lead and another partner's commitment, keeps its own", async () => {
    const { write, structure, goalId } = await setup(people);
    const followUp = write('ayse', (doc) => {
      setGoalLead(doc, goalId, 'partnerB');
      setCommitment(doc, goalId, 'partnerB', 'Nichts');
      setCommitment(doc, goalId, 'partnerA', 'Beteiligung');
    });
    expect(followUp).toBeNull();
    expect(structure()).toMatchObject({
      leadPartnerId: 'partnerA',
      commitments: [
        { partnerId: 'partnerA', text: 'Beteiligung' },
        { partnerId: 'partnerB', text: 'Stellt Geld bereit' },
      ],
    });
  });

  it('puts back deletions, also of the whole commitments map or the lead', async () => {
    const { write, structure, goalId } = await setup(people);
    write('bernd', (doc) => {
      const goal = doc.getMap('goals').get(goalId) as Y.Map<unknown>;
      goal.delete('lead');
      goal.delete('commitments');
    });
    expect(structure()).toMatchObject({
      leadPartnerId: 'partnerA',
      commitments: [],
    });
    // Bernd may delete B's own commitment, so the map's deletion stands for him; Ayşe's is put back.
    const other = await setup(people);
    other.write('ayse', (doc) =>
      (doc.getMap('goals').get(other.goalId) as Y.Map<unknown>).delete('commitments'),
    );
    const after = other.structure;
    expect(after().commitments).toEqual([{ partnerId: 'partnerB', text: 'Stellt Geld bereit' }]);
  });

  it('hostile: a replaced goal keeps its lead; a non-string lead is put back', async () => {
    const { write, structure, goalId } = await setup(people);
    write('ayse', (doc) => {
      const goal = doc.getMap('goals').get(goalId) as Y.Map<unknown>;
      goal.set('lead', 42);
    });
    expect(structure().leadPartnerId).toBe('partnerA');
    write('ayse', (doc) => {
      const replacement = new Y.Map<unknown>([
        ['title', new Y.Text('Spielplatz')],
        ['lead', 'partnerB'],
      ]);
      doc.getMap('goals').set(goalId, replacement);
    });
    expect(structure().leadPartnerId).toBe('partnerA');
  });

  it('keeps everything the facilitator writes, and a new goal with a lead only from the facilitator', async () => {
    const { write, structure, goalId, server } = await setup(people);
    write('fac', (doc) => {
      setGoalLead(doc, goalId, 'partnerB');
      setCommitment(doc, goalId, 'partnerB', '');
    });
    expect(structure()).toMatchObject({ leadPartnerId: 'partnerB', commitments: [] });
    let fresh = '';
    write('ayse', (doc) => {
      fresh = proposeGoal(doc, { title: 'Neu', description: '', createdBy: 'x', now: 2 });
      setGoalLead(doc, fresh, 'partnerA');
      setCommitment(doc, fresh, 'partnerA', 'Wir');
    });
    expect(readGoalStructure(server, fresh)).toMatchObject({
      leadPartnerId: null,
      commitments: [{ partnerId: 'partnerA', text: 'Wir' }],
    });
  });

  it('refuses an unconfirmed member; an unknown writer is looked up and put back in a follow-up', async () => {
    const { write, structure, goalId, listed, serverWrite } = await setup(people);
    expect(write('mallory', (doc) => setCommitment(doc, goalId, 'partnerA', 'Nicht von uns'))).toBeNull();
    expect(structure().commitments).toHaveLength(1);

    listed.people = [...people, person('newcomer', 'partner', 'partnerA')];
    const followUp = write('newcomer', (doc) => {
      setCommitment(doc, goalId, 'partnerA', 'Von uns');
      setCommitment(doc, goalId, 'partnerB', 'Nicht von B');
    });
    // Not known yet: nothing is refused before storage said who it is.
    expect(structure().commitments.map((c) => c.text)).toEqual(['Von uns', 'Nicht von B']);
    expect(followUp).not.toBeNull();
    await followUp?.(serverWrite);
    expect(structure().commitments.map((c) => c.text)).toEqual(['Von uns', 'Stellt Geld bereit']);
  });

  it('a follow-up leaves alone what someone changed after the refused write', async () => {
    const { write, structure, goalId, serverWrite } = await setup(people);
    const followUp = write('stranger', (doc) => setCommitment(doc, goalId, 'partnerB', 'Fremd'));
    write('bernd', (doc) => setCommitment(doc, goalId, 'partnerB', 'Neu von B'));
    await followUp?.(serverWrite);
    expect(structure().commitments).toEqual([{ partnerId: 'partnerB', text: 'Neu von B' }]);
  });

  it('checks nothing of what the server or another instance writes', async () => {
    const { server, structure, goalId } = await setup(people);
    server.transact(() => setGoalLead(server, goalId, 'partnerB'), PEER_ORIGIN);
    expect(structure().leadPartnerId).toBe('partnerB');
  });
});
