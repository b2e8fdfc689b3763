import { describe } from 'vitest';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../../../../tests/helpers/postgres';
import { describeStorageSuite } from '../storageSuite';
import { openPostgresStorage } from './postgresStorage';

describe.skipIf(!databaseUrl)(`PostgresStorage${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
  describeStorageSuite(
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      const storage = await openPostgresStorage(database.url);
      return {
        storage,
        cleanup: async () => {
          await storage.close();
          await database.drop();
        },
      };
    },
    {
      contiguousSeqs: true,
      openPair: async () => {
        const database = await createTestDatabase();
        // Both at once, as instances starting together: the migration lock lets one migrate, the other wait.
        const [first, second] = await Promise.all([
          openPostgresStorage(database.url),
          openPostgresStorage(database.url),
        ]);
        return {
          first,
          second,
          cleanup: async () => {
            await Promise.all([first.close(), second.close()]);
            await database.drop();
          },
        };
      },
    },
  );
});
