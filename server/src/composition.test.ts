import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { composeServices } from './composition';
import { loadConfig } from './config';
import { createLogger } from './log';
import type { Connection } from './rooms/connection';
import { documentRef } from './rooms/documentHooks';
import { SqliteStorage } from './storage/sqlite/sqliteStorage';

const socket: Connection = {
  participantId: 'alice',
  canWrite: true,
  send: () => {},
  sendShared: () => {},
  close: () => {},
};

describe('composeServices', () => {
  it('builds the services once, seals the hook pipeline, and closes storage last', async () => {
    const storage = new SqliteStorage(new Database(':memory:'));
    let closed = 0;
    const counting = Object.assign(Object.create(storage) as SqliteStorage, {
      close: async () => {
        closed++;
        await storage.close();
      },
    });
    const services = await composeServices(loadConfig({}, { logLevel: 'silent' }), createLogger('silent'), {
      storage: counting,
    });
    expect(services.bus).toBeNull();
    // The participant sockets the people routes ask are the ones the pipeline tells of sockets.
    const ref = documentRef('board-1');
    await services.hooks.onConnect({ ...ref, socket });
    expect(services.sockets.isOnline('alice')).toBe(true);
    await services.hooks.onDisconnect({ ...ref, socket, room: null });
    expect(services.sockets.isOnline('alice')).toBe(false);
    expect(() => services.hooks.register({ name: 'late' })).toThrow('sealed');
    expect(() => services.hooks.useSchema({ repairWrite: () => null, repairLoaded: async () => {} })).toThrow(
      'sealed',
    );
    await services.close();
    expect(closed).toBe(1);
  });
});
