import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { TenantCreateBody } from '@m4s/contracts';
import { createOperator } from '../src/modules/operator/operator-auth.service.ts';
import { asPlatform } from '../src/platform/operator-tx.ts';
import { agentFrom, randomIp, testApp, testClock, uniqueSlug, type Agent } from './harness.ts';

export const operatorPassword = 'operator-pass-123';

/** A new operator, made as the CLI makes one. */
export const createTestOperator = async (): Promise<string> => {
  const { db } = await testApp();
  const login = `op-${randomBytes(4).toString('hex')}`;
  await asPlatform({ db, name: 'test', clock: testClock }, (ctx) =>
    createOperator(ctx, { login, name: '平台运维', password: operatorPassword }),
  );
  return login;
};

export const operatorSignIn = async (login: string, password = operatorPassword, ip = randomIp()) => {
  const { app } = await testApp();
  return app.inject({ method: 'POST', url: '/api/operator/sign-in', remoteAddress: ip, payload: { login, password } });
};

export const cookieOf = (res: LightMyRequestResponse) =>
  [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');

/** A signed-in operator, talking to the app like one browser. */
export const operatorAgent = async (login?: string): Promise<Agent> => {
  const { app } = await testApp();
  const res = await operatorSignIn(login ?? (await createTestOperator()));
  if (res.statusCode !== 200) throw new Error(`operator sign-in failed: ${res.statusCode} ${res.body}`);
  return agentFrom(app, cookieOf(res), res.json<{ csrfToken: string }>().csrfToken);
};

export const tenantBody = (overrides: Partial<TenantCreateBody> = {}): TenantCreateBody => ({
  slug: uniqueSlug('g'),
  name: '新开集团',
  timezone: 'Asia/Shanghai',
  brands: ['大众', '奥迪'],
  stores: [
    {
      code: 'BJ-01',
      name: '北京一店',
      brand: '大众',
      province: null,
      city: '北京市',
      address: '北京市朝阳区 1 号',
      phone: null,
    },
    {
      code: 'BJ-02',
      name: '北京二店',
      brand: '奥迪',
      province: null,
      city: '北京市',
      address: '北京市海淀区 2 号',
      phone: null,
    },
  ],
  admin: { login: 'boss', name: '集团管理员', phone: null },
  ...overrides,
});
