// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { BoardContext } from '../sync/SessionContext';
import type { BoardSession } from '../sync/session';
import { CONTENT_WAIT_MS, useBoardReady } from './useBoardReady';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe() {
  return <p>{useBoardReady() ? 'ready' : 'waiting'}</p>;
}

/** Only what useBoardReady reads from the session: `loaded`, and the offline tracker's copy and reachability. */
function mount() {
  const store = createStore(() => ({ loaded: false }));
  const offline = createStore(() => ({ localCopy: false, unreachable: false }));
  const session = { store, offline: { store: offline } } as unknown as BoardSession;
  const container = document.createElement('div');
  const root: Root = createRoot(container);
  act(() =>
    root.render(
      <BoardContext.Provider value={{ session, boardId: 'b'.repeat(16), token: 't', role: 'partner' }}>
        <Probe />
      </BoardContext.Provider>,
    ),
  );
  return { store, offline, text: () => container.textContent, unmount: () => act(() => root.unmount()) };
}

describe('useBoardReady: the board is drawn once it has something to show', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the first sync, not for the clock', () => {
    const board = mount();
    expect(board.text()).toBe('waiting');
    act(() => vi.advanceTimersByTime(CONTENT_WAIT_MS - 1));
    expect(board.text()).toBe('waiting');
    act(() => board.store.setState({ loaded: true }));
    expect(board.text()).toBe('ready');
    board.unmount();
  });

  it("shows the device's copy, or the news that the server cannot be reached, and stays shown", () => {
    const withCopy = mount();
    act(() => withCopy.offline.setState({ localCopy: true }));
    expect(withCopy.text()).toBe('ready');
    withCopy.unmount();

    const unreachable = mount();
    act(() => unreachable.offline.setState({ unreachable: true }));
    expect(unreachable.text()).toBe('ready');
    act(() => unreachable.offline.setState({ unreachable: false }));
    expect(unreachable.text()).toBe('ready');
    unreachable.unmount();
  });

  it('draws the empty board after CONTENT_WAIT_MS when nothing has come (a slow network)', () => {
    const board = mount();
    act(() => vi.advanceTimersByTime(CONTENT_WAIT_MS));
    expect(board.text()).toBe('ready');
    board.unmount();
  });
});
