import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@common-ground/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { WsConnection } from './connection';
import { MAX_SHARED_FRAME_BYTES, sharedFrame } from './frames';

const bytes = (length: number, seed = 1) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

describe('sharedFrame', () => {
  it.each([
    [0, [0x82, 0]],
    [1, [0x82, 1]],
    [125, [0x82, 125]],
    [126, [0x82, 126, 0, 126]],
    [65_535, [0x82, 126, 0xff, 0xff]],
    [65_536, [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]],
  ])('frames %i bytes as one final binary frame with the RFC 6455 length header', (length, header) => {
    const message = bytes(length);
    const frame = sharedFrame(message) ?? Buffer.alloc(0);
    expect([...frame.subarray(0, header.length)]).toEqual(header);
    expect(Buffer.compare(frame.subarray(header.length), Buffer.from(message))).toBe(0);
  });

  it('frames a message once for all its recipients, and a new message anew', () => {
    const first = bytes(10);
    const again = sharedFrame(first);
    expect(sharedFrame(first)).toBe(again);
    const second = bytes(10);
    expect(sharedFrame(second)).not.toBe(again);
    expect(sharedFrame(second)?.equals(again ?? Buffer.alloc(0))).toBe(true);
  });

  it('frames a view of a larger buffer by its own bytes only', () => {
    const whole = bytes(50);
    const view = whole.subarray(10, 20);
    expect([...(sharedFrame(view) ?? [])]).toEqual([0x82, 10, ...view]);
  });

  it('leaves messages above the limit to ws', () => {
    expect(sharedFrame(new Uint8Array(MAX_SHARED_FRAME_BYTES + 1))).toBeNull();
  });
});

describe('WsConnection over a real socket', () => {
  let server: WebSocketServer | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  /** A ws server that hands out its accepted sockets as WsConnections, the way the upgrade handler builds them. */
  async function connect(options: { perMessageDeflate?: { threshold: number } } = {}) {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options });
    server = wss;
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const accepted = new Promise<WsConnection>((resolve) =>
      wss.once('connection', (socket, request) => {
        resolve(new WsConnection(socket, request.socket as Duplex, 'p1', true, 1 << 20));
      }),
    );
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const received: Buffer[] = [];
    client.on('message', (data) => received.push(data as Buffer));
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
    return { conn: await accepted, client, received };
  }

  /** Sends each message the given way, then expects the client to get them all, whole and in that order. */
  async function expectDeliveredInOrder(
    { conn, client, received }: Awaited<ReturnType<typeof connect>>,
    sends: readonly (readonly ['shared' | 'ws', Uint8Array])[],
  ) {
    for (const [how, message] of sends) {
      if (how === 'shared') conn.sendShared(message);
      else conn.send(message);
    }
    await expect.poll(() => received.length).toBe(sends.length);
    const hex = (message: Uint8Array) => Buffer.from(message).toString('hex');
    expect(received.map(hex)).toEqual(sends.map(([, message]) => hex(message)));
    client.close();
  }

  it('delivers shared frames and ws frames whole and in the order sent', async () => {
    await expectDeliveredInOrder(await connect(), [
      ['shared', bytes(5, 1)],
      ['ws', bytes(200, 2)],
      ['shared', bytes(MAX_SHARED_FRAME_BYTES + 10, 3)],
      ['shared', bytes(70_000, 4).subarray(0, 60_000)],
      ['ws', bytes(1, 5)],
    ]);
  });

  it('leaves a socket with compression to ws, which frames and orders compressed messages itself', async () => {
    await expectDeliveredInOrder(await connect({ perMessageDeflate: { threshold: 0 } }), [
      ['ws', bytes(300, 1)],
      ['shared', bytes(20, 2)],
      ['shared', bytes(300, 3)],
    ]);
  });

  it('sends nothing once the socket is closing', async () => {
    const { conn, client, received } = await connect();
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    conn.close(CloseCode.GoingAway, 'bye');
    conn.sendShared(bytes(3));
    conn.send(bytes(3));
    expect(await closed).toBe(CloseCode.GoingAway);
    expect(received).toHaveLength(0);
  });
});
