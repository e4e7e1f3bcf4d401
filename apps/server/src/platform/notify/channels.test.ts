import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config.ts';
import { createChannels } from './channels.ts';

const channelsFor = (env: Record<string, string>) => createChannels(loadConfig({ NODE_ENV: 'test', ...env }));

describe('channels from the environment', () => {
  test('development: SMS and e-mail go to the development outbox', () => {
    const c = channelsFor({});
    assert.equal(c.provider('t', 'sms').name, 'dev');
    assert.equal(c.provider('t', 'email').name, 'dev');
  });

  test('a configured cloud and SMTP server are used; a cloud without its keys stops the start, naming them', () => {
    const c = channelsFor({
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_SECRET_ID: 'id',
      TENCENT_SMS_SECRET_KEY: 'key',
      TENCENT_SMS_SDK_APP_ID: '1400000001',
      SMS_SIGN_NAME: '示例汽车',
      SMS_TEMPLATE_CODE: '100001',
      SMTP_URL: 'smtp://127.0.0.1:2525',
    });
    assert.equal(c.provider('t', 'sms').name, 'tencent');
    assert.equal(c.provider('t', 'email').name, 'smtp');
    c.close();
    assert.throws(
      () => channelsFor({ SMS_PROVIDER: 'aliyun', SMS_SIGN_NAME: '示例汽车' }),
      (e: Error) =>
        e.message ===
        'Invalid environment:\n  SMS_TEMPLATE_CODE: required for SMS_PROVIDER=aliyun\n' +
          '  ALIYUN_SMS_ACCESS_KEY_ID: required for SMS_PROVIDER=aliyun\n' +
          '  ALIYUN_SMS_ACCESS_KEY_SECRET: required for SMS_PROVIDER=aliyun',
    );
  });

  test('production: no development provider; SMS must be configured; e-mail without SMTP_URL fails permanently', async () => {
    assert.throws(() => channelsFor({ NODE_ENV: 'production' }), /No SMS provider configured/);
    const c = channelsFor({
      NODE_ENV: 'production',
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: 'id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_SIGN_NAME: '示例汽车',
      SMS_TEMPLATE_CODE: 'SMS_1',
    });
    assert.equal(c.dev, null);
    assert.equal(c.provider('t', 'sms').name, 'aliyun');
    const email = c.provider('t', 'email');
    await assert.rejects(
      email.send({
        tenantId: 't',
        notificationId: 'n',
        channel: 'email',
        to: 'a@b.cn',
        topic: 'x',
        subject: null,
        body: 'x',
      }),
      (e: Error & { permanent?: boolean }) => e.permanent === true && /SMTP_URL/.test(e.message),
    );
  });
});
