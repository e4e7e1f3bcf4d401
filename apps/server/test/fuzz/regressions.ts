import type { FuzzRequest } from './requests.ts';
import type { Caller, World } from './world.ts';

/**
 * Requests that once answered 5xx, kept as fixed cases: the outside probe's of issue 13 (finding 5: a NUL byte
 * and impossible dates, fixed in serve() and isoDay), and any the fuzzer finds from now on (each names its fix).
 */
export type Regression = { name: string; as: Caller; request: FuzzRequest; expect?: number };

const admin = { kind: 'staff', role: 'group_admin' } as const;
const get = (url: string): FuzzRequest => ({ method: 'GET', url, headers: {} });

export const regressions = (w: World): Regression[] => [
  { name: 'a NUL in a search (finding 5)', as: admin, request: get('/api/customers?q=%00'), expect: 400 },
  {
    name: 'an impossible day (finding 5)',
    as: admin,
    request: get(`/api/stores/${w.a.storeId}/availability?from=2023-02-30`),
    expect: 400,
  },
  { name: 'a day out of range (finding 5)', as: admin, request: get('/api/booking-stats?to=9999-12-31'), expect: 400 },
  {
    name: 'a NUL in a body (finding 5)',
    as: admin,
    request: {
      method: 'POST',
      url: `/api/customers/${w.a.customerId}/interactions`,
      headers: {},
      body: { channel: 'phone', summary: 'a\u0000b' },
    },
    expect: 400,
  },
];
