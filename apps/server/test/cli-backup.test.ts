import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { onCitus, testApp, uniqueSlug } from './harness.ts';
import { createTestOperator, operatorPassword } from './operator-kit.ts';

/**
 * The backup verbs as an operator runs them (docs/backup.md): separate processes on the test's engine —
 * the PostgreSQL of DATABASE_URL, or embedded databases in temporary DATA_DIRs.
 */
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'm4s-cli-backup-'));
const onPostgres = Boolean(process.env.DATABASE_URL);
const dropLater: string[] = [];
after(async () => {
  if (dropLater.length > 0) {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    for (const name of dropLater) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
});

function adminUrl() {
  const u = new URL(process.env.DATABASE_URL ?? '');
  u.username = 'postgres';
  u.pathname = '/postgres';
  return u.toString();
}

/** A new empty database on the test cluster, owned by the test's user (an operator makes it with createdb). */
const newDatabase = async (label: string) => {
  const base = new URL(process.env.DATABASE_URL ?? '');
  const name = `m4s_cli_${label}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} OWNER ${base.username}`);
  await admin.end();
  dropLater.push(name);
  base.pathname = `/${name}`;
  return base.toString();
};

type Run = { code: number | null; stdout: string; stderr: string };
type Where = { dataDir: string } | { url: string };

const m4s = (where: Where | null, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LANG: 'en_US.UTF-8', ...extra };
    delete env.M4S_LANG;
    delete env.DATABASE_URL;
    if (where && 'url' in where) env.DATABASE_URL = where.url;
    else env.DATA_DIR = where?.dataDir ?? join(work, 'unused');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: serverDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const ok = (run: Run, what: string) => assert.equal(run.code, 0, `${what}: ${run.stderr}${run.stdout}`);
const slow = { timeout: 600_000 };

describe('m4s backup and tenant archive', () => {
  test('bad arguments exit 2 before anything is opened', async () => {
    const noTarget = await m4s(null, ['backup', 'restore', '--from', work]);
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.stderr, /--data-dir <new directory> or --database-url/);
    const noOut = await m4s(null, ['backup', 'create']);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out is required/);
    const help = await m4s(null, ['help']);
    for (const c of ['backup create', 'backup restore', 'tenant archive', 'tenant import'])
      assert.ok(help.stdout.includes(c), c);
  });

  test(
    'backup, restore into a new place, archive one group and import it into another installation',
    slow,
    async (t) => {
      const source: Where = onPostgres ? { url: process.env.DATABASE_URL ?? '' } : { dataDir: join(work, 'source') };
      const slug = uniqueSlug('bk');
      ok(
        await m4s(source, [
          'tenant',
          'create',
          '--slug',
          slug,
          '--name',
          '备份集团',
          '--brand',
          '大众',
          '--store',
          'BK-01|备份一店|上海市备份路 1 号',
          '--admin-login',
          'admin',
          '--admin-name',
          '王总',
          '--admin-password',
          'backup-pass-123',
        ]),
        'tenant create',
      );

      const backup = join(work, 'backup');
      const created = await m4s(source, ['backup', 'create', '--out', backup]);
      if (await onCitus()) {
        // A Citus coordinator is backed up per node (docs/backup.md): refused, saying so; the archive still works.
        assert.equal(created.code, 1, created.stdout);
        assert.match(created.stderr, /Citus coordinator/);
        t.diagnostic('Citus: backup create is refused (per node instead); restore not checked, the archive is');
      } else await backupAndRestore(created, backup, source, slug);
      await archiveAndImport(source, slug);
    },
  );

  /** The whole installation: backed up (not twice into one directory), restored into a new place (not twice). */
  const backupAndRestore = async (created: Run, backup: string, source: Where, slug: string) => {
    ok(created, 'backup create');
    assert.match(created.stdout, /backup of the (embedded|PostgreSQL) database written to .* tables, \d+ rows/);
    assert.ok(existsSync(join(backup, 'manifest.json')));
    const again = await m4s(source, ['backup', 'create', '--out', backup]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);

    const target: Where = onPostgres ? { url: await newDatabase('restored') } : { dataDir: join(work, 'restored') };
    const restoreArgs = 'url' in target ? ['--database-url', target.url] : ['--data-dir', target.dataDir];
    const restored = await m4s(null, ['backup', 'restore', '--from', backup, ...restoreArgs]);
    ok(restored, 'backup restore');
    assert.match(restored.stdout, /every count and checksum equal to the backup's/);
    const listed = await m4s(target, ['tenant', 'list']);
    ok(listed, 'tenant list on the restored database');
    assert.match(listed.stdout, new RegExp(slug));
    const twice = await m4s(null, ['backup', 'restore', '--from', backup, ...restoreArgs]);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /not empty/);

    // A data file cut short: the restore refuses, naming what differs or what failed.
    if (!onPostgres) {
      const cut = join(work, 'backup-cut');
      const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as { file: string };
      const { mkdirSync } = await import('node:fs');
      mkdirSync(cut);
      writeFileSync(join(cut, 'manifest.json'), readFileSync(join(backup, 'manifest.json')));
      const data = readFileSync(join(backup, manifest.file));
      writeFileSync(join(cut, manifest.file), data.subarray(0, Math.floor(data.length / 2)));
      const refused = await m4s(null, ['backup', 'restore', '--from', cut, '--data-dir', join(work, 'restored-cut')]);
      assert.equal(refused.code, 1, refused.stdout);
    }
  };

  /** One dealer group: archived and imported into another installation. */
  const archiveAndImport = async (source: Where, slug: string) => {
    const archive = join(work, `${slug}.m4st.gz`);
    const archived = await m4s(source, ['tenant', 'archive', slug, '--out', archive]);
    ok(archived, 'tenant archive');
    assert.match(archived.stdout, new RegExp(`dealer group ${slug} \\(active\\) archived`));
    const other: Where = onPostgres ? { url: await newDatabase('other') } : { dataDir: join(work, 'other') };
    const imported = await m4s(other, ['tenant', 'import', '--file', archive]);
    ok(imported, 'tenant import');
    assert.match(imported.stdout, /every count and checksum equal to the archive's/);
    // (A second import, a tampered archive and the other refusals: backup-restore.test.ts, in process.)
  };

  test(
    'while the embedded server runs, the CLI refuses its directory and backs up through --server',
    slow,
    async (t) => {
      if (!onPostgres) {
        // A data directory held by a live process (this one): the CLI will not open it.
        const held = join(work, 'held');
        const { mkdirSync } = await import('node:fs');
        mkdirSync(held);
        writeFileSync(join(held, 'm4s.lock'), String(process.pid));
        const busy = await m4s({ dataDir: held }, ['backup', 'create', '--out', join(work, 'never')]);
        assert.equal(busy.code, 1);
        assert.match(busy.stderr, /in use by process .*\n.*backup create --server/s);
      }
      const { app } = await testApp();
      // Another test file may have put the shared app on a port already.
      if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const login = await createTestOperator();
      const out = join(work, 'served');
      const wrong = await m4s(
        null,
        ['backup', 'create', '--server', `http://127.0.0.1:${port}`, '--login', login, '--out', out],
        {
          M4S_OPERATOR_PASSWORD: 'not-the-password',
        },
      );
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /sign-in .* failed: 401/);
      const served = await m4s(
        null,
        ['backup', 'create', '--server', `http://127.0.0.1:${port}`, '--login', login, '--out', out],
        {
          M4S_OPERATOR_PASSWORD: operatorPassword,
        },
      );
      if (await onCitus()) {
        assert.equal(served.code, 1, served.stdout);
        assert.match(served.stderr, /409.*Citus/s);
        t.skip('Citus: the served backup is refused (a cluster is backed up per node, docs/backup.md)');
        return;
      }
      ok(served, 'backup create --server');
      const target = onPostgres
        ? ['--database-url', await newDatabase('served')]
        : ['--data-dir', join(work, 'served-restored')];
      const restored = await m4s(null, ['backup', 'restore', '--from', out, ...target]);
      ok(restored, 'restore of the served backup');
      assert.match(restored.stdout, /every count and checksum equal/);
    },
  );
});
