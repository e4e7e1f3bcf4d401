import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: 32 random bytes, shown once. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** `v1=` HMAC-SHA256 (hex) of `<timestamp>.<body>` with the secret as the key. */
export const signatureOf = (secret: string, timestamp: number, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** The x-m4s-signature header: the current secret's signature, and the previous one's during its grace. */
export const signatureHeader = (secrets: readonly string[], timestamp: number, body: string) =>
  secrets.map((s) => signatureOf(s, timestamp, body)).join(',');
