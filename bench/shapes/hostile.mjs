// Hostile participant (ours only; the anchors have none of these defences): does one partner who sends the
// updates that used to break boards, or one socket flooding presence, slow everyone else down? One board, a
// healthy writer at `rate` updates/s and N observers (the fan-out's stamps: latency = receive − send time on one
// clock), GET /api/health probed every `probeMs`, in three phases of equal length on one server run: (a) baseline,
// (b) an attacker with a partner token in reconnect loops, (c) a presence flood. The server runs with its real
// defences (see DEFENCES), so the figures include its limiter and the budgets.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { scanStamps, stamp } from '../lib/marker.mjs';
import { sleep, summarize } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

/**
 * Our server's defaults for the upgrade rate limits, message budgets, socket caps and log budgets ('' = unset,
 * the server's own default), over the harness's settings that switch them off. Only the API limit per address
 * stays off: the health probe (20 requests/s) shares the one loopback address with everyone.
 */
const DEFENCES = Object.fromEntries(
  [
    'RATE_LIMIT_API_PER_TOKEN',
    'RATE_LIMIT_WS_PER_IP',
    'RATE_LIMIT_WS_PER_TOKEN',
    'WS_UPDATES_PER_SECOND',
    'WS_PRESENCE_PER_SECOND',
    'MAX_SOCKETS_PER_TOKEN',
    'MAX_SOCKETS_PER_IP',
    'MAX_CONNECTIONS',
    'LOG_BUDGET_PARTICIPANT_BYTES',
    'LOG_BUDGET_BOARD_BYTES',
  ].map((name) => [name, '']),
);

const PHASES = ['baseline', 'attack', 'presence flood'];

/** A refused upgrade (429/503) is retried after this long: hammering harder only spends the generator's core. */
const UPGRADE_RETRY_MS = 100;
/** How long an attack socket may stay silent after its frame before the loop gives up on a refusal. */
const REFUSAL_WAIT_MS = 10_000;

/**
 * ~1.8 MB of deletions for 600 client ids that never wrote, 1000 ranges of length 1 each, and no structs: what Yjs
 * keeps as pending deletes and re-processed on every later update (tests/integration/hostile-updates.test.ts).
 */
function pendingDeletes(clients = 600, ranges = 1000) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, clients);
  for (let c = 0; c < clients; c++) {
    encoding.writeVarUint(e, 0x20000000 + c);
    encoding.writeVarUint(e, ranges);
    for (let r = 0; r < ranges; r++) {
      encoding.writeVarUint(e, r * 2);
      encoding.writeVarUint(e, 1);
    }
  }
  return encoding.toUint8Array(e);
}

/** An item whose origin lies ahead of it on its own client (the fuzzer's "forward origin"). */
const POISON = Buffer.from('01018280fcff0300848280fcff0305017800', 'hex');
/** Starts each 64 KiB text of the insert/delete cycles, so an observer can tell the ones that got through. */
const TEXT_MARKER = Buffer.from('HOSTILE-CYCLE-');
const CYCLE_TEXT = TEXT_MARKER.toString() + 'x'.repeat(64 * 1024 - TEXT_MARKER.length);

export async function hostile(contender, env, cfg) {
  const server = await env.start(contender, env.newDataDir(), DEFENCES);
  try {
    return await measure(contender, server, cfg);
  } finally {
    await server.stop('SIGTERM');
  }
}

async function measure(contender, server, cfg) {
  const doc = await contender.newDoc(server);
  const target = doc.target(server.port);
  const token = await joinAsPartner(server.port, doc.docName, target.token);
  const attacker = { ...target, url: target.url.replace(`token=${target.token}`, `token=${token}`), token };

  // Per phase (-1 = warm-up, not kept): deliveries, health probes, what got through to the first observer.
  const phases = PHASES.map((name) => ({
    name,
    sent: 0,
    latencies: [],
    health: [],
    healthFailed: 0,
    through: { pendingDeletes: 0, poison: 0, textCycles: 0, presence: 0 },
    attack: null,
    flood: null,
    serverLoop: null,
  }));
  let current = -1;
  const phaseOfSeq = [];
  const observers = await openMany(cfg.observers, (i) => {
    const witness = i === 0;
    return new WireClient(target, {
      onPayload: (payload, at) => {
        scanStamps(payload, (seq, sentAt) => {
          if (seq >= 0) phases[phaseOfSeq[seq]].latencies.push(at - sentAt);
        });
        if (witness && current >= 0) countThrough(payload, phases[current].through);
      },
      onAwareness: witness ? () => current >= 0 && phases[current].through.presence++ : undefined,
    });
  });
  // Opened now: once the attacker has spent the address's upgrade budget, no new socket would get in.
  const flooders = await openMany(2, () => new WireClient(target));
  const writer = new WireClient(target, { doc: new Y.Doc() });
  await writer.synced;
  const map = writer.doc.getMap('hostile');
  const interval = 1000 / cfg.rate;
  let seq = 0;
  const write = async (ms) => {
    const start = performance.now();
    for (let i = 0; performance.now() - start < ms && i < (ms / interval) * 2; i++) {
      if (current >= 0) {
        phaseOfSeq[seq] = current;
        phases[current].sent++;
        map.set('probe', stamp(seq++));
      } else map.set('probe', stamp(-1));
      await sleep(Math.max(0, start + (i + 1) * interval - performance.now()));
    }
  };
  const probing = probeHealth(server.port, cfg.probeMs, () => current, phases);

  await write(cfg.warmupMs);
  await server.stats({ resetLoop: true });
  for (let p = 0; p < PHASES.length; p++) {
    current = p;
    const until = performance.now() + cfg.phaseMs;
    const activity =
      p === 1
        ? attack(attacker, until).then((a) => {
            phases[p].attack = a;
          })
        : p === 2
          ? flood(flooders, doc.participantId, cfg).then((f) => {
              phases[p].flood = f;
            })
          : Promise.resolve();
    await write(cfg.phaseMs);
    await activity;
    phases[p].serverLoop = (await server.stats({ resetLoop: true })).loop;
  }
  // Bounded drain: stragglers get up to 2 s, then count as undelivered.
  const expected = phases.reduce((sum, ph) => sum + ph.sent * cfg.observers, 0);
  const drainUntil = performance.now() + 2000;
  while (
    phases.reduce((sum, ph) => sum + ph.latencies.length, 0) < expected &&
    performance.now() < drainUntil
  )
    await sleep(10);
  current = -1;
  await probing.stop();
  const finalHealth = await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json();
  writer.close();
  for (const c of [...observers, ...flooders]) c.close();

  return {
    observers: cfg.observers,
    rate: cfg.rate,
    phaseMs: cfg.phaseMs,
    observersConnectedAtEnd: observers.filter((c) => !c.closed).length,
    logBudgetRefusals: finalHealth.logBudgetRefusals ?? null,
    quarantinedUpdates: finalHealth.quarantinedUpdates ?? null,
    phases: phases.map((ph) => ({
      name: ph.name,
      sent: ph.sent,
      deliveredPct: Math.round((10_000 * ph.latencies.length) / Math.max(1, ph.sent * cfg.observers)) / 100,
      latency: summarize(ph.latencies),
      health: { ...summarize(ph.health), failed: ph.healthFailed },
      serverLoop: ph.serverLoop,
      through: ph.through,
      attack: ph.attack,
      flood: ph.flood,
    })),
  };
}

/** What of the attack reached the first observer (what the server applied and sent on). */
function countThrough(payload, through) {
  if (payload.byteLength >= 1_000_000) through.pendingDeletes++;
  else if (payload.indexOf(POISON) !== -1) through.poison++;
  else if (payload.indexOf(TEXT_MARKER) !== -1) through.textCycles++;
}

/** The facilitator invites a partner, who joins through the API as a person would; returns the partner's token. */
async function joinAsPartner(port, boardId, facilitatorToken) {
  const api = async (path, body, token) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { code } = await api(`/api/boards/${boardId}/invites`, { role: 'partner' }, facilitatorToken);
  const joined = await api('/api/join', {
    code,
    name: 'Mallory',
    partner: { name: 'Attack', kind: 'residents' },
  });
  return joined.token;
}

/**
 * GET /api/health every `everyMs` on its schedule (not waiting for the last answer), latency per phase. It runs
 * through the warm-up too, unrecorded: the route's first requests (compiling, opening statements) are not the
 * baseline's.
 */
function probeHealth(port, everyMs, phaseNow, phases) {
  const pending = new Set();
  const timer = setInterval(() => {
    const phase = phases[phaseNow()];
    const start = performance.now();
    const request = fetch(`http://127.0.0.1:${port}/api/health`)
      .then(async (response) => {
        await response.arrayBuffer();
        if (!phase) return;
        if (response.status === 200) phase.health.push(performance.now() - start);
        else phase.healthFailed++;
      })
      .catch(() => {
        if (phase) phase.healthFailed++;
      })
      .finally(() => pending.delete(request));
    pending.add(request);
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

/**
 * Phase b: three loops, one per kind of attack, each on a new socket every time (the server refuses the socket
 * with the frame), until `until`. Pending deletes and the poisoned update go one frame per socket; the text
 * cycles go insert, delete, wait for the server to have handled both, again, until the log budget refuses them.
 */
async function attack(target, until) {
  const deletes = syncFrame(pendingDeletes());
  const poison = syncFrame(POISON);
  const started = performance.now();
  const kinds = await Promise.all([
    reconnectLoop(target, until, oneFrame(deletes)),
    reconnectLoop(target, until, oneFrame(poison)),
    reconnectLoop(target, until, textCycles(until)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  return {
    pendingDeletesBytes: deletes.byteLength,
    seconds: Math.round(seconds * 10) / 10,
    ...Object.fromEntries(['pendingDeletes', 'poison', 'textCycles'].map((name, i) => [name, kinds[i]])),
  };
}

/** A sync update frame (type 0, step 2 = update) around `update`. */
function syncFrame(update) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Opens sockets one after another until `until`; `use(client, tally)` sends and resolves on the close. */
async function reconnectLoop(target, until, use) {
  const tally = { upgrades: 0, upgradeRefused: 0, framesSent: 0, closes: {} };
  while (performance.now() < until) {
    const client = new WireClient(target, { doc: new Y.Doc() });
    const closed = new Promise((resolve) => client.ws.once('close', (code) => resolve(code)));
    try {
      await client.synced;
    } catch {
      tally.upgradeRefused++;
      client.close();
      await sleep(UPGRADE_RETRY_MS);
      continue;
    }
    tally.upgrades++;
    const code = await use(client, tally, closed);
    tally.closes[code] = (tally.closes[code] ?? 0) + 1;
    client.close();
  }
  return tally;
}

/** One frame, then the close it earns (or 'none' if the server kept the socket open for REFUSAL_WAIT_MS). */
const oneFrame = (frame) => async (client, tally, closed) => {
  client.ws.send(frame);
  tally.framesSent++;
  return Promise.race([closed, sleep(REFUSAL_WAIT_MS).then(() => 'none')]);
};

/** Insert 64 KiB and delete it again, as separate updates, until the socket is refused or the phase ends. */
const textCycles = (until) => async (client, tally, closed) => {
  const text = client.doc.getText('junk');
  let code = null;
  closed.then((c) => {
    code = c;
  });
  while (code === null && performance.now() < until) {
    text.insert(0, CYCLE_TEXT);
    text.delete(0, text.length);
    tally.framesSent += 2;
    // The answer to a fresh sync step 1 comes after both updates were handled: the server's own pace.
    await Promise.race([closed, client.roundTrip(REFUSAL_WAIT_MS).catch(() => {})]);
  }
  return code ?? 'open at the end';
};

/**
 * Phase c: 3,000 presence frames at once on each of two sockets already open: 4 KiB junk fields (refused by the
 * presence schema and size limit), and states that pass every check (the presence rate budget's case).
 */
async function flood([junkSocket, validSocket], participantId, cfg) {
  const junk = 'j'.repeat(cfg.junkBytes);
  const clientIds = [0x30000001, 0x30000002];
  const closes = [junkSocket, validSocket].map(
    (client) =>
      new Promise((resolve) => {
        if (client.closed) resolve('closed before');
        client.ws.once('close', (code) => resolve(code));
        setTimeout(() => resolve('open at the end'), cfg.phaseMs);
      }),
  );
  for (let clock = 1; clock <= cfg.presenceFrames; clock++) {
    junkSocket.sendAwareness(clientIds[0], clock, { participantId, junk });
    validSocket.sendAwareness(clientIds[1], clock, { participantId, editing: null });
  }
  const [junkClose, validClose] = await Promise.all(closes);
  return { framesPerSocket: cfg.presenceFrames, junkBytes: cfg.junkBytes, junkClose, validClose };
}
