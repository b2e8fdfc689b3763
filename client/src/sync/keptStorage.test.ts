import { describe, expect, it } from 'vitest';
import { loadKept, saveKept } from './keptStorage';

const memoryStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
};

describe('kept text storage', () => {
  it('keeps the texts per board until they are gone, and reads a damaged entry as none', () => {
    const storage = memoryStorage();
    const value = {
      kept: [{ goalId: 'g1', goalTitle: 'A', kind: 'description' as const, text: 'Mein Text' }],
      checked: true,
    };
    saveKept('board-1', value, storage);
    expect(loadKept('board-1', storage)).toEqual(value);
    expect(loadKept('board-2', storage)).toEqual({ kept: [], checked: false });
    saveKept('board-1', { kept: [], checked: true }, storage);
    expect(storage.length).toBe(0);
    storage.setItem('common-ground.kept.board-3', '{"kept":[{"text":1}]');
    expect(loadKept('board-3', storage)).toEqual({ kept: [], checked: false });
  });
});
