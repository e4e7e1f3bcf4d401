import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vinCheckDigit } from '@m4s/contracts';
import ExcelJS from '../src/modules/imports/excel.ts';
import { uniqueSlug } from './harness.ts';
import { tenantBody } from './operator-kit.ts';

/**
 * The CLI as an operator runs it: a separate process on the same database — the test PostgreSQL when
 * DATABASE_URL is set, otherwise its own embedded database in a temporary DATA_DIR.
 */
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'm4s-cli-'));
const dataDir = join(work, 'data');
after(() => rmSync(work, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

const m4s = (...args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };
    delete env.M4S_LANG;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: serverDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const slow = { timeout: 300_000 };

describe('the m4s command line', () => {
  test('help, and bad arguments exit 2 with a message — before any database is opened', async () => {
    const help = await m4s('help');
    assert.equal(help.code, 0, help.stderr);
    for (const c of ['tenant create', 'tenant suspend', 'tenant export', 'staff create', 'nightly', 'import'])
      assert.ok(help.stdout.includes(c), c);
    const one = await m4s('tenant', 'export', '--help');
    assert.equal(one.code, 0);
    assert.match(one.stdout, /m4s tenant export <slug>/);
    const unknown = await m4s('tenant', 'frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command: tenant frobnicate/);
    const missing = await m4s('tenant', 'create', '--slug', 'x1');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--name is required/);
    const badOption = await m4s('tenant', 'list', '--colour');
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--colour/);
  });

  const slug = uniqueSlug('cli');

  test('operator create, tenant create (and its refusals), list', slow, async () => {
    const op = await m4s('operator', 'create', '--login', `ops-${slug}`, '--name', '运维');
    assert.equal(op.code, 0, op.stderr);
    assert.match(op.stdout, /initial password \(shown once\): \S{12,}/);

    const created = await m4s(
      'tenant',
      'create',
      '--slug',
      slug,
      '--name',
      '命令行集团',
      '--brand',
      '大众',
      '--store',
      'CLI-1|命令行一店|上海市测试路 9 号',
      '--admin-login',
      'boss',
      '--admin-name',
      '老板',
      '--admin-password',
      'boss-pass-123',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`dealer group ${slug} created`));

    const taken = await m4s('tenant', 'create', '--file', writeBody({ ...tenantBody(), slug }));
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /SLUG_TAKEN/);
    const zone = await m4s('tenant', 'create', '--file', writeBody({ ...tenantBody(), timezone: 'Mars/Base' }));
    assert.equal(zone.code, 2);
    assert.match(zone.stderr, /timezone: Enter a valid time zone/);

    const list = await m4s('tenant', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    const mine = (JSON.parse(list.stdout) as { slug: string; status: string; brands: string[] }[]).find(
      (t) => t.slug === slug,
    );
    assert.deepEqual(mine && { status: mine.status, brands: mine.brands }, { status: 'active', brands: ['大众'] });
  });

  test('staff create, password reset, import and the nightly steps', slow, async () => {
    const staff = await m4s(
      'staff',
      'create',
      '--tenant',
      slug,
      '--login',
      'adv',
      '--name',
      '顾问',
      '--role',
      'service_advisor',
      '--store',
      'CLI-1',
    );
    assert.equal(staff.code, 0, staff.stderr);
    assert.match(staff.stdout, /initial password \(shown once\)/);
    const noStore = await m4s(
      'staff',
      'create',
      '--tenant',
      slug,
      '--login',
      'adv2',
      '--name',
      '顾问',
      '--role',
      'service_advisor',
    );
    assert.equal(noStore.code, 2, noStore.stderr);
    const reset = await m4s(
      'staff',
      'password-reset',
      '--tenant',
      slug,
      '--login',
      'adv',
      '--password',
      'new-pass-123',
    );
    assert.equal(reset.code, 0, reset.stderr);

    const csv = join(work, 'customers.csv');
    writeFileSync(csv, '客户姓名,手机号码,车架号\n张三,13912345678,LFV2A21K8J3000001\n李四,13912345679,\n');
    const imported = await m4s('import', '--tenant', slug, '--kind', 'customers', '--file', csv);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /done: 2 rows, 0 failed/);
    const noSource = await m4s('import', '--tenant', slug, '--kind', 'customers', '--file', csv, '--source', '没有');
    assert.notEqual(noSource.code, 0);
    assert.match(noSource.stderr, /--source 没有: no such data source/);

    const night = await m4s('nightly', '--tenant', slug, '--date', '2026-11-30');
    assert.equal(night.code, 0, night.stderr);
    assert.match(night.stdout, /nightly steps of .* for 2026-11-30/);
    const badDate = await m4s('nightly', '--tenant', slug, '--date', '30/11/2026');
    assert.equal(badDate.code, 2);
  });

  test('suspend, export, resume', slow, async () => {
    const suspended = await m4s('tenant', 'suspend', slug, '--reason', '测试');
    assert.equal(suspended.code, 0, suspended.stderr);
    assert.match(suspended.stdout, /suspended/);
    const night = await m4s('nightly', '--tenant', slug);
    assert.equal(night.code, 1);
    assert.match(night.stderr, /TENANT_SUSPENDED/);

    const out = join(work, 'export.json');
    const exported = await m4s('tenant', 'export', slug, '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      tenant: { slug: string };
      tables: Record<string, { login?: string; name?: string }[]>;
    };
    assert.equal(doc.tenant.slug, slug);
    assert.deepEqual(doc.tables.staff?.map((s) => s.login).sort(), ['adv', 'boss']);
    assert.deepEqual(doc.tables.customers?.map((c) => c.name).sort(), ['张三', '李四']);

    const resumed = await m4s('tenant', 'resume', slug);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /active/);
  });

  test(
    'a workbook imported without --kind: every sheet as its headers suggest, in dependency order',
    slow,
    async () => {
      const vin = (serial: number) => {
        const body = `LFV2A21K0J3${String(serial).padStart(6, '0')}`;
        return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
      };
      const book = new ExcelJS.Workbook();
      const orders = book.addWorksheet('维修工单');
      orders.addRow(['工单号', '车架号', '进厂日期', '项目类型', '项目名称', '金额']);
      orders.addRow(['CLI-WX-1', vin(101), '2025-03-01', '工时', '常规保养', '180']);
      const cars = book.addWorksheet('客户车辆');
      cars.addRow(['客户姓名', '手机号码', '车架号']);
      cars.addRow(['王五', '13912340101', vin(101)]);
      book.addWorksheet('说明').addRow(['导出说明']);
      const file = join(work, 'dms.xlsx');
      await book.xlsx.writeFile(file);
      const imported = await m4s('import', '--tenant', slug, '--file', file);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /done: 2 rows, 0 failed/);
      assert.match(imported.stdout, /维修工单 \(repair_orders\) done: 1 rows, 0 failed, .*ordersCreated":1/);
      assert.match(imported.stdout, /客户车辆 \(customers\) done: 1 rows, 0 failed/);
      assert.match(imported.stdout, /说明: left out/);
    },
  );

  test("brand-apps builds one dealer group's owner app; an unknown group exits 1 and says so", slow, async () => {
    const out = join(work, 'brand');
    const built = await m4s('brand-apps', '--tenant', slug, '--out', out);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, new RegExp(`^${slug}: new`, 'm'));
    assert.match(built.stdout, /1 dealer group\(s\) .*: 1 new, 0 changed, 0 unchanged/);
    assert.ok(readFileSync(join(out, slug, 'manifest.webmanifest'), 'utf8').includes(`/o/${slug}/`));
    const unknown = await m4s('brand-apps', '--tenant', 'no-such-group', '--out', out);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /brand-apps: .*TENANT_NOT_FOUND/);
    const bad = await m4s('brand-apps', '--tenant', 'Not A Slug');
    assert.equal(bad.code, 2);
  });

  test('refuses an embedded database that another process holds', slow, async (t) => {
    if (process.env.DATABASE_URL) return t.skip('PostgreSQL is shared by design');
    writeFileSync(join(dataDir, 'm4s.lock'), String(process.pid));
    try {
      const res = await m4s('tenant', 'list');
      assert.equal(res.code, 1);
      assert.match(res.stderr, new RegExp(`in use by process ${process.pid}`));
      assert.match(res.stderr, /Stop the server first/);
    } finally {
      rmSync(join(dataDir, 'm4s.lock'), { force: true });
    }
  });
});

let bodies = 0;
function writeBody(body: object): string {
  const path = join(work, `tenant-${(bodies += 1)}.json`);
  writeFileSync(path, JSON.stringify(body));
  return path;
}
