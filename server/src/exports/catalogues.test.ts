import path from 'node:path';
import { LOCALES } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { catalogueChecks, catalogueReader } from '../../../tests/helpers/serverCatalogueSuite';

const dir = path.join(import.meta.dirname, 'messages');
const read = catalogueReader(dir);

describe('export catalogues (server/src/exports/messages)', () => {
  catalogueChecks(dir);

  it('keeps Markdown syntax out of the messages, so no translation can break the document', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(read(locale))) {
        expect(String(value), `${locale} ${key}`).not.toMatch(/^\s*(#|[-*+] |\d+\. )|\*\*|`|\n/);
      }
    }
  });
});
