import type { RepairScope } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Connection } from '../rooms/connection';
import { documentRef } from '../rooms/documentHooks';
import type { Room } from '../rooms/room';
import type { Extension } from './extension';
import { HookPipeline } from './pipeline';

/** A logger that keeps what was logged as errors. */
function recordingLog(): Logger & { errors: { msg: string; fields: Record<string, unknown> }[] } {
  const errors: { msg: string; fields: Record<string, unknown> }[] = [];
  return {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (msg, fields = {}) => errors.push({ msg, fields }),
  };
}

const board = documentRef('board-1');
const record = documentRef('board-1/record');
// The pipeline hands the room on without touching it.
const room = {} as Room;
const socket: Connection = {
  participantId: 'alice',
  canWrite: true,
  send: () => {},
  sendShared: () => {},
  close: () => {},
};

/** Never settles until released: a slow extension. */
function gate(): { promise: Promise<void>; release: () => void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('HookPipeline', () => {
  it('parses the document key into the event', () => {
    expect(record).toEqual({ docKey: 'board-1/record', boardId: 'board-1', kind: 'record' });
    expect(board).toEqual({ docKey: 'board-1', boardId: 'board-1', kind: 'board' });
  });

  it('starts every handler of a notification in registration order in the same tick, a slow one delaying none', async () => {
    const calls: string[] = [];
    const slow = gate();
    const pipeline = new HookPipeline(recordingLog()).register(
      {
        name: 'slow',
        onChange: () => {
          calls.push('slow');
          return slow.promise;
        },
      },
      { name: 'fast', onChange: () => void calls.push('fast') },
    );
    let settled = false;
    const running = pipeline.onChange({ ...board, doc: new Y.Doc() }).then(() => {
      settled = true;
    });
    expect(calls).toEqual(['slow', 'fast']);
    await Promise.resolve();
    expect(settled).toBe(false);
    slow.release();
    await running;
    expect(settled).toBe(true);
  });

  it('logs a failing handler with its name and still runs the others; the notification never rejects', async () => {
    const log = recordingLog();
    const reached: string[] = [];
    const pipeline = new HookPipeline(log).register(
      {
        name: 'throws',
        afterStoreDocument: () => {
          throw new Error('boom');
        },
      },
      { name: 'rejects', afterStoreDocument: async () => Promise.reject(new Error('later')) },
      { name: 'fine', afterStoreDocument: ({ entries }) => void reached.push(`${entries.length}`) },
    );
    await expect(pipeline.afterStoreDocument({ ...board, entries: [] })).resolves.toBeUndefined();
    expect(reached).toEqual(['0']);
    expect(log.errors.map((e) => [e.msg, e.fields.extension, e.fields.docKey])).toEqual([
      ['afterStoreDocument hook failed', 'throws', 'board-1'],
      ['afterStoreDocument hook failed', 'rejects', 'board-1'],
    ]);
  });

  it('runs afterLoadDocument one extension after the other and stops at the first rejection, which it passes on', async () => {
    const calls: string[] = [];
    const first = gate();
    const pipeline = new HookPipeline(recordingLog()).register(
      {
        name: 'first',
        afterLoadDocument: () => {
          calls.push('first');
          return first.promise;
        },
      },
      {
        name: 'refuses',
        afterLoadDocument: async () => {
          calls.push('refuses');
          throw new Error('storage down');
        },
      },
      { name: 'never', afterLoadDocument: () => void calls.push('never') },
    );
    const loading = pipeline.afterLoadDocument({ ...record, room });
    await Promise.resolve();
    expect(calls).toEqual(['first']);
    first.release();
    await expect(loading).rejects.toThrow('storage down');
    expect(calls).toEqual(['first', 'refuses']);
  });

  it('passes connection events on and destroys extensions in reverse order, logging a failure', async () => {
    const log = recordingLog();
    const calls: string[] = [];
    const extension = (name: string): Extension => ({
      name,
      onConnect: ({ socket: s }) => void calls.push(`${name} connect ${s.participantId}`),
      onDisconnect: ({ room: left }) =>
        void calls.push(`${name} disconnect ${left === null ? 'before' : 'left'}`),
      onDestroy: async () => {
        calls.push(`${name} destroy`);
        if (name === 'a') throw new Error('bus gone');
      },
    });
    const pipeline = new HookPipeline(log).register(extension('a'), extension('b'));
    await pipeline.onConnect({ ...board, socket });
    await pipeline.onDisconnect({ ...board, socket, room: null });
    await pipeline.destroy();
    expect(calls).toEqual([
      'a connect alice',
      'b connect alice',
      'a disconnect before',
      'b disconnect before',
      'b destroy',
      'a destroy',
    ]);
    expect(log.errors.map((e) => [e.msg, e.fields.extension])).toEqual([['onDestroy hook failed', 'a']]);
  });

  it('delegates the schema chain to the installed schema and refuses changes once sealed', async () => {
    const pipeline = new HookPipeline(recordingLog());
    const doc = new Y.Doc();
    const scope: RepairScope = { rootKeys: new Set(), goalIds: new Set() };
    expect(pipeline.schema.repairWrite('board-1', doc, scope, 'alice')).toBeNull();
    const loaded: string[] = [];
    const check = async () => {};
    pipeline.useSchema({
      repairWrite: () => check,
      repairLoaded: async (docKey) => void loaded.push(docKey),
    });
    expect(pipeline.schema.repairWrite('board-1', doc, scope, 'alice')).toBe(check);
    await pipeline.schema.repairLoaded('board-1', async () => {});
    expect(loaded).toEqual(['board-1']);
    expect(() => pipeline.useSchema({ repairWrite: () => null, repairLoaded: async () => {} })).toThrow(
      'has a schema already',
    );
    pipeline.seal();
    expect(() => pipeline.register({ name: 'late' })).toThrow('sealed');
  });
});
