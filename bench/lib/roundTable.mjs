// One round table of the capacity shape, on our server only: a board set up through the HTTP API as people set one
// up (the facilitator creates it and its organisations, one invite per organisation, everyone joins with a token of
// their own, an observer joins for the projector), goals written by the facilitator's client, then for everyone a
// board socket and a record socket (as the real client opens both). Participants type in bursts into a goal's
// description (every update stamped, lib/marker.mjs), move their goal now and then, and announce presence at 1 Hz;
// the facilitator opens rounds on a goal nobody types in, and one person per organisation gives its stance through
// the API. The projector only receives.
import crypto from 'node:crypto';
import * as Y from 'yjs';
import { portFor } from './cluster.mjs';
import { newGoal, RANKS, typeInto } from './goal.mjs';
import { scanStamps } from './marker.mjs';
import { openMany, WireClient } from './wire.mjs';

const KINDS = ['residents', 'welfare', 'housing', 'municipality', 'school', 'business', 'other'];
const STAGES = ['proposed', 'discussing', 'ready', 'parked'];
const DESCRIPTION = 'Was wir gemeinsam erreichen wollen: ';
/** A participant's own text in a description is kept below this: older stamps are deleted as typing goes on. */
const OWN_TEXT_CHARS = 300;

const between = (random, [low, high]) => low + random() * (high - low);
const goalId = () => crypto.randomBytes(12).toString('base64url');

/** JSON over our HTTP API; throws with the status on anything but 2xx. */
export async function api(port, method, path, body, token) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const target = (port, boardId, token, record = false) => ({
  url: `ws://127.0.0.1:${port}/ws/${boardId}${record ? '/record' : ''}?token=${token}`,
  framing: 'yws',
  docName: record ? `${boardId}/record` : boardId,
  token,
});

/**
 * Sets up round table `index` with `size` people (the facilitator one of them) and opens its sockets. `hooks`:
 * `stamp(client)` returns the stamp the client types next (and books it), `delivered(client, seq, sentAt, at)` sees
 * every stamp another client receives. Person j's sockets go to instance j (mod instances), the API calls of the
 * table to instance `index` (mod instances).
 */
export async function setUpRoundTable(server, { index, size, random, activity, hooks }) {
  const apiPort = portFor(server, index);
  const created = await api(apiPort, 'POST', '/api/boards', { title: `Runder Tisch ${index + 1}` });
  const { boardId } = created;
  const facilitatorToken = created.token;
  const asFacilitator = (method, path, body) => api(apiPort, method, path, body, facilitatorToken);
  const organisations = Math.max(2, Math.round((size - 1) / 3));
  const partners = [];
  for (let k = 0; k < organisations; k++) {
    const partner = await asFacilitator('POST', `/api/boards/${boardId}/partners`, {
      name: `Organisation ${k + 1}`,
      kind: KINDS[k % KINDS.length],
    });
    const { code } = await asFacilitator('POST', `/api/boards/${boardId}/invites`, {
      role: 'partner',
      partnerId: partner.id,
    });
    partners.push({ id: partner.id, code, speaker: null });
  }
  const people = [{ participantId: created.participantId, token: facilitatorToken, partner: null }];
  for (let j = 1; j < size; j++) {
    const partner = partners[(j - 1) % organisations];
    const joined = await api(apiPort, 'POST', '/api/join', { code: partner.code, name: `Person ${j}` });
    people.push({ participantId: joined.participantId, token: joined.token, partner });
    partner.speaker ??= joined.token;
  }
  const { code: observerCode } = await asFacilitator('POST', `/api/boards/${boardId}/invites`, {
    role: 'observer',
  });
  const projector = await api(apiPort, 'POST', '/api/join', { code: observerCode, name: 'Beamer' });

  // Goal 0 is the round's; the others are typed in, each by about four people.
  const goals = Array.from({ length: 1 + Math.max(2, Math.ceil(size / 4)) }, goalId);
  const facilitatorDoc = new Y.Doc();
  const writer = new WireClient(target(portFor(server, 0), boardId, facilitatorToken), {
    doc: facilitatorDoc,
  });
  await writer.synced;
  facilitatorDoc.transact(() => {
    goals.forEach((id, g) => {
      const goal = newGoal({
        title: g === 0 ? 'Gemeinsame Erklärung' : `Ziel ${g}`,
        description: DESCRIPTION,
        stage: g === 0 ? 'ready' : 'proposed',
        rank: RANKS[g],
        createdBy: created.participantId,
      });
      facilitatorDoc.getMap('goals').set(id, goal);
    });
  });
  await writer.roundTrip();
  writer.close();

  const table = {
    index,
    boardId,
    size,
    // Who receives a person's update: the other size − 1 people and the projector.
    receivers: size,
    clients: [],
    recordClients: [],
    goals,
    running: true,
  };
  const listen = (client) => (payload, at) =>
    scanStamps(payload, (seq, sentAt) => {
      if (seq >= 0) hooks.delivered(client, seq, sentAt, at);
    });
  table.clients = await openMany(size + 1, (j) => {
    const person = people[j];
    const port = portFor(server, j);
    const client = new WireClient(
      target(port, boardId, person?.token ?? projector.token),
      person ? { doc: new Y.Doc() } : {},
    );
    client.onPayload = listen(client);
    client.instance = j % (server.ports?.length ?? 1);
    client.table = table;
    client.person = person ?? null;
    return client;
  });
  table.recordClients = await openMany(size + 1, (j) => {
    const token = people[j]?.token ?? projector.token;
    return new WireClient(target(portFor(server, j), boardId, token, true));
  });
  for (const client of table.clients) {
    // Synced with the goals: from now on a participant's doc holds only its own edits (the generator would
    // otherwise decode every update once per participant); its edits stay valid Yjs updates for the server.
    client.applyIncoming = false;
  }
  table.people = people;
  table.partners = partners;
  table.asFacilitator = asFacilitator;
  table.apiPort = apiPort;
  startActivity(table, random, activity, hooks);
  return table;
}

/** Every participant's typing, moves and presence, and the facilitator's rounds, until `stopRoundTable`. */
function startActivity(table, random, activity, hooks) {
  const timers = new Set();
  const later = (ms, run) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (table.running) run();
    }, ms);
    timers.add(timer);
  };
  table.timers = timers;
  table.clients.forEach((client, j) => {
    if (!client.person) return;
    const goal = client.doc.getMap('goals').get(table.goals[1 + (j % (table.goals.length - 1))]);
    const text = goal.get('description');
    const own = [];
    let clock = 0;
    let typing = false;
    const presence = () => {
      const editing = typing
        ? { goalId: table.goals[1 + (j % (table.goals.length - 1))], field: 'description' }
        : null;
      client.sendAwareness(client.doc.clientID, ++clock, {
        participantId: client.person.participantId,
        editing,
      });
      hooks.counted('presence');
      later(1000 / activity.presenceHz, presence);
    };
    const burst = (left) => {
      typing = left > 0;
      if (!typing) {
        later(between(random, activity.pauseMs), () => burst(Math.round(between(random, activity.burst))));
        return;
      }
      const value = hooks.stamp(client);
      // One update per keystroke, the oldest own stamp deleted in it once the own text is long enough.
      typeInto(client.doc, text, value, own, OWN_TEXT_CHARS, DESCRIPTION.length);
      later(between(random, activity.gapMs), () => burst(left - 1));
    };
    const move = () => {
      client.doc.transact(() => {
        goal.set('stage', STAGES[Math.floor(random() * STAGES.length)]);
        goal.set('rank', RANKS[1 + Math.floor(random() * (RANKS.length - 1))]);
      });
      hooks.counted('moves');
      later(between(random, activity.moveEveryMs), move);
    };
    later(random() * 1000, presence);
    later(random() * activity.pauseMs[1], () => burst(Math.round(between(random, activity.burst))));
    later(between(random, activity.moveEveryMs), move);
  });
  const round = async () => {
    try {
      const opened = await hooks.timedApi(() =>
        table.asFacilitator('POST', `/api/boards/${table.boardId}/rounds`, {
          goalId: table.goals[0],
          autoClose: true,
        }),
      );
      hooks.counted('rounds');
      // One person per organisation answers, each after a while; the last stance closes the round.
      await Promise.all(
        table.partners.map(
          (partner) =>
            new Promise((resolve) =>
              later(between(random, activity.stanceAfterMs), async () => {
                const pick = random();
                const body =
                  pick < 0.7
                    ? { stance: 'agree' }
                    : pick < 0.85
                      ? { stance: 'stand_aside' }
                      : { stance: 'concerns', reason: 'Bitte die Finanzierung klären.' };
                try {
                  await hooks.timedApi(() =>
                    api(
                      table.apiPort,
                      'POST',
                      `/api/boards/${table.boardId}/rounds/${opened.id}/stances`,
                      body,
                      partner.speaker,
                    ),
                  );
                  hooks.counted('stances');
                } catch (error) {
                  // Calls cut off by the end of the run are no failures of the server.
                  if (table.running) hooks.failed(error);
                }
                resolve();
              }),
            ),
        ),
      );
    } catch (error) {
      if (table.running) hooks.failed(error);
    }
    later(between(random, activity.roundPauseMs), round);
  };
  later(between(random, activity.roundPauseMs), round);
}

/** Stops every timer of the table and closes its sockets. */
export function stopRoundTable(table) {
  table.running = false;
  for (const timer of table.timers ?? []) clearTimeout(timer);
  for (const client of [...table.clients, ...table.recordClients]) client.close();
}
