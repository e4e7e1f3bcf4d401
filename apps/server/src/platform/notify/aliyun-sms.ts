import { randomUUID } from 'node:crypto';
import { signedQuery } from './aliyun-sign.ts';
import type { OutgoingMessage, Provider } from './providers.ts';
import { SendError } from './send-error.ts';
import { smsFill, type SmsTemplates } from './sms-template.ts';

export type AliyunSmsConfig = SmsTemplates & {
  accessKeyId: string;
  accessKeySecret: string;
  /** https://dysmsapi.aliyuncs.com/ in production; tests point it at a local stand-in for the cloud. */
  endpoint: string;
  regionId: string;
  /** The generic template's variable name, e.g. `content` for a template reading `${content}`. */
  templateParam: string;
};

/** Cloud answers that mean "try again later"; every other error code is final for this message. */
const transientCodes = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.OUT_OF_SERVICE',
  'Throttling',
  'Throttling.User',
  'ServiceUnavailable',
  'InternalError',
  'SignatureNonceUsed',
]);

/** Alibaba's TemplateParam is a JSON object of named variables. */
export const templateFor = (message: Pick<OutgoingMessage, 'topic' | 'body'>, config: AliyunSmsConfig) => {
  const fill = smsFill(message, config);
  const param = fill.kind === 'code' ? { code: fill.value } : { [config.templateParam]: fill.value };
  return { signName: fill.signName, templateCode: fill.templateCode, templateParam: JSON.stringify(param) };
};

type CloudAnswer = { Code?: string; Message?: string; BizId?: string; RequestId?: string };

/**
 * SendSms over HTTPS, signed as Alibaba Cloud documents. OutId carries the notification id so delivery
 * receipts (and QuerySendDetails) can be matched to our row; the API does not de-duplicate by it.
 */
export const createAliyunSmsProvider = (
  config: AliyunSmsConfig,
  options: { now?: () => Date; nonce?: () => string; timeoutMs?: number } = {},
): Provider => ({
  name: 'aliyun',
  dedupes: false,
  send: async (message) => {
    if (message.channel !== 'sms') throw new SendError(`aliyun sends SMS, not ${message.channel}`, { permanent: true });
    const t = templateFor(message, config);
    const params: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.notificationId,
      PhoneNumbers: message.to,
      RegionId: config.regionId,
      SignName: t.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: (options.nonce ?? randomUUID)(),
      SignatureVersion: '1.0',
      TemplateCode: t.templateCode,
      TemplateParam: t.templateParam,
      Timestamp: (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    let res: Response;
    try {
      res = await fetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: signedQuery('POST', params, config.accessKeySecret),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new SendError(`aliyun unreachable: ${(error as Error).message}`, { permanent: false, cause: error });
    }
    const answer = (await res.json().catch(() => ({}))) as CloudAnswer;
    if (res.ok && answer.Code === 'OK' && answer.BizId) return { ref: `aliyun:${answer.BizId}` };
    const code = answer.Code ?? `HTTP ${res.status}`;
    const permanent = !(res.status >= 500 || res.status === 429 || transientCodes.has(code));
    throw new SendError(`aliyun ${code}: ${answer.Message ?? res.statusText}`, { permanent });
  },
});
