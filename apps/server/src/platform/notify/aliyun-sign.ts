import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's RPC request signature ("POP", signature version 1.0, HMAC-SHA1), as its SMS API
 * (dysmsapi SendSms) documents it: sort the parameters by name, percent-encode names and values the POP
 * way, join them into the canonicalized query, sign `METHOD&%2F&percentEncode(query)` with the key
 * `AccessKeySecret + "&"`, Base64 the HMAC. Pinned against the published example in aliyun-sms.test.ts.
 */

/**
 * RFC 3986 encoding of UTF-8: only A–Z a–z 0–9 - _ . ~ stay; a space is %20 (not +), `*` is %2A, `~`
 * stays. encodeURIComponent leaves ! ' ( ) * as they are, so those are encoded here.
 */
export const percentEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** Parameters sorted by name (code-unit order, as the documented Java TreeMap sorts), encoded, joined. */
export const canonicalizedQuery = (params: Record<string, string>): string =>
  Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');

export const stringToSign = (method: 'GET' | 'POST', params: Record<string, string>): string =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;

/** The Signature parameter's value (Base64, before it is itself percent-encoded into the URL). */
export const rpcSignature = (method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string) =>
  createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');

/** The full request query: the canonicalized parameters with the Signature added. */
export const signedQuery = (method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string) =>
  `Signature=${percentEncode(rpcSignature(method, params, accessKeySecret))}&${canonicalizedQuery(params)}`;
