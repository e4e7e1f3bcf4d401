import { z } from 'zod';

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
  SEED_DEMO: z.enum(['auto', 'off']).default('auto'),
  /** How many generated customers (with cars and three years of history) the demo group gets. */
  DEMO_CUSTOMERS: z.coerce.number().int().min(0).max(100_000).default(2000),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
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
  return { ...parsed.data, webRoot: null, ...overrides };
};
