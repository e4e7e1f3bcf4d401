import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enqueueNotice } from './outbox.ts';
import { createTencentSmsProvider, type TencentSmsConfig } from './tencent-sms.ts';
import { tc3 } from './tencent-sign.ts';
import { inTenant, settled, tenantWith } from './test-kit.ts';

/**
 * The published example of Tencent Cloud's "signature v3" page (cloud.tencent.com/document/api/…/56189):
 * CVM DescribeInstances by POST at 1551113065 with SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3******* and
 * SecretKey Gu5t9xGARNpq86cd98joQYCN3******* (masked in the document, and the published digests are
 * computed over exactly those strings). Every intermediate value is the published one.
 */
describe('Tencent Cloud TC3-HMAC-SHA256: the published example', () => {
  test('canonical request, string to sign, signature and Authorization', () => {
    const signed = tc3({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      action: 'DescribeInstances',
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    assert.equal(
      signed.canonicalRequest,
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n' +
        'x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    assert.equal(
      signed.stringToSign,
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    );
    assert.equal(signed.signature, 'be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3');
    assert.equal(
      signed.authorization,
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host;x-tc-action, ' +
        'Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });
});

const config: TencentSmsConfig = {
  secretId: 'AKID-test-of-the-stand-in',
  secretKey: 'secret-of-the-stand-in',
  sdkAppId: '1400000001',
  endpoint: '',
  region: 'ap-guangzhou',
  defaultSignName: '示例汽车',
  templateCode: '100001',
  codeTemplateCode: null,
};

/**
 * The one faked part: sms.tencentcloudapi.com is outside this machine, so a local server stands in for
 * it. It recomputes the TC3 signature from what it received (Host, X-TC-Action, X-TC-Timestamp, body)
 * and answers in the API's JSON shapes.
 */
const seen: Record<string, unknown>[] = [];
const cloud = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const payload = Buffer.concat(chunks).toString('utf8');
    const reply = (body: object) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Response: { ...body, RequestId: crypto.randomUUID() } }));
    const expected = tc3({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: 'sms',
      host: req.headers.host ?? '',
      action: String(req.headers['x-tc-action']),
      timestamp: Number(req.headers['x-tc-timestamp']),
      payload,
    }).authorization;
    if (req.headers.authorization !== expected || req.headers['x-tc-version'] !== '2021-01-11')
      return reply({
        Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' },
      });
    const body = JSON.parse(payload) as { PhoneNumberSet: string[] } & Record<string, unknown>;
    seen.push(body);
    const phone = body.PhoneNumberSet[0] ?? '';
    reply({
      SendStatusSet: [
        /^\+861\d{10}$/.test(phone)
          ? { SerialNo: `2028:${seen.length}`, PhoneNumber: phone, Code: 'Ok', Message: 'send success' }
          : {
              SerialNo: '',
              PhoneNumber: phone,
              Code: 'InvalidParameterValue.IncorrectPhoneNumber',
              Message: 'incorrect number',
            },
      ],
    });
  });
});

before(async () => {
  await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
  config.endpoint = `http://127.0.0.1:${(cloud.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => cloud.close(() => resolve())));

const send = async (secretKey: string, to: string) => {
  const { t, done } = await tenantWith({ sms: createTencentSmsProvider({ ...config, secretKey }) });
  const id = await inTenant(t.slug, (ctx) =>
    enqueueNotice(ctx, {
      channel: 'sms',
      to,
      kind: 'care',
      topic: 'insurance',
      body: '【测试】您的车险将于30天后到期。',
    }),
  );
  return { t, id, done };
};

describe('Tencent Cloud SMS through the outbox (stand-in cloud)', () => {
  test('signed, mapped to the registered template and sent', async () => {
    const { t, id, done } = await send(config.secretKey, '13700000071');
    try {
      const row = await settled(t.id, id);
      assert.equal(row.status, 'sent', row.last_error ?? '');
      const request = seen.find((b) => b.SessionContext === id);
      assert.deepEqual(request, {
        PhoneNumberSet: ['+8613700000071'],
        SmsSdkAppId: '1400000001',
        SignName: '测试',
        TemplateId: '100001',
        TemplateParamSet: ['您的车险将于30天后到期。'],
        SessionContext: id,
      });
      assert.equal(row.provider_ref, `tencent:2028:${seen.indexOf(request) + 1}`);
    } finally {
      done();
    }
  });

  test('a wrong key (AuthFailure) and an incorrect number are permanent: failed, not retried', async () => {
    const wrong = await send('wrong', '13700000072');
    const badNumber = await send(config.secretKey, '12345');
    try {
      const a = await settled(wrong.t.id, wrong.id);
      assert.equal(a.status, 'failed');
      assert.match(a.last_error ?? '', /AuthFailure\.SignatureFailure/);
      const b = await settled(badNumber.t.id, badNumber.id);
      assert.equal(b.status, 'failed');
      assert.equal(b.attempts, 1);
      assert.match(b.last_error ?? '', /InvalidParameterValue\.IncorrectPhoneNumber/);
    } finally {
      wrong.done();
      badNumber.done();
    }
  });
});
