// @vitest-environment happy-dom
import { editGoalText, goalText, proposeGoal } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText } from './textBinding';

/** Two replicas of one board, kept in sync directly (no network), each with one goal. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, u, 'sync'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, u, 'sync'));
  const goalId = proposeGoal(a, { title: 'Spielplatz', description: '', createdBy: 'p1', now: 0 });
  return { a, b, goalId };
}

function typeInto(element: HTMLInputElement, value: string, caret: number) {
  element.value = value;
  element.setSelectionRange(caret, caret);
  element.dispatchEvent(new Event('input'));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('bindText', () => {
  it('sends local typing as a minimal edit and shows it on the other replica', () => {
    const { a, b, goalId } = pair();
    const input = document.createElement('input');
    document.body.append(input);
    const textA = goalText(a, goalId, 'title');
    if (!textA) throw new Error('goal missing');
    const unbind = bindText(input, textA, (change) => editGoalText(a, goalId, 'title', change));
    expect(input.value).toBe('Spielplatz');

    const deltas: unknown[] = [];
    goalText(b, goalId, 'title')?.observe((event) => deltas.push(event.delta));
    typeInto(input, 'Spielplatz Süd', 14);
    expect(goalText(b, goalId, 'title')?.toString()).toBe('Spielplatz Süd');
    expect(deltas).toEqual([[{ retain: 10 }, { insert: ' Süd' }]]);
    unbind();
  });

  it('merges concurrent typing and keeps the local caret on its character', () => {
    const { a, b, goalId } = pair();
    const input = document.createElement('input');
    document.body.append(input);
    const textA = goalText(a, goalId, 'title');
    if (!textA) throw new Error('goal missing');
    const unbind = bindText(input, textA, (change) => editGoalText(a, goalId, 'title', change));
    input.focus();
    // A types " Süd" at the end; the caret sits after "Süd".
    typeInto(input, 'Spielplatz Süd', 14);
    // B meanwhile puts "Neuer " in front.
    editGoalText(b, goalId, 'title', { index: 0, deleteCount: 0, insert: 'Neuer ' });
    expect(input.value).toBe('Neuer Spielplatz Süd');
    expect(input.selectionStart).toBe(20);
    typeInto(input, 'Neuer Spielplatz Süd!', 21);
    expect(goalText(b, goalId, 'title')?.toString()).toBe('Neuer Spielplatz Süd!');
    unbind();
  });

  it('sends a replaced emoji as whole characters and keeps the caret out of a character someone else extends', () => {
    const { a, b, goalId } = pair();
    const input = document.createElement('input');
    document.body.append(input);
    const textA = goalText(a, goalId, 'title');
    if (!textA) throw new Error('goal missing');
    const unbind = bindText(input, textA, (change) => editGoalText(a, goalId, 'title', change));
    input.focus();
    // A selects the 😀 they typed and types 😃 over it; both share their first UTF-16 unit.
    typeInto(input, 'Spielplatz 😀', 13);
    typeInto(input, 'Spielplatz 😃', 13);
    expect(goalText(b, goalId, 'title')?.toString()).toBe('Spielplatz 😃');
    // A types 👍 and B gives it a skin tone right at A's caret: the caret goes behind the whole 👍🏽.
    typeInto(input, 'Spielplatz 😃👍', 15);
    editGoalText(b, goalId, 'title', { index: 15, deleteCount: 0, insert: '🏽' });
    expect(input.value).toBe('Spielplatz 😃👍🏽');
    expect([input.selectionStart, input.selectionEnd]).toEqual([17, 17]);
    unbind();
  });

  it('stops following the text once unbound', () => {
    const { a, b, goalId } = pair();
    const input = document.createElement('input');
    const textA = goalText(a, goalId, 'title');
    if (!textA) throw new Error('goal missing');
    const unbind = bindText(input, textA, (change) => editGoalText(a, goalId, 'title', change));
    unbind();
    editGoalText(b, goalId, 'title', { index: 0, deleteCount: 0, insert: 'X' });
    expect(input.value).toBe('Spielplatz');
  });
});
