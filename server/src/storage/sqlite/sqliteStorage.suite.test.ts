import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeStorageSuite } from '../storageSuite';
import { openSqliteStorage } from './sqliteStorage';

describeStorageSuite('SQLite', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cg-storage-suite-'));
  const storage = openSqliteStorage(dir);
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
});
