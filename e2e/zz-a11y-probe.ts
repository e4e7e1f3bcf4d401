import { chromium } from 'playwright-core';
import { axeViolations } from './axe.ts';
const base = 'http://127.0.0.1:3107';
const phone = process.argv[2] ?? '13800000001';
const paths = (process.argv[3] ?? '/life').split(',');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
const page = await ctx.newPage();
await page.goto(`${base}/o/demo/`);
await page.getByTestId('phone').waitFor();
console.log('SIGN-IN', (await axeViolations(page)).join('\n'));
await page.getByTestId('phone').fill(phone);
const codesOf = async () => ((await (await ctx.request.get(`${base}/dev/outbox.json`)).json()).items as { to: string; body: string; sentAt: string }[]).filter((m) => m.to === phone && m.body.includes('验证码')).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
const before = (await codesOf()).length;
const started = Date.now();
await page.getByTestId('send-code').click();
let code = '';
for (let i = 0; i < 300 && !code; i++) {
  const all = await codesOf();
  if (all.length > before) code = /(\d{6})/.exec(all.at(-1)?.body ?? '')?.[1] ?? '';
  if (!code) await page.waitForTimeout(300);
}
await page.getByTestId('code').fill(code);
await page.getByTestId('sign-in').click();
console.log('code', code); await page.waitForTimeout(4000); console.log((await page.innerText('body')).slice(0, 400)); await page.getByTestId('page-life').waitFor();
for (const p of paths) {
  await page.goto(`${base}/o/demo${p}`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(800);
  console.log(`== ${p}\n${(await axeViolations(page)).join('\n')}`);
}
await browser.close();
