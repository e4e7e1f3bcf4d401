// 集成 › Webhook: the group admin registers a receiver (a real HTTP server on this machine), copies the
// secret shown once, a customer is created, and the delivery appears in the log as 成功 with its attempt.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('收到');
  });
});

before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
  receiver.close();
});

void test('the admin registers an endpoint, sees its secret once, and a customer’s creation arrives signed and logged', async () => {
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/m4s`;
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('morning-rows').waitFor();

  await page.getByTestId('nav-integrations').click();
  await page.getByTestId('nav-webhooks').click();
  await page.getByText('还没有接收地址').waitFor();
  await page.getByTestId('webhook-create').click();
  await page.getByTestId('webhook-url').fill('http://hooks.example.com/m4s');
  await page.getByTestId('webhook-event-customer.created').click();
  await page.getByTestId('webhook-save').click();
  await page.getByText('网址必须以 https:// 开头').first().waitFor();
  await page.getByTestId('webhook-url').fill(url);
  await page.getByTestId('webhook-save').click();

  const secretBox = page.getByTestId('webhook-secret');
  await secretBox.waitFor();
  const secret = (await secretBox.textContent())?.trim() ?? '';
  assert.match(secret, /^whsec_/);
  await h.shot(page, 'webhooks-secret-once');
  await page.getByTestId('webhook-secret-done').click();
  await secretBox.waitFor({ state: 'detached' });
  await page.getByTestId('webhook-endpoints').getByText(url).waitFor();
  assert.ok(!(await page.content()).includes(secret), 'the secret is gone once the dialog closes');

  // A customer created by the desk (through the API with the page's session).
  const { csrfToken } = (await (await page.request.get('/api/auth/staff/me')).json()) as { csrfToken: string };
  const made = await page.request.post('/api/customers', {
    data: { name: '韦伯', phones: ['13912345678'], source: 'walk_in' },
    headers: { 'x-csrf-token': csrfToken },
  });
  assert.equal(made.status(), 201, await made.text());

  for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
  const [hit] = received;
  assert.ok(hit, 'the receiver got the delivery');
  assert.equal(hit.headers['x-m4s-event'], 'customer.created');
  const expected = createHmac('sha256', secret)
    .update(`${String(hit.headers['x-m4s-timestamp'])}.${hit.body}`)
    .digest('hex');
  assert.equal(hit.headers['x-m4s-signature'], `v1=${expected}`);

  await page.getByTestId('webhook-log').click();
  const status = page.getByTestId('webhook-delivery-status').first();
  await status.waitFor();
  for (let i = 0; i < 50 && (await status.textContent()) !== '成功'; i += 1) {
    await page.waitForTimeout(300);
  }
  assert.equal(await status.textContent(), '成功');
  await page.getByTestId('webhook-deliveries').locator('.ant-table-row-expand-icon').first().click();
  await page.getByTestId('webhook-attempts').getByText('收到').waitFor();
  await page.getByTestId('webhook-attempts').getByText('200').waitFor();
  await h.shot(page, 'webhooks-delivery-log');

  // 重发: a second attempt arrives with the same delivery id.
  await page.getByTestId('webhook-replay').first().click();
  for (let i = 0; i < 100 && received.length < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
  assert.equal(received.length, 2);
  assert.equal(received[1]?.headers['x-m4s-delivery'], hit.headers['x-m4s-delivery']);
});
