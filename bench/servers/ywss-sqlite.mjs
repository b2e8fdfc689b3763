// Reference (not an anchor): @y/websocket-server 0.1.1 storing every update in SQLite before it sends it on, as our
// server does (WAL, synchronous = NORMAL, one INSERT per update, through better-sqlite3 from the repository). It
// checks nothing and attributes nothing, so the difference between it and the y-websocket server is what storing
// before broadcasting costs, and the difference between it and ours is what our checks cost (issue 28).
import path from 'node:path';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { listenYWebsocket } from './yWebsocketListen.mjs';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const db = new Database(path.join(dataDir, 'updates.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL)',
);
const insert = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
const stored = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY seq');

setPersistence({
  provider: null,
  bindState: (docName, doc) => {
    // Loaded before anyone can join (getYDoc binds as it creates the document), and before storing begins.
    Y.transact(doc, () => {
      for (const { data } of stored.all(docName)) Y.applyUpdate(doc, data);
    });
    // WSSharedDoc registers its broadcasting 'update' handler in its constructor, before bindState: lib0 calls
    // handlers in the order they were added, so storing goes in front of it.
    const handlers = doc._observers.get('update') ?? new Set();
    doc._observers.set('update', new Set([(update) => insert.run(docName, update), ...handlers]));
  },
  writeState: async () => {},
});

const wss = listenYWebsocket(setupWSConnection);
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.close();
  db.close();
  process.exit(0);
});
