import type { PartnerProfile } from '@common-ground/shared';
import { describe, expect, it } from 'vitest';
import type { RelationRecord, Storage } from '../types';
import { addPartner, BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const profile = (partnerId: string, overrides: Partial<PartnerProfile> = {}): PartnerProfile => ({
  partnerId,
  description: 'Wir vertreten die Mieter.',
  offers: ['rooms', 'contacts'],
  offersNote: 'Saal für 40',
  interests: 'Spielplatz',
  contact: 'info@example.org',
  updatedBy: FACILITATOR,
  updatedAt: NOW,
  ...overrides,
});

const relation = (id: string, overrides: Partial<RelationRecord> = {}): RelationRecord => ({
  id,
  boardId: BOARD,
  from: 'partner-a',
  to: 'partner-b',
  kind: 'cooperation',
  strength: 2,
  note: '',
  createdBy: FACILITATOR,
  createdAt: NOW,
  removedAt: null,
  removedBy: null,
  ...overrides,
});

/** Visits, profiles and relations. */
export function describeNetwork(ctx: { readonly storage: Storage }): void {
  describe('visits, profiles, relations', () => {
    it('remembers a participant’s last visit', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.getLastVisit(FACILITATOR)).toBeNull();
      await storage.recordVisit(FACILITATOR, NOW + 5);
      expect(await storage.getLastVisit(FACILITATOR)).toBe(NOW + 5);
      await storage.recordVisit(FACILITATOR, NOW + 9);
      expect(await storage.getLastVisit(FACILITATOR)).toBe(NOW + 9);
    });

    it('replaces a partner’s profile and lists a board’s profiles only', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-b');
      await addPartner(storage, 'partner-a');
      await addPartner(storage, 'partner-other', 'board-2');
      await storage.saveProfile(profile('partner-b'));
      await storage.saveProfile(profile('partner-a', { offers: [] }));
      await storage.saveProfile(profile('partner-other', { updatedBy: facilitatorOf('board-2') }));
      const replaced = profile('partner-b', { description: 'Neu', contact: '', updatedAt: NOW + 1 });
      await storage.saveProfile(replaced);
      expect(await storage.listProfiles(BOARD)).toEqual([profile('partner-a', { offers: [] }), replaced]);
      expect((await storage.listProfiles('board-2')).map((p) => p.partnerId)).toEqual(['partner-other']);
    });

    it('stores relations, refusing duplicates of a pair and kind and more than the limit', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      for (const id of ['partner-a', 'partner-b', 'partner-c']) await addPartner(storage, id);
      expect(await storage.createRelation(relation('rel-1', { note: 'Seit 2019' }), 4)).toBe('created');
      expect(await storage.getRelation('rel-1')).toEqual(relation('rel-1', { note: 'Seit 2019' }));
      expect(await storage.getRelation('rel-unknown')).toBeNull();
      expect(await storage.createRelation(relation('rel-2'), 4)).toBe('duplicate');
      // Only funding has a direction: the reversed pair is the same cooperation, but a different funding.
      expect(await storage.createRelation(relation('rel-3', { from: 'partner-b', to: 'partner-a' }), 4)).toBe(
        'duplicate',
      );
      expect(
        await storage.createRelation(relation('rel-4', { kind: 'funding', createdAt: NOW + 1 }), 4),
      ).toBe('created');
      const reversedFunding = relation('rel-5', {
        kind: 'funding',
        from: 'partner-b',
        to: 'partner-a',
        createdAt: NOW + 1,
      });
      expect(await storage.createRelation(reversedFunding, 4)).toBe('created');
      expect(await storage.createRelation(relation('rel-6', { kind: 'tension', to: 'partner-c' }), 3)).toBe(
        'limit_reached',
      );
      expect(await storage.getRelation('rel-6')).toBeNull();
      expect((await storage.listRelations(BOARD)).map((r) => r.id)).toEqual(['rel-1', 'rel-4', 'rel-5']);
    });

    it('keeps removed relations on record, outside the limit and the duplicate check', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      for (const id of ['partner-a', 'partner-b']) await addPartner(storage, id);
      expect(await storage.createRelation(relation('rel-1'), 1)).toBe('created');
      expect(await storage.removeRelation('rel-1', FACILITATOR, NOW + 3)).toBe(true);
      expect(await storage.removeRelation('rel-1', FACILITATOR, NOW + 4)).toBe(false);
      expect(await storage.getRelation('rel-1')).toEqual(
        relation('rel-1', { removedAt: NOW + 3, removedBy: FACILITATOR }),
      );
      expect(await storage.listRelations(BOARD)).toEqual([]);
      expect(await storage.createRelation(relation('rel-2', { createdAt: NOW + 5 }), 1)).toBe('created');
      expect(
        (await storage.listRelations(BOARD, { includeRemoved: true })).map((r) => [r.id, r.removedAt]),
      ).toEqual([
        ['rel-1', NOW + 3],
        ['rel-2', null],
      ]);
      expect(await storage.removeRelation('rel-unknown', FACILITATOR, NOW)).toBe(false);
    });
  });
}
