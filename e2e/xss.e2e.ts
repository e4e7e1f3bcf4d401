// Stored XSS (issue 13): hostile text in every free-text field the apps show — customer, car, call, complaint,
// repair order, visit, estimate, store, tenant, staff, service, calendar, leave, closure, webhook, telematics,
// import source (e2e/xss-fixture.ts writes them through the API) — then every page of the admin, advisor and
// owner apps that shows them is opened in Chromium. On each page: no dialog, no payload-set global, no script
// blocked by the Content-Security-Policy, no request a payload would make, no element built from a payload,
// and a payload shown as literal text. The served apps' security headers and the customer export's cells
// (text, never a formula) are checked too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startHarness, type Harness, type Page } from './harness.ts';
import { allPayloads, long, mid, seedXss, short, type Fixture } from './xss-fixture.ts';
import { staffApi } from './staff-api.ts';

let h: Harness;
let admin: Page;
let advisor: Page;
let owner: Page;
let fx: Fixture;
const ownerPhone = '13800000001';

/** What a page did that a payload could have caused, collected from the moment it opens. */
const hits = new Map<Page, string[]>();

// Runs before any script of the page: records the globals and dialogs the payloads would reach, and every
// inline script or handler the CSP refused (the trace of an element an app built from a payload). Plain
// JavaScript text: a function would be compiled by tsx, whose name helpers do not exist in the page.
const guard = `
  window.__xssHits = [];
  Object.defineProperty(window, '__xss', {
    configurable: false,
    get: function () { return undefined; },
    set: function () { window.__xssHits.push('__xss set'); },
  });
  ['alert', 'confirm', 'prompt'].forEach(function (name) {
    window[name] = function () { window.__xssHits.push(name + '()'); return null; };
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    // zod probes once whether it may compile parsers with new Function(): the CSP says no, and that is not a
    // payload (markup cannot call eval without a script already running).
    if (e.blockedURI === 'eval') return;
    if (e.effectiveDirective.indexOf('script-src') === 0 || e.effectiveDirective.indexOf('frame-src') === 0)
      window.__xssHits.push('CSP refused ' + e.effectiveDirective + ': ' + (e.sample || e.blockedURI));
  });
`;

const watch = async (page: Page) => {
  const list: string[] = [];
  hits.set(page, list);
  await page.addInitScript({ content: guard });
  page.on('dialog', (d) => {
    list.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  // <img src=x> resolves to …/x; the formula's links point at evil.example.
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/x') || url.hostname.includes('evil.example') || url.protocol === 'javascript:')
      list.push(`request ${r.url()}`);
  });
  return page;
};

/** The page's visible text and form values, and any element a payload would have created. */
const inspect = (page: Page) =>
  page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map(
      (el) => el.value,
    );
    const injected = [
      ...document.querySelectorAll(
        '[data-xss], img[src="x"], svg[onload], iframe, a[href^="javascript:" i], [onerror], [onload], script:not([src])',
      ),
    ].map((el) => el.outerHTML.slice(0, 120));
    return {
      text: `${document.body.innerText}\n${fields.join('\n')}`,
      injected,
      hits: (window as unknown as { __xssHits?: string[] }).__xssHits ?? ['guard missing'],
    };
  });

/** The strings a page must show as text, or 'any': at least one payload, whichever. */
type Shows = string[] | 'any';
const fragments = [...allPayloads.map((p) => p.slice(0, 16)), long.slice(0, 60)];

/**
 * Opens `path` and waits until every string of `shows` is on the page as text (a payload shown literally),
 * then asserts nothing was built or run from the payloads.
 */
const check = async (page: Page, path: string, shows: Shows, shot?: string) => {
  const app = (p: string) =>
    p
      .split('/')
      .slice(0, p.startsWith('/o/') ? 3 : 2)
      .join('/');
  const here = new URL(page.url()).pathname;
  if (here.startsWith(`${app(path)}/`)) {
    // Already in this app: navigate as a click on a link would (the router follows popstate), which spares
    // loading and parsing the bundle again for every page.
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    // The layout shows the tenant's (hostile) name at once: the page's own data gets a moment to arrive.
    await page.waitForTimeout(500);
  } else {
    await page.goto(`${h.baseUrl}${path}`);
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  }
  await assertClean(page, path, shows, shot);
};

/** check() on the page as it is (after a click rather than a visit). */
const assertClean = async (page: Page, path: string, shows: Shows, shot?: string) => {
  const shown = (text: string) =>
    shows === 'any' ? fragments.some((f) => text.includes(f)) : shows.every((s) => text.includes(s));
  let seen = await inspect(page);
  for (let i = 0; i < 150 && !shown(seen.text); i += 1) {
    await page.waitForTimeout(100);
    seen = await inspect(page);
  }
  const missing =
    shows === 'any' ? (shown(seen.text) ? [] : ['any payload']) : shows.filter((s) => !seen.text.includes(s));
  assert.deepEqual(missing, [], `${path}: payload text not shown literally`);
  // Late effects (an image error handler, a lazy list) get a moment to happen.
  await page.waitForTimeout(300);
  seen = await inspect(page);
  assert.deepEqual(seen.injected, [], `${path}: elements built from a payload`);
  assert.deepEqual([...seen.hits, ...(hits.get(page) ?? [])], [], `${path}: a payload ran`);
  if (shot) await h.shot(page, shot);
};

/** Every cell of a spreadsheet the admin downloads; none may be a formula. */
const xlsxCells = async (url: string) => {
  const res = await admin.request.get(url);
  assert.equal(res.status(), 200, await res.text());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(cell);
      }),
    ),
  );
  for (const c of cells) assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${url} ${c.address} is a formula`);
  return cells;
};

before(async () => {
  const started = Date.now();
  h = await startHarness();
  console.log(`harness ready in ${Date.now() - started} ms`);
  admin = await watch(await h.newPage());
  advisor = await watch(await h.newPage({ mobile: true, isolated: true }));
  owner = await watch(await h.newPage({ mobile: true, isolated: true }));
  const adminApi = await staffApi(admin.request, 'admin');
  const advisorApi = await staffApi(advisor.request, 'advisor');
  fx = await seedXss(adminApi, advisorApi);
  await h.signInOwner(owner, ownerPhone);
  console.log(`fixture written in ${Date.now() - started} ms`);
});

after(async () => {
  await h?.close();
});

void test('the served apps send a script-tight Content-Security-Policy and nosniff', async () => {
  for (const path of ['/admin/', '/advisor/', '/o/demo/', '/o/demo/visits/x', '/api/health']) {
    const res = await fetch(`${h.baseUrl}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.equal(scriptSrc.trim(), "'self'", `${path}: script-src in ${csp}`);
    assert.match(csp, /object-src 'none'/, path);
    assert.match(csp, /frame-ancestors 'self'/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

void test('admin: the customer 360 shows every hostile field as text', async () => {
  await check(
    admin,
    `/admin/customers/${fx.customerId}`,
    [mid.img, mid.attr, short.svg, mid.template, 'onerror=alert(1) data-xss>', '沪A'],
    'xss-admin-customer',
  );
});

void test('admin, advisor and owner pages (side by side): every payload shown as text, none run', async () => {
  const adminPages = async () => {
    await check(admin, `/admin/customers?q=${fx.customerPhone.slice(-4)}`, [mid.img]);
    await check(admin, '/admin/stores', [`${mid.img}店`], 'xss-admin-stores');
    await check(admin, '/admin/staff', [mid.attr]);
    await check(admin, `/admin/service-types?store=${fx.storeId}`, [`${mid.img}`.slice(0, 36)]);
    await check(admin, `/admin/booking-setup?store=${fx.storeId}`, [`${mid.img}店`, long.slice(0, 100)]);
    await check(admin, '/admin/work-calendar', [mid.script]);
    await check(admin, '/admin/branding', [mid.script]);
    await check(admin, '/admin/webhooks', [long.slice(0, 60)]);
    await check(admin, '/admin/telematics', [mid.attr]);
    await check(admin, '/admin/vehicle-bindings', 'any');
    await check(admin, `/admin/booking-calendar?store=${fx.storeId}`, [`${mid.img}店`], 'xss-admin-booking-calendar');
    await check(admin, `/admin/service-stats?store=${fx.storeId}`, 'any');
    await check(admin, '/admin/segments', 'any');
    await check(admin, '/admin/care-rules', 'any');
    await check(admin, '/admin/audit', 'any');
    await check(admin, '/admin/content', [mid.img], 'xss-admin-content');
  };
  const advisorPages = async () => {
    await check(advisor, '/advisor/board?tab=inProgress', [mid.img], 'xss-advisor-board');
    await check(advisor, `/advisor/visits/${fx.visitId}`, [mid.img, mid.attr, short.formula], 'xss-advisor-visit');
    await check(advisor, `/advisor/visits/${fx.ownerVisitId}`, [mid.attr]);
    await check(advisor, `/advisor/customers/${fx.customerId}`, [mid.img], 'xss-advisor-customer');
    await check(advisor, '/advisor/', 'any');
    // No care task is due for the fixture's customer: the page is checked once it has loaded.
    await check(advisor, '/advisor/tasks', ['暂无待办任务']);
  };
  const ownerPages = async () => {
    await check(owner, '/o/demo/life', 'any');
    await check(owner, `/o/demo/visits/${fx.ownerVisitId}`, [mid.img, mid.attr], 'xss-owner-visit');
    await check(owner, '/o/demo/records', 'any');
    await check(owner, `/o/demo/records/${fx.ownerVehicleId}`, 'any');
    await check(owner, '/o/demo/bookings', 'any');
    await check(owner, '/o/demo/book', 'any');
    await check(owner, '/o/demo/services', 'any');
    await check(owner, '/o/demo/messages', 'any');
    await check(owner, '/o/demo/me', [mid.script]);
    // 轮生活 and 用车知识 (issue 17): a post and an article of payloads, listed and opened.
    await check(owner, '/o/demo/life', [mid.img, mid.attr], 'xss-owner-feed');
    await check(owner, `/o/demo/life/posts/${fx.postId}`, [mid.img, long.slice(0, 60)], 'xss-owner-post');
    await check(owner, `/o/demo/knowledge/${fx.articleId}`, [mid.script, long.slice(0, 60)]);
    // The tenant's name in the tab title is text too.
    assert.equal(await owner.title(), '<b>S</b>"\'');
  };
  await Promise.all([adminPages(), advisorPages(), ownerPages()]);
});

void test('admin: an import file with hostile values shows them as text in the preview, the errors and the run', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm4s-xss-'));
  // The file's own name is hostile too (it is listed in 导入记录).
  const file = path.join(dir, `${mid.img}.csv`);
  const csv = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
  writeFileSync(
    file,
    `\uFEFF${[
      csv(['客户姓名', '手机号码', '地址']),
      csv([mid.attr, '13912349901', long.slice(0, 200)]),
      csv([short.formula, '139<svg onload=__xss=1>', mid.script]),
    ].join('\r\n')}\r\n`,
  );
  await admin.goto(`${h.baseUrl}/admin/imports`);
  await admin.getByTestId('import-kind-customers').click();
  await admin.locator('input[type=file]').setInputFiles(file);
  await admin.getByTestId('import-mapping').waitFor();
  await admin.getByTestId('import-dry-run-start').click();
  await admin.getByTestId('import-dry-run-records').waitFor();
  await assertClean(admin, 'import preview', [mid.attr], 'xss-admin-import-preview');
  await admin.getByTestId('import-start').click();
  await admin.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
  await assertClean(admin, 'import run', [`${mid.img}.csv`], 'xss-admin-import-run');
  // The error report gives the refused cell back as it was written, in a text cell.
  const importId = new URL(admin.url()).pathname.split('/').pop() ?? '';
  const report = await xlsxCells(`/api/imports/${importId}/errors.xlsx`);
  assert.ok(
    report.some((c) => c.text === '139<svg onload=__xss=1>' && c.type === ExcelJS.ValueType.String),
    JSON.stringify(report.map((c) => c.text)),
  );
  await check(admin, '/admin/imports', [`${mid.img}.csv`]);
});

void test('the checks catch an injection: markup planted from a payload fails the page', async () => {
  await admin.goto(`${h.baseUrl}/admin/stores`);
  await admin.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), mid.img);
  await assert.rejects(assertClean(admin, 'planted', [`${mid.img}店`]), /elements built from a payload/);
  let seen = await inspect(admin);
  for (let i = 0; i < 50 && seen.hits.length === 0; i += 1) {
    await admin.waitForTimeout(100);
    seen = await inspect(admin);
  }
  // The CSP refused the inline handler, and the image was asked for: either alone would fail the page too.
  assert.ok(
    seen.hits.some((x) => x.startsWith('CSP refused script-src')),
    JSON.stringify(seen.hits),
  );
  const list = hits.get(admin) ?? [];
  assert.ok(
    list.some((x) => x.startsWith('request ')),
    JSON.stringify(list),
  );
  list.length = 0;
});

void test('the customer export writes hostile text as text cells, never as formulas', async () => {
  const cells = await xlsxCells('/api/customers/export.xlsx');
  const ours = cells.filter((c) => allPayloads.some((p) => c.text.includes(p.slice(0, 12))));
  assert.ok(ours.length > 0, 'the payload customer is in the export');
  assert.ok(ours.some((c) => c.text.includes(short.svg)));
  // A name that starts like a formula is there as the same text, in a text cell.
  const formulaName = cells.find((c) => c.text === short.formula);
  assert.ok(formulaName, 'the formula-like name is exported as written');
  assert.equal(formulaName.type, ExcelJS.ValueType.String);
});
