import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { hashPassword } from '../src/platform/auth/crypto.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import type { Database } from '../src/platform/db/types.ts';
import { insertStaff } from '../src/modules/staff/staff.queries.ts';
import { insertStore } from '../src/modules/stores/stores.queries.ts';
import { createTenant } from '../src/modules/tenants/tenants.admin.ts';
import { customerInput, vehicleInput, type Role, type StoreInput } from '@m4s/contracts';
import { insertVehicle } from '../src/modules/vehicles/vehicles.queries.ts';
import { insertCustomer, setPhones } from '../src/modules/customers/customers.queries.ts';

/**
 * One database and one app per test process (PGlite takes seconds to open): in memory by default, the
 * PostgreSQL named by DATABASE_URL when set. Tests isolate themselves by creating their own tenants.
 */
export const testClock = {
  offsetMs: 0,
  now: () => new Date(Date.now() + testClock.offsetMs),
  /** The clock is outside the code under test, so tests may move it. */
  advance: (ms: number) => {
    testClock.offsetMs += ms;
  },
};

let shared: Promise<{ app: FastifyInstance; db: Database }> | null = null;

/** Files the app writes (DMS uploads) go to a directory of this test process, removed at the end. */
export const testDataDir = mkdtempSync(join(tmpdir(), 'm4s-test-'));

export const testApp = () => {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    const db = url ? await openPostgres(url, 10) : await openPglite(undefined);
    await migrate(db);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: testDataDir,
    });
    const app = await buildApp(config, { db, clock: testClock });
    await app.ready();
    return { app, db };
  })();
  return shared;
};

after(async () => {
  if (!shared) return;
  const { app, db } = await shared;
  await app.close();
  await db.close();
  rmSync(testDataDir, { recursive: true, force: true });
});

/**
 * Whether the suite runs on a Citus coordinator (`npm run citus`): the few checks that cannot hold there (a
 * dump of the coordinator holds no shard's rows, Citus refuses some statements before PostgreSQL does) skip
 * or change with the reason printed (docs/scaling.md §4).
 */
let citus: Promise<boolean> | null = null;
export const onCitus = () => {
  citus ??= testApp().then(async ({ db }) =>
    db.engine === 'postgres'
      ? (await db.owner.executeSql(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`, [])).rows.length > 0
      : false,
  );
  return citus;
};

export const uniqueSlug = (prefix = 't') => `${prefix}-${randomBytes(4).toString('hex')}`;
export const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

export const storeInput = (code: string, name = `测试门店${code}`): StoreInput => {
  const day = [{ open: '08:30', close: '18:00' }];
  return {
    code,
    name,
    brand: null,
    province: null,
    city: '上海市',
    address: '上海市测试路 1 号',
    phone: null,
    openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: [] },
  };
};

export type TestTenant = {
  id: string;
  slug: string;
  storeId: string;
  otherStoreId: string;
  staffIds: Record<string, string>;
  customerId: string;
  vehicleId: string;
};

export const testPassword = 'test-pass-123';
let passwordHash: Promise<string> | null = null;

/** A tenant with two stores and one staff member per given role (logins = role names), created as the platform would. */
export const createTestTenant = async (roles: Role[] = ['group_admin']): Promise<TestTenant> => {
  const { db } = await testApp();
  passwordHash ??= hashPassword(testPassword);
  const hash = await passwordHash;
  const slug = uniqueSlug();
  const id = await createTenant(db, { slug, name: `测试集团 ${slug}`, shortName: '测试' });
  return db.transaction({ tenantId: id }, async ({ db: tx }) => {
    const now = new Date();
    const store = await insertStore(tx, id, storeInput('S1', '一号店'), now);
    const other = await insertStore(tx, id, storeInput('S2', '二号店'), now);
    const staffIds: Record<string, string> = {};
    for (const role of roles) {
      const storeId = role === 'group_admin' || role === 'oem_viewer' ? null : store.id;
      const m = await insertStaff(tx, id, {
        login: role.replace(/_/g, '.'),
        name: role,
        role,
        storeId,
        passwordHash: hash,
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      });
      staffIds[role] = m.id;
    }
    const customer = await insertCustomer(
      tx,
      id,
      {
        ...customerInput.parse({ name: '测试客户', phones: ['13000000000'], source: 'walk_in' }),
        homeStoreId: store.id,
      },
      now,
    );
    await setPhones(tx, id, customer.id, ['13000000000'], now);
    const vehicleId = await insertVehicle(
      tx,
      id,
      vehicleInput.parse({ vin: 'LFV2A21K8J3000001', ownerId: customer.id }),
      now,
    );
    return { id, slug, storeId: store.id, otherStoreId: other.id, staffIds, customerId: customer.id, vehicleId };
  });
};

export type Agent = {
  csrf: string;
  cookie: string;
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  send: (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) => Promise<LightMyRequestResponse>;
};

const cookieFrom = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Something that talks to the app like one browser: its own IP, its cookie, its CSRF token. */
export const agentFrom = (app: FastifyInstance, cookie: string, csrf: string, ip = randomIp()): Agent => {
  const inject = (options: InjectOptions) =>
    app.inject({ remoteAddress: ip, ...options, headers: { cookie, ...options.headers } });
  return {
    csrf,
    cookie,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    send: (method, url, payload) => inject({ method, url, payload: payload ?? {}, headers: { 'x-csrf-token': csrf } }),
  };
};

export const signInStaff = async (tenantSlug: string, login: string, password = testPassword): Promise<Agent> => {
  const { app } = await testApp();
  const ip = randomIp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: ip,
    payload: { tenant: tenantSlug, login, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return agentFrom(app, cookieFrom(res.headers['set-cookie']), res.json<{ csrfToken: string }>().csrfToken, ip);
};

/** Waits for the development SMS provider to have sent a code to this phone, and returns it. */
export const waitForCode = async (phone: string, after: number, timeoutMs = 15_000): Promise<string> => {
  const { app } = await testApp();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await app.inject({ method: 'GET', url: '/dev/outbox.json' });
    const items = res.json<{ items: { to: string; body: string; sentAt: string }[] }>().items;
    const hit = items.find((m) => m.to === phone && Date.parse(m.sentAt) >= after);
    const code = hit && /(\d{6})/.exec(hit.body)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code for ${phone}`);
};

export const signInOwner = async (tenantSlug: string, phone: string): Promise<Agent> => {
  const { app } = await testApp();
  const ip = randomIp();
  const started = Date.now();
  const otp = await app.inject({
    method: 'POST',
    url: '/api/auth/owner/otp',
    remoteAddress: ip,
    payload: { tenant: tenantSlug, phone },
  });
  if (otp.statusCode !== 200) throw new Error(`otp failed: ${otp.statusCode} ${otp.body}`);
  const code = await waitForCode(phone, started);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/owner/sign-in',
    remoteAddress: ip,
    payload: { tenant: tenantSlug, phone, code },
  });
  if (res.statusCode !== 200) throw new Error(`owner sign-in failed: ${res.statusCode} ${res.body}`);
  return agentFrom(app, cookieFrom(res.headers['set-cookie']), res.json<{ csrfToken: string }>().csrfToken, ip);
};

export { hashPassword };
