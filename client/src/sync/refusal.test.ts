import { CloseCode } from '@common-ground/shared/protocol';
import { ObservableV2 } from 'lib0/observable';
import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { refusalKind, startsFreshAtOnce, watchRefusal } from './refusal';

describe('refusalKind', () => {
  it('names every final close code the server uses, and treats unknown ones as a refused change', () => {
    expect(refusalKind(CloseCode.UpdateRefused)).toBe('refused');
    expect(refusalKind(CloseCode.MessageTooBig)).toBe('refused');
    expect(refusalKind(4499)).toBe('refused');
    expect(refusalKind(CloseCode.BoardFull)).toBe('full');
    expect(refusalKind(CloseCode.TooManyChanges)).toBe('tooMany');
    expect(refusalKind(CloseCode.Forbidden)).toBe('forbidden');
    expect(refusalKind(CloseCode.AccessEnded)).toBe('accessEnded');
  });

  it('starts fresh at once only after a refused change; the person reconnects after the others', () => {
    expect(startsFreshAtOnce('refused')).toBe(true);
    expect(startsFreshAtOnce('full')).toBe(true);
    expect(startsFreshAtOnce('tooMany')).toBe(false);
    expect(startsFreshAtOnce('forbidden')).toBe(false);
    expect(startsFreshAtOnce('accessEnded')).toBe(false);
  });
});

describe('watchRefusal', () => {
  it('reports the first final close of any provider, once, with its time', () => {
    const board = new ObservableV2<Record<string, (event: { code: number }) => void>>();
    const record = new ObservableV2<Record<string, (event: { code: number }) => void>>();
    const seen: { code: number; at: number }[] = [];
    const stop = watchRefusal(
      [board, record] as unknown as WebsocketProvider[],
      (refusal) => seen.push(refusal),
      () => 42,
    );
    record.emit('closed', [{ code: CloseCode.BoardFull }]);
    board.emit('closed', [{ code: CloseCode.UpdateRefused }]);
    expect(seen).toEqual([{ code: CloseCode.BoardFull, at: 42 }]);
    stop();
  });
});
