import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database, SqlExecutor } from '../db/types.ts';
import { compareChecksums, databaseChecksums, describeDifferences, stableText, type Checksums } from './checksums.ts';

/**
 * A whole-installation backup (docs/backup.md): a directory with `manifest.json` — the engine, the time,
 * and every table's row count and checksum read in the very snapshot the data file holds — and the data:
 * `pgdata.tar.gz` (the embedded engine's data directory, PGlite's dumpDataDir) or `database.pgdump`
 * (pg_dump's custom format). A restore refuses a target that holds anything and checks every table
 * against the manifest before it answers.
 */
export type BackupManifest = {
  format: 'm4s.backup';
  version: 1;
  engine: Database['engine'];
  createdAt: string;
  file: string;
  bytes: number;
  tables: Checksums;
};

export const pgliteFile = 'pgdata.tar.gz';
export const postgresFile = 'database.pgdump';
export const manifestFile = 'manifest.json';

/** A refusal an operator can act on (exit code 1, no stack). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const withStableText = async (sql: SqlExecutor) => {
  await sql.executeSql(stableText);
  return databaseChecksums(sql);
};

/** The serving embedded database, inside its own process: the tarball and the checksums of what it holds. */
export const snapshotPglite = async (db: Database, now: Date): Promise<{ manifest: BackupManifest; tarball: Blob }> => {
  if (!db.dumpDataDir) throw new BackupError('this is not the embedded engine');
  const { tarball, inside } = await db.dumpDataDir(withStableText);
  return {
    tarball,
    manifest: {
      format: 'm4s.backup',
      version: 1,
      engine: 'pglite',
      createdAt: now.toISOString(),
      file: pgliteFile,
      bytes: tarball.size,
      tables: inside,
    },
  };
};

/** An empty (or absent) directory, created: a backup or a restore never writes over anything. */
export const freshDirectory = async (dir: string, what: string) => {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) throw new BackupError(`${what} ${dir} is not empty: choose a new directory`);
  await mkdir(dir, { recursive: true });
};

export const writePgliteBackup = async (outDir: string, snapshot: { manifest: BackupManifest; tarball: Blob }) => {
  await freshDirectory(outDir, 'the backup directory');
  await writeFile(join(outDir, pgliteFile), Buffer.from(await snapshot.tarball.arrayBuffer()));
  await writeFile(join(outDir, manifestFile), `${JSON.stringify(snapshot.manifest, null, 2)}\n`);
  return snapshot.manifest;
};

/** PostgreSQL's client programs: PG_BIN, else Debian's PostgreSQL 15 directory, else the PATH. */
export const pgProgram = (name: 'pg_dump' | 'pg_restore') => {
  const dirs = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin'].filter(Boolean) as string[];
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  return name;
};

const run = (program: string, args: string[]) =>
  new Promise<void>((done, fail) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => fail(new BackupError(`${program}: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? done() : fail(new BackupError(`${program} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });

const clientExecutor = (client: pg.Client): SqlExecutor => ({
  executeSql: (text, values) => client.query(text, values),
});

/** Whether the database is a Citus coordinator (the `citus` extension is in it). */
export const onCitusCoordinator = async (sql: SqlExecutor) =>
  (await sql.executeSql(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`, [])).rows.length > 0;

/**
 * Why a Citus coordinator is not backed up here: pg_dump of it reads each distributed table through the
 * workers, in their own transactions, outside the exported snapshot (Citus has no snapshot across nodes), so
 * the data would not be the point in time the manifest describes; and its dump restores only where the citus
 * extension may be created. A Citus cluster is backed up per node (docs/backup.md, "Citus").
 */
export const citusRefusal =
  "this database is a Citus coordinator: pg_dump of it is no consistent backup of the cluster (the workers' " +
  'rows are read outside its snapshot); back the cluster up on each node, with citus_create_restore_point() for ' +
  'one point in time across them (docs/backup.md, "Citus"); one dealer group\'s archive works as elsewhere';

/**
 * PostgreSQL while serving: a REPEATABLE READ transaction exports its snapshot, reads every table's
 * checksum in it, and pg_dump (custom format) dumps that same snapshot — pg-boss's schema included.
 * Refused on a Citus coordinator (`citusRefusal`).
 */
export const backupPostgres = async (url: string, outDir: string, now: Date): Promise<BackupManifest> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (await onCitusCoordinator(clientExecutor(client))) throw new BackupError(citusRefusal);
    await freshDirectory(outDir, 'the backup directory');
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const snapshotId = rows[0]?.id ?? '';
    const tables = await withStableText(clientExecutor(client));
    const file = join(outDir, postgresFile);
    await run(pgProgram('pg_dump'), [
      '--format=custom',
      `--snapshot=${snapshotId}`,
      `--file=${file}`,
      `--dbname=${url}`,
    ]);
    await client.query('COMMIT');
    const manifest: BackupManifest = {
      format: 'm4s.backup',
      version: 1,
      engine: 'postgres',
      createdAt: now.toISOString(),
      file: postgresFile,
      bytes: (await stat(file)).size,
      tables,
    };
    await writeFile(join(outDir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await client.end();
  }
};

export const readManifest = async (dir: string): Promise<BackupManifest> => {
  const text = await readFile(join(dir, manifestFile), 'utf8').catch(() => {
    throw new BackupError(`${dir} holds no ${manifestFile}: not an M4S backup`);
  });
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== 'm4s.backup' || manifest.version !== 1)
    throw new BackupError(`${dir}: not an M4S backup of a version this program reads`);
  return manifest;
};

const verify = (manifest: BackupManifest, restored: Checksums) => {
  const differences = compareChecksums(manifest.tables, restored);
  if (differences.length > 0)
    throw new BackupError(
      `the restored database differs from the backup's manifest:\n${describeDifferences(differences)}`,
    );
};

export type RestoreResult = { tables: number; rows: number };
const totals = (manifest: BackupManifest): RestoreResult => ({
  tables: Object.keys(manifest.tables).length,
  rows: Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0),
});

/** Into a new DATA_DIR (absent or empty): the data directory unpacked at `<dir>/pg`, then checked. */
export const restorePglite = async (fromDir: string, dataDir: string): Promise<RestoreResult> => {
  const manifest = await readManifest(fromDir);
  if (manifest.engine !== 'pglite')
    throw new BackupError(`${fromDir} is a PostgreSQL backup: restore it into a database (--database-url)`);
  const tarball = new Blob([await readFile(join(fromDir, manifest.file))]);
  const target = resolve(dataDir);
  await freshDirectory(target, 'the data directory');
  const restored = await PGlite.create(join(target, 'pg'), { loadDataDir: tarball });
  try {
    const sums = await restored.transaction(async (t) => {
      const sql: SqlExecutor = {
        executeSql: async (text, values) =>
          values?.length
            ? t.query<Record<string, unknown>>(text, values)
            : { rows: (await t.exec(text)).at(-1)?.rows ?? [] },
      };
      return withStableText(sql);
    });
    verify(manifest, sums);
  } finally {
    await restored.close();
  }
  return totals(manifest);
};

/** A database URL's database replaced (for the maintenance connection that creates the target). */
const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
};

/**
 * Into a fresh PostgreSQL database: created when absent (through the server's `postgres` database), refused
 * when it holds any table; the application's roles made when this server lacks them; pg_restore in one
 * transaction, stopping at the first error; then every table checked against the manifest.
 */
export const restorePostgres = async (fromDir: string, url: string): Promise<RestoreResult> => {
  const manifest = await readManifest(fromDir);
  if (manifest.engine !== 'postgres')
    throw new BackupError(`${fromDir} is an embedded-engine backup: restore it into a data directory (--data-dir)`);
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!database) throw new BackupError('the database URL names no database');
  let client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const maintenance = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await maintenance.connect();
    try {
      await maintenance.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } catch (cause) {
      throw new BackupError(
        `the database ${database} does not exist and this user may not create it (${(cause as Error).message}): ` +
          `create it first, e.g. createdb -O ${new URL(url).username || '<owner>'} ${database}`,
      );
    } finally {
      await maintenance.end();
    }
    client = new pg.Client({ connectionString: url });
    await client.connect();
  }
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
    );
    if ((rows[0]?.n ?? 0) > 0) throw new BackupError(`the database ${database} is not empty: restore into a new one`);
    for (const role of ['m4s_app', 'm4s_operator'])
      await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF;
        IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN EXECUTE format('GRANT ${role} TO %I', current_user); END IF;
      END $$`);
    // The operator acts inside a tenant as a member of the application role (migration 0046).
    await client.query(`DO $$ BEGIN
        IF NOT pg_has_role('m4s_operator', 'm4s_app', 'MEMBER') THEN GRANT m4s_app TO m4s_operator; END IF;
      END $$`);
    await run(pgProgram('pg_restore'), [
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${url}`,
      join(fromDir, manifest.file),
    ]);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const sums = await withStableText(clientExecutor(client));
    await client.query('COMMIT');
    verify(manifest, sums);
  } finally {
    await client.end();
  }
  return totals(manifest);
};
