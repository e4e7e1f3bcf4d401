import { createHash, randomBytes } from 'node:crypto';

/**
 * An integration's API key: `m4st.<tenant id>.<secret>`. The tenant id names the tenant whose transaction
 * the ingest opens (as a session cookie does); the secret is kept only as its SHA-256 hash, looked up under
 * that tenant. Answered once, at creation (docs/telematics.md).
 */
const shape = /^m4st\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const newIntegrationKey = (tenantId: string) => {
  const secret = randomBytes(32).toString('base64url');
  return { key: `m4st.${tenantId}.${secret}`, hash: hashSecret(secret), prefix: `m4st.…${secret.slice(0, 6)}` };
};

/** The key's tenant and the hash of its secret, or null when it is not a key at all. */
export const parseIntegrationKey = (value: unknown): { tenantId: string; hash: string } | null => {
  if (typeof value !== 'string') return null;
  const m = shape.exec(value.trim());
  if (!m?.[1] || !m[2]) return null;
  return { tenantId: m[1], hash: hashSecret(m[2]) };
};
