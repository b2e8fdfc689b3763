import path from 'node:path';
import { LOCALES } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { catalogueChecks, catalogueReader } from '../../../tests/helpers/serverCatalogueSuite';

const dir = path.join(import.meta.dirname, 'messages');
const read = catalogueReader(dir);

describe('calendar catalogues (server/src/calendar/messages)', () => {
  catalogueChecks(dir);

  it('keeps every message on one line, so the calendar writer only ever escapes what people typed', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(read(locale))) {
        expect(String(value), `${locale} ${key}`).not.toMatch(/[\r\n]/);
      }
    }
  });
});
