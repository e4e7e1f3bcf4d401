import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256), as documented: a canonical request over the
 * method, "/", the query, the signed headers and the payload's SHA-256; a string to sign with the
 * timestamp and the credential scope `date/service/tc3_request`; a signing key derived by chained
 * HMAC-SHA256 from "TC3" + SecretKey. Pinned against the published example in tencent-sms.test.ts.
 */
export type Tc3Request = {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  action: string;
  /** Unix seconds; the credential scope's date is its UTC day. */
  timestamp: number;
  payload: string;
  contentType?: string;
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export const tc3 = (r: Tc3Request) => {
  const contentType = r.contentType ?? 'application/json; charset=utf-8';
  const date = new Date(r.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${contentType}\nhost:${r.host}\nx-tc-action:${r.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(r.payload)].join('\n');
  const scope = `${date}/${r.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(r.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${r.secretKey}`, date), r.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${r.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
};
