import type { Provider } from './providers.ts';
import { SendError } from './send-error.ts';
import { smsFill, type SmsTemplates } from './sms-template.ts';
import { tc3 } from './tencent-sign.ts';

export type TencentSmsConfig = SmsTemplates & {
  secretId: string;
  secretKey: string;
  /** The SMS application (SdkAppId) the signature and templates are registered under. */
  sdkAppId: string;
  /** https://sms.tencentcloudapi.com/ in production; tests point it at a local stand-in for the cloud. */
  endpoint: string;
  region: string;
};

/** Per-number or request error codes that mean "try again later"; others are final for this message. */
const transient = (code: string) =>
  code.startsWith('LimitExceeded.') ||
  code.startsWith('InternalError') ||
  code === 'RequestLimitExceeded' ||
  code === 'FailedOperation.InsufficientBalanceInSmsPackage';

type Answer = {
  Response?: {
    Error?: { Code: string; Message: string };
    SendStatusSet?: { SerialNo: string; Code: string; Message: string; PhoneNumber: string }[];
  };
};

/** Mainland numbers go as E.164, as the API expects. */
const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

/**
 * SendSms (API 2021-01-11) over HTTPS, signed TC3-HMAC-SHA256. SessionContext carries the notification id
 * (echoed in receipts); the API does not de-duplicate by it.
 */
export const createTencentSmsProvider = (
  config: TencentSmsConfig,
  options: { now?: () => Date; timeoutMs?: number } = {},
): Provider => ({
  name: 'tencent',
  dedupes: false,
  send: async (message) => {
    if (message.channel !== 'sms')
      throw new SendError(`tencent sends SMS, not ${message.channel}`, { permanent: true });
    const fill = smsFill(message, config);
    const payload = JSON.stringify({
      PhoneNumberSet: [e164(message.to)],
      SmsSdkAppId: config.sdkAppId,
      SignName: fill.signName,
      TemplateId: fill.templateCode,
      TemplateParamSet: [fill.value],
      SessionContext: message.notificationId,
    });
    const url = new URL(config.endpoint);
    const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
    const signed = tc3({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: 'sms',
      host: url.host,
      action: 'SendSms',
      timestamp,
      payload,
    });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: signed.authorization,
          'content-type': 'application/json; charset=utf-8',
          'x-tc-action': 'SendSms',
          'x-tc-timestamp': String(timestamp),
          'x-tc-version': '2021-01-11',
          'x-tc-region': config.region,
        },
        body: payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new SendError(`tencent unreachable: ${(error as Error).message}`, { permanent: false, cause: error });
    }
    const answer = ((await res.json().catch(() => ({}))) as Answer).Response;
    const error = answer?.Error ?? (res.ok ? undefined : { Code: `HTTP ${res.status}`, Message: res.statusText });
    if (error)
      throw new SendError(`tencent ${error.Code}: ${error.Message}`, {
        permanent: !(res.status >= 500 || transient(error.Code)),
      });
    const status = answer?.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { ref: `tencent:${status.SerialNo}` };
    const code = status?.Code ?? 'NoStatus';
    throw new SendError(`tencent ${code}: ${status?.Message ?? 'no send status'}`, { permanent: !transient(code) });
  },
});
