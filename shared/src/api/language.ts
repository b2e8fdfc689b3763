import { z } from 'zod';
import { LOCALES } from './languages';

/**
 * `?lang=` of the Markdown exports. Any string is accepted: a value that names no language falls back to the
 * request's Accept-Language and then to German, rather than failing a download over a stale link.
 */
export const ExportLanguageSchema = z
  .string()
  .optional()
  .describe(
    `Language of the Markdown document: ${LOCALES.join(', ')}. Another or no value: the first language of ` +
      'Accept-Language the product speaks, else German. Ignored for JSON.',
  );
