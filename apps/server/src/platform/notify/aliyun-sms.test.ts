import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomIp, testApp } from '../../../test/harness.ts';
import { canonicalizedQuery, percentEncode, rpcSignature, signedQuery, stringToSign } from './aliyun-sign.ts';
import { createAliyunSmsProvider, templateFor, type AliyunSmsConfig } from './aliyun-sms.ts';
import { enqueueNotice } from './outbox.ts';
import { inTenant, settled, tenantWith } from './test-kit.ts';

/**
 * Published examples. (1) Alibaba Cloud's "RPC signature" page: DescribeRegions signed with AccessKeyId
 * testid / AccessKeySecret testsecret gives OLeaidS1JvxuMvnyHOwuJ+uX5qY=. (2) The SMS API's own signature
 * page (help.aliyun.com/document_detail/101343): SendSms with testId / testSecret gives
 * zJDF+Lrzhj/ThnlvIToysFRq6t4= and the signed URL below. Both reproduced byte for byte.
 */
describe('Alibaba Cloud RPC signature: the published examples', () => {
  test('DescribeRegions (testid / testsecret)', () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    assert.equal(
      stringToSign('GET', params),
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    assert.equal(rpcSignature('GET', params, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  test('SendSms (testId / testSecret): string to sign, signature and signed URL', () => {
    const params = {
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      AccessKeyId: 'testId',
      SignatureVersion: '1.0',
      Timestamp: '2017-07-12T02:42:19Z',
      Format: 'XML',
      Action: 'SendSms',
      Version: '2017-05-25',
      RegionId: 'cn-hangzhou',
      PhoneNumbers: '15300000001',
      SignName: '阿里云短信测试专用',
      TemplateParam: '{"customer":"test"}',
      TemplateCode: 'SMS_71390007',
      OutId: '123',
    };
    assert.equal(
      stringToSign('GET', params),
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
        '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD' +
        '%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0' +
        '%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D' +
        '%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
    assert.equal(rpcSignature('GET', params, 'testSecret'), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    assert.equal(
      `http://dysmsapi.aliyuncs.com/?${signedQuery('GET', params, 'testSecret')}`,
      'http://dysmsapi.aliyuncs.com/?Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms' +
        '&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
        '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
        '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
  });

  test("POP percent-encoding: space %20, * %2A, ~ kept, !'() encoded, UTF-8 bytes upper-case", () => {
    assert.equal(percentEncode("a b*c~d!'()+/=&"), 'a%20b%2Ac~d%21%27%28%29%2B%2F%3D%26');
    assert.equal(percentEncode('【测试】'), '%E3%80%90%E6%B5%8B%E8%AF%95%E3%80%91');
    assert.equal(canonicalizedQuery({ b: '2', a: '1', Signature: 'x', B: '3' }), 'B=3&a=1&b=2');
  });
});

const config: AliyunSmsConfig = {
  accessKeyId: 'LTAI-test-key',
  accessKeySecret: 'test-secret-of-the-stand-in',
  endpoint: '',
  regionId: 'cn-hangzhou',
  defaultSignName: '示例汽车',
  templateCode: 'SMS_900001',
  templateParam: 'content',
  codeTemplateCode: 'SMS_900002',
};

describe('SMS body → registered template', () => {
  test('the leading 【签名】 becomes SignName; the rest fills the generic template; codes use the code template', () => {
    assert.deepEqual(templateFor({ topic: 'maintenance', body: '【示例汽车集团】您的爱车该保养了。' }, config), {
      signName: '示例汽车集团',
      templateCode: 'SMS_900001',
      templateParam: '{"content":"您的爱车该保养了。"}',
    });
    assert.deepEqual(templateFor({ topic: 'booking', body: '明天 09:30 到店。' }, config), {
      signName: '示例汽车',
      templateCode: 'SMS_900001',
      templateParam: '{"content":"明天 09:30 到店。"}',
    });
    assert.deepEqual(
      templateFor({ topic: 'auth.otp', body: '【测试】您的登录验证码为 204816，5分钟内有效。' }, config),
      {
        signName: '测试',
        templateCode: 'SMS_900002',
        templateParam: '{"code":"204816"}',
      },
    );
  });
});

/**
 * The one faked part: Alibaba Cloud itself is outside this machine, so a local HTTP server stands in for
 * dysmsapi.aliyuncs.com. It checks the request the way the cloud does (recomputes the signature from the
 * received parameters with the shared secret) and answers in the cloud's JSON shapes.
 */
type Seen = Record<string, string>;
const seen: Seen[] = [];
const scripted = new Map<string, { Code: string; Message: string }[]>();
const cloud = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const { Signature: signature, ...signed } = params;
    const reply = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
    if (req.method !== 'POST' || signature !== rpcSignature('POST', signed, config.accessKeySecret))
      return reply(400, {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
      });
    seen.push(params);
    const phone = params.PhoneNumbers ?? '';
    const next = scripted.get(phone)?.shift();
    if (next) return reply(200, { ...next, RequestId: crypto.randomUUID() });
    if (!/^1\d{10}$/.test(phone)) return reply(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    reply(200, { Code: 'OK', Message: 'OK', BizId: `${seen.length}^0`, RequestId: crypto.randomUUID() });
  });
});

before(async () => {
  await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
  config.endpoint = `http://127.0.0.1:${(cloud.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => cloud.close(() => resolve())));

const smsTo = async (provider: ReturnType<typeof createAliyunSmsProvider>, to: string) => {
  const { t, done } = await tenantWith({ sms: provider });
  const id = await inTenant(t.slug, (ctx) =>
    enqueueNotice(ctx, { channel: 'sms', to, kind: 'care', topic: 'maintenance', body: '【测试】您的爱车该保养了。' }),
  );
  return { t, id, done };
};

describe('Alibaba Cloud SMS through the outbox (stand-in cloud)', () => {
  test('an owner signs in with the code the cloud was asked to send', async () => {
    const { app } = await testApp();
    const { t, done } = await tenantWith({ sms: createAliyunSmsProvider(config) });
    try {
      const phone = '13700000051';
      const ip = randomIp();
      const otp = await app.inject({
        method: 'POST',
        url: '/api/auth/owner/otp',
        remoteAddress: ip,
        payload: { tenant: t.slug, phone },
      });
      assert.equal(otp.statusCode, 200, otp.body);
      const { db } = await testApp();
      const { rows } = await db.owner.executeSql(
        `SELECT id FROM notifications WHERE tenant_id = $1 AND recipient = $2 AND topic = 'auth.otp'`,
        [t.id, phone],
      );
      const id = rows[0]?.id as string;
      const row = await settled(t.id, id);
      assert.equal(row.status, 'sent', row.last_error ?? '');
      const request = seen.find((p) => p.OutId === id);
      assert.ok(request, 'the cloud got the request');
      assert.equal(request.Action, 'SendSms');
      assert.equal(request.PhoneNumbers, phone);
      assert.equal(request.SignName, '测试');
      assert.equal(request.TemplateCode, 'SMS_900002');
      assert.equal(row.provider_ref, `aliyun:${seen.indexOf(request) + 1}^0`);
      const code = (JSON.parse(request.TemplateParam ?? '{}') as { code: string }).code;
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/auth/owner/sign-in',
        remoteAddress: ip,
        payload: { tenant: t.slug, phone, code },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
    } finally {
      done();
    }
  });

  test('an invalid number is a permanent error: failed at once, not retried', async () => {
    const { t, id, done } = await smsTo(createAliyunSmsProvider(config), '12345');
    try {
      const row = await settled(t.id, id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /isv\.MOBILE_NUMBER_ILLEGAL/);
      await new Promise((r) => setTimeout(r, 4500));
      assert.equal(seen.filter((p) => p.OutId === id).length, 1);
    } finally {
      done();
    }
  });

  test('flow control is temporary: retried with backoff, then sent once', async () => {
    const phone = '13700000052';
    scripted.set(phone, [{ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' }]);
    const { t, id, done } = await smsTo(createAliyunSmsProvider(config), phone);
    try {
      const row = await settled(t.id, id, 40_000);
      assert.equal(row.status, 'sent', row.last_error ?? '');
      assert.equal(row.attempts, 2);
      assert.equal(seen.filter((p) => p.OutId === id).length, 2);
    } finally {
      done();
    }
  });

  test('a wrong secret is refused by the cloud (SignatureDoesNotMatch) and not retried', async () => {
    const { t, id, done } = await smsTo(
      createAliyunSmsProvider({ ...config, accessKeySecret: 'wrong' }),
      '13700000053',
    );
    try {
      const row = await settled(t.id, id);
      assert.equal(row.status, 'failed');
      assert.match(row.last_error ?? '', /SignatureDoesNotMatch/);
    } finally {
      done();
    }
  });
});
