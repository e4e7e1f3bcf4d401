// 月度报告 (docs/reports.md) on both engines: a month generated now and read back — the XLSX with ExcelJS, the
// PDF's text through its embedded font's ToUnicode map — against the KPI board's API; the nightly step on the
// 1st that makes and e-mails the reports once (to a real SMTP server); scopes and bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { kpiDefinition, type KpiBoard, type MonthlyReport } from '@m4s/contracts';
import ExcelJS from '../imports/excel.ts';
import { signInStaff, testApp } from '../../../test/harness.ts';
import { runNightlySteps } from '../../platform/nightly/schedule.ts';
import { createSmtpProvider } from '../../platform/notify/smtp.ts';
import { parseMail } from '../../platform/notify/test-kit.ts';
import { mid, monthStart, orders, population, snapshotNow, zone, type World } from '../kpis/test-kit.ts';
import { lastDayOf, takeSnapshot } from '../kpis/snapshot.service.ts';
import { readPdf } from './pdf-read.ts';
import { monthlyReportNightly } from './reports.nightly.ts';

const received: string[] = [];
const smtp = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  onData: (stream, _session, cb) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      cb();
    });
  },
});
let smtpUrl = '';
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const lastMonth = monthStart(-1).slice(0, 7);
const ok = <T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  assert.equal(res.statusCode, status, res.body);
  return res.json() as T;
};

describe('the monthly report', () => {
  let w: World;
  before(async () => {
    w = await population(40);
    await orders(w, {
      from: 1,
      to: 30,
      type: 'maintenance',
      at: mid(-1),
      totalFen: 80_000,
      costFen: 30_000,
      tag: 'R1',
    });
    await orders(w, { from: 1, to: 10, type: 'maintenance', at: mid(-3), totalFen: 60_000, tag: 'R3' });
    await snapshotNow(w);
    // Last month as the night of its last day left it: what its report reads.
    await takeSnapshot({ tenantId: w.id, sql: (await testApp()).db.owner }, lastDayOf(monthStart(-1)), zone);
  });

  test('generated now for the group and each store; the XLSX and the PDF hold the board’s figures', async () => {
    const admin = await signInStaff(w.slug, 'group.admin');
    ok(await admin.send('PUT', '/api/kpis/targets', { kpi: 'maintenance_capture', storeId: null, target: 99 }));
    const made = ok<{ items: MonthlyReport[] }>(await admin.send('POST', '/api/reports', { month: lastMonth }));
    assert.equal(made.items.length, 3, 'the group and its two stores');
    const store = made.items.find((r) => r.storeId === w.storeId)!;
    assert.ok(store.xlsxBytes > 0 && store.pdfBytes > 0);

    const board = ok<KpiBoard>(await admin.get(`/api/kpis?month=${lastMonth}&storeId=${w.storeId}`));
    const xlsx = await admin.get(`/api/reports/${store.id}/xlsx`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('指标与目标')!;
    const rows = new Map<string, ReturnType<typeof sheet.getRow>>();
    sheet.eachRow((row, n) => n > 3 && rows.set(String(row.getCell(1).text), row));
    let off = 0;
    for (const item of board.items) {
      const row = rows.get(kpiDefinition(item.id)!.name['zh-CN'])!;
      assert.ok(row, item.id);
      assert.equal(row.getCell(2).value ?? null, item.actual, `${item.id} actual`);
      assert.equal(row.getCell(3).value ?? null, item.target, `${item.id} target`);
      assert.equal(row.getCell(5).value ?? null, item.previous, `${item.id} previous`);
      if (item.meets === false) {
        off++;
        assert.equal(row.getCell(4).value, '未达标');
        assert.equal(row.font?.color?.argb, 'FFC0392B', `${item.id} is marked`);
      }
    }
    assert.ok(off > 0, 'maintenance capture misses its target of 99%');
    assert.equal(store.offTarget, off);
    const capture = board.items.find((i) => i.id === 'maintenance_capture')!;
    assert.ok(capture.actual !== null && capture.actual > 0);

    const pdf = await admin.get(`/api/reports/${store.id}/pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const read = readPdf(pdf.rawPayload);
    assert.ok(read.pages >= 1);
    assert.match(read.fonts[0] ?? '', /^[A-Z]{6}\+NotoSansHans-Regular$/, 'the CJK font is embedded, subset');
    assert.match(read.text, new RegExp(`${lastMonth.slice(0, 4)}年${Number(lastMonth.slice(5))}月 月度报告`));
    assert.ok(read.text.includes('保养获得率'));
    assert.ok(read.text.includes(String(capture.actual)), 'the PDF shows the board’s maintenance capture');
    assert.ok(read.text.includes(`本月有 ${off} 项指标未达标`));

    const audit = ok<{ items: { action: string }[] }>(await admin.get('/api/audit?action=report.generated'));
    assert.ok(audit.items.some((a) => a.action === 'report.generated'));
  });

  test('the night of the 1st makes last month’s reports and e-mails the subscribers once', async () => {
    const { app, db } = await testApp();
    const admin = await signInStaff(w.slug, 'group.admin');
    const manager = await signInStaff(w.slug, 'store.manager');
    ok(
      await admin.send('PUT', '/api/reports/subscriptions', {
        storeId: null,
        format: 'both',
        email: 'gm@dealer.example.cn',
      }),
    );
    const subs = ok<{ items: { email: string | null }[] }>(
      await manager.send('PUT', '/api/reports/subscriptions', { storeId: w.storeId, format: 'pdf', email: null }),
    );
    assert.equal(subs.items[0]!.email, null, 'no address: the page says so, nothing is e-mailed');
    const mailer = createSmtpProvider(smtpUrl, '示例汽车集团 <reports@dealer.example.cn>');
    const done = app.m4s.notify.override(w.id, { email: mailer });
    try {
      const deps = { runner: app.m4s.runner, log: app.log };
      const first = await runNightlySteps(deps, [monthlyReportNightly], w.id, monthStart(0));
      assert.deepEqual(first.ran, ['reports.monthly']);
      const again = await runNightlySteps(deps, [monthlyReportNightly], w.id, monthStart(0), { force: true });
      assert.deepEqual(again.ran, ['reports.monthly']);
      const count = await db.owner.executeSql(
        `SELECT (SELECT count(*) FROM monthly_reports WHERE tenant_id = $1)::int AS reports,
                (SELECT count(*) FROM monthly_reports WHERE tenant_id = $1 AND sent_at IS NOT NULL)::int AS sent,
                (SELECT count(*) FROM notifications WHERE tenant_id = $1 AND topic = 'monthly_report')::int AS mails`,
        [w.id],
      );
      assert.deepEqual(count.rows[0], { reports: 3, sent: 3, mails: 1 });
      const deadline = Date.now() + 20_000;
      while (!received.some((m) => m.includes('gm@dealer.example.cn')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const mail = parseMail(received.find((m) => m.includes('gm@dealer.example.cn'))!);
      assert.match(mail.subject, /月度报告/);
      assert.match(mail.body, /XLSX 和 PDF/);
      assert.match(mail.body, /\/admin\/reports/);
    } finally {
      done();
      mailer.close();
    }
  });

  test('a store role sees its store’s reports only; bad input is a 400 in Chinese', async () => {
    const manager = await signInStaff(w.slug, 'store.manager');
    const mine = ok<{ items: MonthlyReport[] }>(await manager.get('/api/reports'));
    assert.ok(mine.items.length > 0 && mine.items.every((r) => r.storeId === w.storeId));
    const admin = await signInStaff(w.slug, 'group.admin');
    const all = ok<{ items: MonthlyReport[] }>(await admin.get('/api/reports'));
    const group = all.items.find((r) => r.storeId === null)!;
    assert.equal((await manager.get(`/api/reports/${group.id}/pdf`)).statusCode, 404);
    const other = { storeId: w.otherStoreId, format: 'xlsx', email: null };
    assert.equal((await manager.send('PUT', '/api/reports/subscriptions', other)).statusCode, 403);
    const advisor = await signInStaff(w.slug, 'service.advisor');
    assert.equal((await advisor.get('/api/reports')).statusCode, 403);

    const now = await admin.send('POST', '/api/reports', { month: monthStart(0).slice(0, 7) });
    assert.equal(now.statusCode, 400, now.body);
    assert.match(now.body, /只能为已经结束的月份生成月度报告/);
    const bad = await admin.send('PUT', '/api/reports/subscriptions', { storeId: null, format: 'pdf', email: 'x@' });
    assert.equal(bad.statusCode, 400, bad.body);
    const subs = ok<{ items: { id: string }[] }>(await admin.get('/api/reports/subscriptions'));
    ok(await admin.send('DELETE', `/api/reports/subscriptions/${subs.items[0]!.id}`));
    assert.equal(ok<{ items: unknown[] }>(await admin.get('/api/reports/subscriptions')).items.length, 0);
  });
});
