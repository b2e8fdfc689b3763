// Board fixtures of a given encoded size, the same bytes for every contender: sticky-note-like entries (a map of
// 7 properties each), every entry moved 5 times, with an end marker in the last transaction so a raw client can
// tell that the whole board has arrived without decoding it.
import * as Y from 'yjs';

const BATCH = 500;
const cache = new Map();

function addBatch(doc, from) {
  const shapes = doc.getMap('shapes');
  doc.transact(() => {
    for (let i = from; i < from + BATCH; i++) {
      const shape = new Y.Map();
      shapes.set(`shape-${i}`, shape);
      for (const [k, v] of Object.entries({ x: i, y: i * 2, w: 120, h: 80, color: '#ffd', z: i }))
        shape.set(k, v);
      shape.set('text', `Ziel ${i}: mehr Bänke am Spielplatz`);
    }
  });
  for (let move = 1; move <= 5; move++) {
    doc.transact(() => {
      for (let i = from; i < from + BATCH; i++) shapes.get(`shape-${i}`).set('x', i + move * 10);
    });
  }
}

/** @returns {{ updates: Uint8Array[], marker: string, shapes: number, bytes: number }} */
export function boardFixture(megabytes) {
  if (cache.has(megabytes)) return cache.get(megabytes);
  const doc = new Y.Doc();
  doc.clientID = 4242;
  const updates = [];
  doc.on('update', (update) => updates.push(update));
  addBatch(doc, 0);
  const perBatch = Y.encodeStateAsUpdate(doc).byteLength;
  const batches = Math.max(1, Math.round((megabytes * 2 ** 20) / perBatch));
  for (let b = 1; b < batches; b++) addBatch(doc, b * BATCH);
  const marker = `END-OF-BOARD-${megabytes}MB-7f3a`;
  doc.getMap('meta').set('end', marker);
  const fixture = { updates, marker, shapes: batches * BATCH, bytes: Y.encodeStateAsUpdate(doc).byteLength };
  doc.destroy();
  cache.set(megabytes, fixture);
  return fixture;
}
