// Connected cars (车联网): the group admin creates a provider's integration in 集成 › 车联网 and copies its key
// (shown once); the demo owner opens his car's page, sees what would be shared and with whom, and consents;
// the provider's reading arrives through the ingest API and the owner sees it with the fault code's meaning;
// after the owner withdraws, the next reading is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

const phone = '13800000001';
const vin = 'LSVCB2BM4NN184627';

let h: Harness;
let admin: Page;
let owner: Page;
let key = '';

const ingest = async (id: string, odometerKm: number) => {
  const res = await fetch(`${h.baseUrl}/api/telematics/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-m4s-integration-key': key },
    body: JSON.stringify({
      readings: [
        {
          id,
          vin,
          at: new Date(Date.now() - 60_000).toISOString(),
          odometerKm,
          batteryVoltage: 12.6,
          fuelPct: 64,
          faultCodes: ['P0420'],
        },
      ],
    }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { accepted: string[]; refused: { id: string; reason: string }[] };
};

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
  owner = await h.newPage({ mobile: true });
});

after(async () => {
  await h?.close();
});

void test('the admin creates an integration and copies its key, shown once', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('morning-rows').waitFor();
  await admin.getByTestId('nav-integrations').click();
  await admin.getByTestId('nav-telematics').click();
  await admin.getByTestId('telematics-create').click();
  await admin.getByTestId('telematics-name').fill('星途车联');
  await admin.getByTestId('telematics-provider').fill('星途OBD');
  await admin.getByTestId('telematics-save').click();
  const box = admin.getByTestId('telematics-key');
  await box.waitFor();
  key = (await box.textContent())?.trim() ?? '';
  assert.match(key, /^m4st\./);
  await h.shot(admin, 'telematics-key-once');
  await admin.getByTestId('telematics-key-done').click();
  await box.waitFor({ state: 'detached' });
  await admin.getByTestId('telematics-integrations').getByText('星途车联').waitFor();
  assert.equal(await admin.getByText(key).count(), 0);
});

void test('the owner sees what is shared and with whom, consents, and sees the reading with the code’s meaning', async () => {
  await h.signInOwner(owner, phone);
  await owner.getByTestId('tab-records').click();
  await owner.getByTestId('car-records').first().click();
  const section = owner.getByTestId('telematics');
  await section.waitFor();
  await section.getByTestId('telematics-state').getByText('未授权').waitFor();
  await section.getByText('行驶里程、故障码、蓄电池电压、油量 / 电量').waitFor();
  await section.getByText('星途车联（星途OBD，数据上报方）').waitFor();
  // Before the consent a reading is refused.
  assert.deepEqual(
    (await ingest('e2e-1', 40_000)).refused.map((r) => r.reason),
    ['no_consent'],
  );

  await section.getByTestId('telematics-give').click();
  await owner.locator('.adm-dialog button').last().click();
  await section.getByTestId('telematics-state').getByText('已授权').waitFor();
  await h.shot(owner, 'telematics-owner-consented');

  assert.deepEqual((await ingest('e2e-2', 40_000)).accepted, ['e2e-2']);
  await owner.reload();
  const latest = owner.getByTestId('telematics-latest');
  await latest.getByText(/里程 40,000 公里/).waitFor();
  await latest.getByText('三元催化器效率低于阈值（第1列）').waitFor();
  await h.shot(owner, 'telematics-owner-latest');
  // The admin sees the car among the shared ones, and its integration's first reading.
  await admin.reload();
  await admin.getByTestId('telematics-cars').getByText(vin).waitFor();
  const integration = admin.getByTestId('telematics-integrations').locator('tr', { hasText: '星途车联' });
  assert.doesNotMatch((await integration.textContent()) ?? '', /尚未使用/);
  await h.shot(admin, 'telematics-admin-shared-cars');
});

void test('the owner withdraws; the next reading is refused', async () => {
  const section = owner.getByTestId('telematics');
  await section.getByTestId('telematics-revoke').click();
  await owner.locator('.adm-dialog button').last().click();
  await section.getByTestId('telematics-state').getByText('未授权').waitFor();
  assert.deepEqual(
    (await ingest('e2e-3', 40_100)).refused.map((r) => r.reason),
    ['no_consent'],
  );
});
