import { z } from 'zod';
import { IdSchema } from './entities';

/** POST /api/boards/import?facilitator=<participant id>: whom of the archive's facilitators the importer becomes. */
export const ImportBoardQuery = z.object({ facilitator: IdSchema.optional() });
export type ImportBoardQuery = z.infer<typeof ImportBoardQuery>;
