import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAwareness,
  decodeUpdateFields,
  encodeAwareness,
  encodeUpdateFields,
  parseReadReply,
} from './codec';

const b = (text: string) => Buffer.from(text);
const header = [b('i'), b('inst'), b('d'), b('board-1')];

describe('update stream fields', () => {
  it('round-trip any bytes, seqs and keys', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }),
        fc.array(fc.record({ seq: fc.integer({ min: 1, max: 2 ** 48 }), update: fc.uint8Array() }), {
          minLength: 1,
          maxLength: 5,
        }),
        (docKey, entries) => {
          const message = { instanceId: 'a1', docKey, entries };
          expect(decodeUpdateFields(encodeUpdateFields(message))).toEqual(message);
        },
      ),
    );
  });

  it('copies update bytes out of the reply buffer', () => {
    const pool = Buffer.from([9, 1, 2, 3, 9]);
    const decoded = decodeUpdateFields([...header, b('s'), b('1'), b('u'), pool.subarray(1, 4)]);
    pool.fill(0);
    expect(decoded?.entries[0]?.update).toEqual(new Uint8Array([1, 2, 3]));
    expect(decoded?.entries[0]?.update.buffer.byteLength).toBe(3);
  });

  it.each([
    ['not an array', 'garbage'],
    ['odd field count', [...header, b('s')]],
    ['no entries', header],
    ['no instance', [b('d'), b('x'), b('s'), b('1'), b('u'), b('u')]],
    ['no document', [b('i'), b('x'), b('s'), b('1'), b('u'), b('u')]],
    ['empty document key', [b('i'), b('x'), b('d'), b(''), b('s'), b('1'), b('u'), b('u')]],
    ['too long document key', [b('i'), b('x'), b('d'), b('k'.repeat(201)), b('s'), b('1'), b('u'), b('u')]],
    ['invalid UTF-8 key', [b('i'), b('x'), b('d'), Buffer.from([0xff]), b('s'), b('1'), b('u'), b('u')]],
    ['repeated instance', [...header, b('i'), b('y'), b('s'), b('1'), b('u'), b('u')]],
    ['seq zero', [...header, b('s'), b('0'), b('u'), b('u')]],
    ['seq with sign', [...header, b('s'), b('-1'), b('u'), b('u')]],
    ['seq not decimal', [...header, b('s'), b('1e3'), b('u'), b('u')]],
    ['seq beyond safe integers', [...header, b('s'), b('9'.repeat(16)), b('u'), b('u')]],
    ['update without seq', [...header, b('u'), b('u')]],
    ['seq without update', [...header, b('s'), b('1')]],
    ['two seqs in a row', [...header, b('s'), b('1'), b('s'), b('2'), b('u'), b('u')]],
    ['unknown field', [...header, b('x'), b('1')]],
    ['string fields', ['i', 'x', 'd', 'y', 's', '1', 'u', 'u']],
  ])('rejects %s', (_, fields) => {
    expect(decodeUpdateFields(fields)).toBeNull();
  });
});

describe('awareness messages', () => {
  it('round-trip any bytes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), fc.uint8Array(), (docKey, update) => {
        const message = { instanceId: 'a1', docKey, update };
        expect(decodeAwareness(encodeAwareness(message))).toEqual(message);
      }),
    );
  });

  it.each([
    ['no separator', b('{"i":"a","d":"b"}')],
    ['bad JSON', Buffer.concat([b('{"i":'), Buffer.from([0, 1])])],
    ['missing document', Buffer.concat([b('{"i":"a"}'), Buffer.from([0, 1])])],
    ['wrong types', Buffer.concat([b('{"i":1,"d":"b"}'), Buffer.from([0, 1])])],
    ['empty', Buffer.alloc(0)],
  ])('rejects %s', (_, payload) => {
    expect(decodeAwareness(payload)).toBeNull();
  });
});

describe('parseReadReply', () => {
  it('reads entry ids and fields of one stream', () => {
    const fields = [b('i'), b('x')];
    const reply = [
      [
        b('p:updates'),
        [
          [b('1-0'), fields],
          [b('2-5'), null],
        ],
      ],
    ];
    expect(parseReadReply(reply)).toEqual([
      { id: '1-0', fields },
      { id: '2-5', fields: null },
    ]);
  });

  it('takes a timed-out read as no entries', () => {
    expect(parseReadReply(null)).toEqual([]);
  });

  it('throws on a reply it cannot resume from', () => {
    expect(() => parseReadReply('OK')).toThrow();
    expect(() => parseReadReply([[b('k'), [[b('nope'), []]]]])).toThrow();
    expect(() => parseReadReply([[b('k'), 'x']])).toThrow();
  });
});
