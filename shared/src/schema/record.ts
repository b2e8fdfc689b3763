import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Participant, Partner } from '../api/entities';
import { ParticipantSchema, PartnerSchema } from '../api/entities';

/**
 * The record document: a second Yjs document per board that only the server writes (clients' writes to it are
 * dropped). It mirrors authoritative state — partners, participants, later rounds — so every client sees it live
 * and offline, without being able to change it.
 */
const partnersMap = (doc: Y.Doc) => doc.getMap<unknown>('partners');
const participantsMap = (doc: Y.Doc) => doc.getMap<unknown>('participants');

function readValid<T>(map: Y.Map<unknown>, schema: z.ZodType<T>): T[] {
  const items: T[] = [];
  for (const value of map.values()) {
    const parsed = schema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
  }
  return items;
}

/** Partners in a neutral order (by name), never by size or activity. */
export function readPartners(doc: Y.Doc): Partner[] {
  return readValid(partnersMap(doc), PartnerSchema).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export function readParticipants(doc: Y.Doc): Participant[] {
  return readValid(participantsMap(doc), ParticipantSchema).sort((a, b) =>
    a.name.localeCompare(b.name, 'de'),
  );
}

/** Server side: writes only entries whose content differs, so unchanged state produces no update. */
export function writeRecordEntries(
  doc: Y.Doc,
  entries: { partners?: readonly Partner[]; participants?: readonly Participant[] },
): void {
  doc.transact(() => {
    for (const partner of entries.partners ?? []) setIfChanged(partnersMap(doc), partner.id, partner);
    for (const participant of entries.participants ?? []) {
      setIfChanged(participantsMap(doc), participant.id, participant);
    }
  }, 'server');
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: object): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, { ...value });
}
