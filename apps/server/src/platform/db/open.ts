import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './types.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A PGlite directory has one owner: a second process would open a diverging copy and lose writes.
 * The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export const lockDataDir = async (dir: string): Promise<() => Promise<void>> => {
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, 'm4s.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(lockPath, 'utf8').catch(() => '0'));
      if (pid && pid !== process.pid && alive(pid))
        throw new Error(`The data directory ${dir} is in use by process ${pid}; M4S refuses to open it twice.`);
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
};

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded engine in DATA_DIR. */
export const openDatabase = async (config: Config): Promise<Database> => {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, config.DB_POOL_SIZE);
  const dir = resolve(config.DATA_DIR);
  const unlock = await lockDataDir(dir);
  try {
    const db = await openPglite(join(dir, 'pg'));
    return {
      ...db,
      close: async () => {
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
};
