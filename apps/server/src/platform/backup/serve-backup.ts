import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Database } from '../db/types.ts';
import { AppError } from '../errors.ts';
import {
  BackupError,
  backupPostgres,
  freshDirectory,
  manifestFile,
  onCitusCoordinator,
  snapshotPglite,
  type BackupManifest,
} from './snapshot.ts';

/** A Citus cluster is backed up per node (snapshot.ts, citusRefusal): a 409 before anything is audited or streams. */
export const refuseCitusBackup = async (db: Database) => {
  if (db.engine === 'postgres' && (await onCitusCoordinator(db.owner)))
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'engine', message: 'backup_per_node' }] });
};

/**
 * The backup the serving process takes of itself (GET /api/operator/backup): the manifest as one line of
 * JSON, then the data file. The embedded engine is dumped inside its one instance (no second process may
 * open its directory); PostgreSQL through pg_dump on this host, into a temporary directory removed after.
 */
export async function* backupStream(db: Database, config: Config, now: Date): AsyncGenerator<Buffer> {
  if (db.engine === 'pglite') {
    const { manifest, tarball } = await snapshotPglite(db, now);
    yield Buffer.from(`${JSON.stringify(manifest)}\n`);
    for await (const chunk of Readable.fromWeb(tarball.stream() as never)) yield chunk as Buffer;
    return;
  }
  // The server's own connection string (pg-boss's: the same database as DATABASE_URL).
  const url = 'connectionString' in db.jobsConnection ? db.jobsConnection.connectionString : config.DATABASE_URL;
  if (!url) throw new BackupError('no DATABASE_URL');
  const dir = await mkdtemp(join(tmpdir(), 'm4s-backup-'));
  try {
    const manifest = await backupPostgres(url, join(dir, 'b'), now);
    yield Buffer.from(`${JSON.stringify(manifest)}\n`);
    for await (const chunk of createReadStream(join(dir, 'b', manifest.file))) yield chunk as Buffer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Splits the answer above: the first line is the manifest, the rest goes to the data file. */
const splitManifest = (onManifest: (m: BackupManifest) => void) => {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, next) {
      if (head === null) return next(null, chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(10);
      if (end < 0) {
        if (head.length > 4_000_000) return next(new BackupError('the server answered no backup manifest'));
        return next();
      }
      try {
        onManifest(JSON.parse(head.subarray(0, end).toString('utf8')) as BackupManifest);
      } catch {
        return next(new BackupError('the server answered no backup manifest'));
      }
      const rest = head.subarray(end + 1);
      head = null;
      next(null, rest);
    },
  });
};

/**
 * `m4s backup create --server`: signs in as the operator, asks the serving process for its backup and
 * writes it as a backup directory (the same as one taken with the server stopped).
 */
export const fetchServerBackup = async (input: {
  server: string;
  login: string;
  password: string;
  outDir: string;
}): Promise<BackupManifest> => {
  const base = input.server.replace(/\/+$/, '');
  const signIn = await fetch(`${base}/api/operator/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: input.login, password: input.password }),
  });
  if (!signIn.ok) throw new BackupError(`operator sign-in at ${base} failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/api/operator/backup`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new BackupError(`the backup request failed: ${res.status} ${await res.text()}`);
  await freshDirectory(input.outDir, 'the backup directory');
  let manifest: BackupManifest | null = null;
  const partial = join(input.outDir, 'data.partial');
  await pipeline(
    Readable.fromWeb(res.body as never),
    splitManifest((m) => (manifest = m)),
    createWriteStream(partial),
  );
  const { csrfToken } = (await signIn.json()) as { csrfToken?: string };
  await fetch(`${base}/api/operator/sign-out`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken ?? '' },
  }).catch(() => undefined);
  const got = manifest as BackupManifest | null;
  if (!got) throw new BackupError('the server answered no backup manifest');
  if ((await stat(partial)).size !== got.bytes)
    throw new BackupError(`the backup was cut short: ${(await stat(partial)).size} of ${got.bytes} bytes`);
  await rename(partial, join(input.outDir, got.file));
  await writeFile(join(input.outDir, manifestFile), `${JSON.stringify(got, null, 2)}\n`);
  return got;
};
