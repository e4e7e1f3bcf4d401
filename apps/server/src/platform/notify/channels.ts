import type { Config } from '../../config.ts';
import { createAliyunSmsProvider } from './aliyun-sms.ts';
import { createDevProvider, type DevOutboxEntry, type DevProvider, type Provider } from './providers.ts';
import { SendError } from './send-error.ts';
import { createSmtpProvider } from './smtp.ts';
import { createTencentSmsProvider } from './tencent-sms.ts';

export type ExternalChannel = 'sms' | 'email';

/**
 * The providers the send job uses, per channel ('inbox' needs none: it is a row in our own database).
 * `override` replaces them for one tenant: the seam the notify tests use to point one tenant at a local
 * SMTP server or a stand-in SMS cloud while the shared test app keeps its development provider.
 */
export type Channels = {
  provider: (tenantId: string, channel: ExternalChannel) => Provider;
  override: (tenantId: string, providers: Partial<Record<ExternalChannel, Provider>>) => () => void;
  /** Development only: inbox posts are also listed on /dev/outbox. */
  mirror: ((entry: DevOutboxEntry) => void) | null;
  /** The development provider when there is one (non-production), for /dev/outbox. */
  dev: DevProvider | null;
  close: () => void;
};

const unconfigured = (what: string): Provider => ({
  name: 'unconfigured',
  dedupes: true,
  send: () => Promise.reject(new SendError(`${what} is not configured`, { permanent: true })),
});

const smsFromConfig = (config: Config): Provider | null => {
  if (config.SMS_PROVIDER === 'dev') return null;
  const missing: string[] = [];
  const need = (name: keyof Config) => {
    const value = config[name];
    if (typeof value === 'string' && value !== '') return value;
    missing.push(name);
    return '';
  };
  const templates = {
    defaultSignName: need('SMS_SIGN_NAME'),
    templateCode: need('SMS_TEMPLATE_CODE'),
    codeTemplateCode: config.SMS_CODE_TEMPLATE_CODE ?? null,
  };
  const provider =
    config.SMS_PROVIDER === 'tencent'
      ? createTencentSmsProvider({
          ...templates,
          secretId: need('TENCENT_SMS_SECRET_ID'),
          secretKey: need('TENCENT_SMS_SECRET_KEY'),
          sdkAppId: need('TENCENT_SMS_SDK_APP_ID'),
          endpoint: config.TENCENT_SMS_ENDPOINT,
          region: config.TENCENT_SMS_REGION,
        })
      : createAliyunSmsProvider({
          ...templates,
          accessKeyId: need('ALIYUN_SMS_ACCESS_KEY_ID'),
          accessKeySecret: need('ALIYUN_SMS_ACCESS_KEY_SECRET'),
          endpoint: config.ALIYUN_SMS_ENDPOINT,
          regionId: config.ALIYUN_SMS_REGION,
          templateParam: config.SMS_TEMPLATE_PARAM,
        });
  if (missing.length > 0)
    throw new Error(
      `Invalid environment:\n${missing.map((m) => `  ${m}: required for SMS_PROVIDER=${config.SMS_PROVIDER}`).join('\n')}`,
    );
  return provider;
};

/**
 * From the environment: SMS_PROVIDER=aliyun|tencent signs and sends through that SMS cloud; SMTP_URL sends
 * e-mail. Outside production whatever is not configured goes to the development provider; in production
 * SMS must be configured, and e-mail without SMTP_URL fails each message permanently (visibly 'failed').
 */
export const createChannels = (config: Config, injected: { sms?: Provider } = {}): Channels => {
  const production = config.NODE_ENV === 'production';
  const dev = production ? null : createDevProvider();
  const sms = injected.sms ?? smsFromConfig(config) ?? dev;
  if (!sms) throw new Error('No SMS provider configured for production (SMS_PROVIDER)');
  const smtp = config.SMTP_URL ? createSmtpProvider(config.SMTP_URL, config.MAIL_FROM) : null;
  const email = smtp ?? dev ?? unconfigured('E-mail (SMTP_URL)');
  const overrides = new Map<string, Partial<Record<ExternalChannel, Provider>>>();
  return {
    provider: (tenantId, channel) => overrides.get(tenantId)?.[channel] ?? (channel === 'sms' ? sms : email),
    override: (tenantId, providers) => {
      overrides.set(tenantId, providers);
      return () => overrides.delete(tenantId);
    },
    mirror: dev ? dev.record : null,
    dev,
    close: () => smtp?.close(),
  };
};
