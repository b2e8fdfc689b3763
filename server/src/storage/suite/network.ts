import type { PartnerProfile } from '@common-ground/shared/api';
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

/** The network part: profiles and relations. */
export function describeNetwork(ctx: { readonly storage: Storage }): void {
  describe('network: profiles, relations', () => {
    it('replaces a partner’s profile and lists a board’s profiles only', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-b');
      await addPartner(storage, 'partner-a');
      await addPartner(storage, 'partner-other', 'board-2');
      await storage.network.saveProfile(profile('partner-b'));
      await storage.network.saveProfile(profile('partner-a', { offers: [] }));
      await storage.network.saveProfile(profile('partner-other', { updatedBy: facilitatorOf('board-2') }));
      const replaced = profile('partner-b', { description: 'Neu', contact: '', updatedAt: NOW + 1 });
      await storage.network.saveProfile(replaced);
      expect(await storage.network.listProfiles(BOARD)).toEqual([
        profile('partner-a', { offers: [] }),
        replaced,
      ]);
      expect((await storage.network.listProfiles('board-2')).map((p) => p.partnerId)).toEqual([
        'partner-other',
      ]);
    });

    it('stores relations, refusing duplicates of a pair and kind and more than the limit', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      for (const id of ['partner-a', 'partner-b', 'partner-c']) await addPartner(storage, id);
      expect(await storage.network.createRelation(relation('rel-1', { note: 'Seit 2019' }), 4)).toBe(
        'created',
      );
      expect(await storage.network.getRelation('rel-1')).toEqual(relation('rel-1', { note: 'Seit 2019' }));
      expect(await storage.network.getRelation('rel-unknown')).toBeNull();
      expect(await storage.network.createRelation(relation('rel-2'), 4)).toBe('duplicate');
      // Only funding has a direction: the reversed pair is the same cooperation, but a different funding.
      expect(
        await storage.network.createRelation(relation('rel-3', { from: 'partner-b', to: 'partner-a' }), 4),
      ).toBe('duplicate');
      expect(
        await storage.network.createRelation(relation('rel-4', { kind: 'funding', createdAt: NOW + 1 }), 4),
      ).toBe('created');
      const reversedFunding = relation('rel-5', {
        kind: 'funding',
        from: 'partner-b',
        to: 'partner-a',
        createdAt: NOW + 1,
      });
      expect(await storage.network.createRelation(reversedFunding, 4)).toBe('created');
      expect(
        await storage.network.createRelation(relation('rel-6', { kind: 'tension', to: 'partner-c' }), 3),
      ).toBe('limit_reached');
      expect(await storage.network.getRelation('rel-6')).toBeNull();
      expect((await storage.network.listRelations(BOARD)).map((r) => r.id)).toEqual([
        'rel-1',
        'rel-4',
        'rel-5',
      ]);
    });

    it('keeps removed relations on record, outside the limit and the duplicate check', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      for (const id of ['partner-a', 'partner-b']) await addPartner(storage, id);
      expect(await storage.network.createRelation(relation('rel-1'), 1)).toBe('created');
      expect(await storage.network.removeRelation('rel-1', FACILITATOR, NOW + 3)).toBe(true);
      expect(await storage.network.removeRelation('rel-1', FACILITATOR, NOW + 4)).toBe(false);
      expect(await storage.network.getRelation('rel-1')).toEqual(
        relation('rel-1', { removedAt: NOW + 3, removedBy: FACILITATOR }),
      );
      expect(await storage.network.listRelations(BOARD)).toEqual([]);
      expect(await storage.network.createRelation(relation('rel-2', { createdAt: NOW + 5 }), 1)).toBe(
        'created',
      );
      expect(
        (await storage.network.listRelations(BOARD, { includeRemoved: true })).map((r) => [
          r.id,
          r.removedAt,
        ]),
      ).toEqual([
        ['rel-1', NOW + 3],
        ['rel-2', null],
      ]);
      expect(await storage.network.removeRelation('rel-unknown', FACILITATOR, NOW)).toBe(false);
    });
  });
}
