import type { Goal } from '@common-ground/shared/schema';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createBoardStore } from './boardStore';
import { subscribeGoal } from './goalSubscription';

const goal = (id: string, description = ''): Goal => ({
  id,
  title: `Goal ${id}`,
  description,
  stage: 'proposed',
  rank: `a${id}`,
  createdBy: 'p1',
  createdAt: 1,
});

describe('subscribeGoal', () => {
  const a = goal('1');
  const b = goal('2');

  function storeWith(goals: readonly Goal[]) {
    const store = createBoardStore(new Y.Doc(), new Y.Doc(), []);
    store.setState({ goals });
    return store;
  }

  it('wakes the listeners of a goal whose object changed, and no other', () => {
    const store = storeWith([a, b]);
    const onA = vi.fn();
    const onB = vi.fn();
    const stopA = subscribeGoal(store, a.id, onA);
    const stopB = subscribeGoal(store, b.id, onB);
    store.setState({ goals: [a, goal('2', 'neu')] });
    expect(onA).not.toHaveBeenCalled();
    expect(onB).toHaveBeenCalledTimes(1);
    store.setState({ goals: [b] });
    expect(onA).toHaveBeenCalledTimes(1);
    stopA();
    stopB();
  });

  it('ignores changes of the store that leave the goals list as it was', () => {
    const store = storeWith([a]);
    const onA = vi.fn();
    const stop = subscribeGoal(store, a.id, onA);
    store.setState({ title: 'Anders' });
    expect(onA).not.toHaveBeenCalled();
    stop();
  });

  it('stops listening to the store when the last listener leaves', () => {
    const store = storeWith([a]);
    const onA = vi.fn();
    subscribeGoal(store, a.id, onA)();
    store.setState({ goals: [goal('1', 'neu')] });
    expect(onA).not.toHaveBeenCalled();
    const again = vi.fn();
    const stop = subscribeGoal(store, a.id, again);
    store.setState({ goals: [a] });
    expect(again).toHaveBeenCalledTimes(1);
    stop();
  });
});
