import { isIP } from 'node:net';
import { z } from 'zod';

/** The demo group's staff password, published in the README: never accepted in production. */
export const publishedDemoPassword = 'm4s-demo';

/**
 * TRUSTED_PROXIES: how Fastify finds the client's address (docs/configuration.md). Empty or `none`:
 * X-Forwarded-For is ignored and the client is the socket's peer. A number N: the N proxies nearest the
 * server are trusted, so the client is the address the N-th of them saw (the N-th entry from the right).
 * A comma list of addresses or CIDRs: only hops from those addresses are trusted.
 */
const trustedProxies = z
  .string()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    const v = value.trim();
    if (v === '' || v === 'none' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 16) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count is at most 16' });
      return z.NEVER;
    }
    const list = v.split(',').map((s) => s.trim());
    const bad = list.filter((entry) => {
      const [address = '', prefix, ...rest] = entry.split('/');
      const family = isIP(address);
      if (family === 0 || rest.length > 0) return true;
      if (prefix === undefined) return false;
      return !/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128);
    });
    if (bad.length === 0) return list;
    ctx.addIssue({
      code: 'custom',
      message: `not a hop count or a comma list of addresses/CIDRs: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    });
    return z.NEVER;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Signs nothing secret today; reserved for webhook signatures. Sessions are random tokens. */
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  /** dev: the development outbox (not in production); aliyun / tencent: the SMS clouds (docs/notifications.md). */
  SMS_PROVIDER: z.enum(['dev', 'aliyun', 'tencent']).default('dev'),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  ALIYUN_SMS_REGION: z.string().default('cn-hangzhou'),
  TENCENT_SMS_SECRET_ID: z.string().optional(),
  TENCENT_SMS_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().optional(),
  TENCENT_SMS_ENDPOINT: z.url().default('https://sms.tencentcloudapi.com/'),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  /** The signature used when a message carries no 【签名】 of its own (each must be registered). */
  SMS_SIGN_NAME: z.string().optional(),
  /** The registered generic notification template (code or id): its whole text is one variable. */
  SMS_TEMPLATE_CODE: z.string().optional(),
  /** Alibaba only: that variable's name. */
  SMS_TEMPLATE_PARAM: z.string().default('content'),
  /** Optional verification-code template with a `code` variable, used for login codes. */
  SMS_CODE_TEMPLATE_CODE: z.string().optional(),
  /** E-mail over SMTP, e.g. smtp://user:pass@smtp.example.com:587 (smtps:// for implicit TLS). */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('M4S <noreply@m4s.localhost>'),
  JOBS: z.enum(['on', 'off']).default('on'),
  /**
   * The demo dealer group on an empty database (docs/configuration.md). auto: in development and tests
   * only, never in production; true: also in production, where DEMO_PASSWORD must be set (and is not the
   * published one); off: never.
   */
  SEED_DEMO: z.enum(['auto', 'true', 'off']).default('auto'),
  /** The demo staff's password; default the published `m4s-demo`, which production refuses. */
  DEMO_PASSWORD: z.string().optional(),
  /** How many generated customers (with cars and three years of history) the demo group gets. */
  DEMO_CUSTOMERS: z.coerce.number().int().min(0).max(100_000).default(2000),
  /** Replaced by TRUSTED_PROXIES: `true` trusted the left-most X-Forwarded-For (the client's own) and is refused. */
  TRUST_PROXY: z.enum(['true', 'false']).optional(),
  TRUSTED_PROXIES: trustedProxies,
  /**
   * Moves the server's clock by this many minutes (development and tests only: the clock is the one thing
   * outside the machine a test may fake). A browser test that needs "a free slot today" sets it when it
   * runs late in the evening.
   */
  CLOCK_OFFSET_MINUTES: z.coerce.number().int().min(-1440).max(1440).default(0),
});

export type Config = z.infer<typeof schema> & {
  /** Where the built web apps are; absent in tests that do not serve them. */
  webRoot: string | null;
  /** The DMS upload limit; tests lower it (default: contracts' importUploadLimitBytes, 100 MB). */
  importUploadLimitBytes?: number;
  /** The most rows one customer export carries (default 50,000); tests lower it. */
  customerExportCap?: number;
};

/** Parsed once at start; a bad value stops the process with the variable's name. */
export const loadConfig = (env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.CLOCK_OFFSET_MINUTES !== 0)
    throw new Error('Invalid environment:\n  CLOCK_OFFSET_MINUTES: not allowed in production');
  if (parsed.data.TRUST_PROXY === 'true')
    throw new Error(
      'Invalid environment:\n  TRUST_PROXY: no longer supported (it let any client choose its address through ' +
        'X-Forwarded-For); set TRUSTED_PROXIES to the number of proxies in front of M4S (e.g. 1) or to their addresses/CIDRs',
    );
  if (parsed.data.NODE_ENV === 'production' && parsed.data.SEED_DEMO === 'true') {
    const password = parsed.data.DEMO_PASSWORD;
    if (password === undefined || password === publishedDemoPassword || password.length < 12)
      throw new Error(
        'Invalid environment:\n  DEMO_PASSWORD: SEED_DEMO=true in production needs DEMO_PASSWORD, at least 12 ' +
          `characters and not the published demo password "${publishedDemoPassword}"`,
      );
  }
  return { ...parsed.data, webRoot: null, ...overrides };
};

/**
 * Whether (and with which staff password) the demo group is created when the database has no tenant yet.
 * Production never seeds it unless SEED_DEMO=true, and then only with a DEMO_PASSWORD of its own.
 */
export const demoSeed = (
  config: Pick<Config, 'NODE_ENV' | 'SEED_DEMO' | 'DEMO_PASSWORD'>,
): { password: string } | null => {
  if (config.SEED_DEMO === 'off') return null;
  if (config.SEED_DEMO === 'auto' && config.NODE_ENV === 'production') return null;
  const password = config.DEMO_PASSWORD ?? publishedDemoPassword;
  if (config.NODE_ENV === 'production' && password === publishedDemoPassword)
    throw new Error('the published demo password is refused in production (set DEMO_PASSWORD)');
  return { password };
};
