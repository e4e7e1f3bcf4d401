import { resolve } from 'node:path';
import { tenantSlug } from '@m4s/contracts';
import { openDatabase } from '../../platform/db/open.ts';
import { fetchServerBackup } from '../../platform/backup/serve-backup.ts';
import {
  backupPostgres,
  BackupError,
  freshDirectory,
  restorePglite,
  restorePostgres,
  snapshotPglite,
  writePgliteBackup,
  type BackupManifest,
} from '../../platform/backup/snapshot.ts';
import { exportTenantArchive, importTenantArchive } from '../../platform/backup/tenant-archive.ts';
import * as tenants from '../../modules/operator/tenants-admin.service.ts';
import { operatorAudit } from '../../modules/operator/operator-audit.ts';
import { DataDirBusy } from '../runtime.ts';
import { parse, required, UsageError, validate } from '../args.ts';
import type { Command, Standalone } from '../io.ts';

const summary = (m: BackupManifest, dir: string) => {
  const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
  const mb = (m.bytes / 1e6).toFixed(1);
  return `backup of the ${m.engine === 'pglite' ? 'embedded' : 'PostgreSQL'} database written to ${dir}: ${mb} MB, ${Object.keys(m.tables).length} tables, ${rows} rows (checksums in manifest.json)`;
};

export const backupCreate: Standalone = (argv, io) => {
  const name = 'backup create';
  const { values } = parse(name, argv, {
    out: { type: 'string' },
    server: { type: 'string' },
    login: { type: 'string' },
  });
  const out = resolve(required(name, values, 'out'));
  if (values.server && !values.login) throw new UsageError('--server needs --login (an operator)', name);
  return async (config, env) => {
    const started = Date.now();
    await freshDirectory(out, 'the backup directory'); // refused before any database is opened
    let manifest: BackupManifest;
    if (values.server) {
      const password = env.M4S_OPERATOR_PASSWORD;
      if (!password) throw new UsageError("set M4S_OPERATOR_PASSWORD to the operator's password", name);
      manifest = await fetchServerBackup({ server: values.server, login: values.login ?? '', password, outDir: out });
    } else if (config.DATABASE_URL) {
      manifest = await backupPostgres(config.DATABASE_URL, out, new Date());
    } else {
      const db = await openDatabase(config).catch((error: Error) => {
        if (/in use by process/.test(error.message))
          throw new DataDirBusy(
            `${error.message}\nWhile the server runs, it takes the backup itself: ` +
              `m4s backup create --server <its URL> --login <operator> --out ${out} (docs/backup.md).`,
          );
        throw error;
      });
      try {
        manifest = await writePgliteBackup(out, await snapshotPglite(db, new Date()));
      } finally {
        await db.close();
      }
    }
    io.print(`${summary(manifest, out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
};

export const backupRestore: Standalone = (argv, io) => {
  const name = 'backup restore';
  const { values } = parse(name, argv, {
    from: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
  });
  const from = resolve(required(name, values, 'from'));
  const dataDir = values['data-dir'];
  const url = values['database-url'];
  if (Boolean(dataDir) === Boolean(url))
    throw new UsageError('give the target: --data-dir <new directory> or --database-url <new database>', name);
  return async () => {
    const started = Date.now();
    const result = dataDir ? await restorePglite(from, dataDir) : await restorePostgres(from, url ?? '');
    const where = dataDir ? `the data directory ${resolve(dataDir)}` : 'the database';
    io.print(
      `restored into ${where}: ${result.tables} tables, ${result.rows} rows, every count and checksum equal to the backup's ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  };
};

export const tenantArchive: Command = (argv, io) => {
  const name = 'tenant archive';
  const { values, positionals } = parse(name, argv, { out: { type: 'string' } }, 1);
  if (!positionals[0]) throw new UsageError('which dealer group? give its slug', name);
  const slug = validate(name, tenantSlug, positionals[0], io.locale);
  const out = resolve(required(name, values, 'out'));
  return async (rt) => {
    const tenant = await rt.asOperator(async (ctx) => {
      const found = await tenants.findTenant(ctx, slug);
      await operatorAudit(ctx, {
        action: 'tenant.archived',
        tenantId: found.id,
        target: { type: 'tenant', id: found.id },
        details: { slug: found.slug, file: out },
      });
      return found;
    });
    const header = await exportTenantArchive(rt.db, { tenantId: tenant.id, file: out, now: rt.clock.now() }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new BackupError(`${out} exists: choose a new file`);
        throw error;
      },
    );
    const rows = Object.values(header.checksums).reduce((n, t) => n + t.rows, 0);
    io.print(
      `dealer group ${header.tenant.slug} (${header.tenant.status}) archived to ${out}: ${header.tables.length} tables, ${rows} rows`,
    );
  };
};

export const tenantImport: Command = (argv, io) => {
  const name = 'tenant import';
  const { values } = parse(name, argv, { file: { type: 'string' } });
  const file = resolve(required(name, values, 'file'));
  return async (rt) => {
    const header = await importTenantArchive(rt.db, file);
    await rt.asOperator((ctx) =>
      operatorAudit(ctx, {
        action: 'tenant.imported',
        tenantId: header.tenant.id,
        target: { type: 'tenant', id: header.tenant.id },
        details: { slug: header.tenant.slug, file, archivedAt: header.createdAt },
      }),
    );
    const rows = Object.values(header.checksums).reduce((n, t) => n + t.rows, 0);
    io.print(
      `dealer group ${header.tenant.slug} imported (${header.tenant.status}): ${header.tables.length} tables, ${rows} rows, ` +
        `every count and checksum equal to the archive's`,
    );
  };
};
