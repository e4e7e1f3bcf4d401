// What the booking benchmark needs on the million-customer data set, made through the API as the group
// admin (so it takes the same paths and checks as the admin console would), and idempotent: the data set
// is kept between runs, so every step first looks for what an earlier run made.
//
// A store of its own (BENCH-BK) rather than the demo stores: the benchmark books about a thousand places
// per run and needs ten advisors on duty to have them; the demo stores keep their one advisor and their
// calendars. Its opening hours are copied from the demo group's first store, so its slot grid is a real
// store's. Its bookings are removed before and after each run (purgeBookings).
import pg from 'pg';

export const benchStore = { code: 'BENCH-BK', name: '压测门店（预约）', advisors: 10 };
export const benchSettings = {
  slotMinutes: 30,
  bays: 10,
  walkInSharePct: 20,
  onlineSharePct: 50,
  leadMinutes: 0,
  horizonDays: 30,
};
export const benchOwnerPhone = '13911110000';

/** JSON over fetch with the session cookie, and the CSRF token on writes (as web-kit's api does). */
export const apiClient =
  (base, cookie, csrfToken) =>
  async (method, path, body, headers = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (an HTML error page): the text is kept for the message.
    }
    return { status: res.status, ok: res.ok, json, text };
  };

/** The admin's client: the cookie from signIn, the CSRF token from /me. */
export const adminClient = async (base, cookie) => {
  const me = await fetch(`${base}/api/auth/staff/me`, { headers: { cookie } }).then((r) => r.json());
  return apiClient(base, cookie, me.csrfToken);
};

export const must = async (what, call) => {
  const res = await call;
  if (!res.ok) throw new Error(`${what} → ${res.status} ${res.text.slice(0, 500)}`);
  return res.json;
};

/** The bench store with its advisors, service type and booking settings; returns their ids. */
export const setupStore = async (api, log) => {
  const stores = (await must('GET /api/stores', api('GET', '/api/stores'))).items;
  let store = stores.find((s) => s.code === benchStore.code);
  if (!store) {
    const model = stores.find((s) => s.status === 'active');
    if (!model) throw new Error('the data set has no active store to copy opening hours from');
    log(`creating store ${benchStore.code} (opening hours of ${model.code})`);
    store = await must(
      'POST /api/stores',
      api('POST', '/api/stores', {
        code: benchStore.code,
        name: benchStore.name,
        brand: model.brand,
        province: model.province,
        city: model.city,
        address: '上海市浦东新区压测路 1 号',
        phone: '021-50000000',
        openingHours: model.openingHours,
      }),
    );
  }
  const staffPath = `/api/staff?storeId=${store.id}`;
  const staff = (await must('GET /api/staff', api('GET', staffPath))).items;
  const advisors = staff.filter((s) => s.role === 'service_advisor' && s.status === 'active');
  for (let i = advisors.length + 1; i <= benchStore.advisors; i++) {
    const login = `bench.adv${String(i).padStart(2, '0')}`;
    // A login left by an earlier, interrupted run (say, disabled) would refuse the create: a new suffix.
    const taken = staff.some((s) => s.login === login);
    const member = await must(
      'POST /api/staff',
      api('POST', '/api/staff', {
        login: taken ? `${login}.${Date.now() % 100_000}` : login,
        name: `压测顾问${i}`,
        phone: null,
        role: 'service_advisor',
        storeId: store.id,
        password: 'bench-advisor-pass',
      }),
    );
    advisors.push(member);
  }
  const types = (await must('GET /api/service-types', api('GET', `/api/service-types?storeId=${store.id}`))).items;
  let type = types.find((t) => t.code === 'BENCH-MAINT');
  if (!type)
    type = await must(
      'POST /api/service-types',
      api('POST', '/api/service-types', {
        storeId: store.id,
        code: 'BENCH-MAINT',
        name: '常规保养',
        category: 'maintenance',
        durationMinutes: 90,
        priceMinFen: 38_000,
        priceMaxFen: 88_000,
        bring: '行驶证、保养手册',
        onlineBookable: true,
        active: true,
        position: 0,
      }),
    );
  // Always written: a run with other settings (an earlier version of this file) must not linger.
  await must('PUT booking-settings', api('PUT', `/api/stores/${store.id}/booking-settings`, benchSettings));
  return { storeId: store.id, serviceTypeId: type.id, advisors: advisors.length, openingHours: store.openingHours };
};

/**
 * Removes the bench store's bookings and slot counters, at the start (what an interrupted run left) and at
 * the end, after they were cancelled through the API. Straight SQL as the database owner: the API keeps
 * cancelled bookings (as it should), and the thousands each run would leave would slow the next run's
 * availability and booking look-ups — every run should find the store as the first one did. Only this
 * store's rows: it is the benchmark's own.
 */
export const purgeBookings = async (url, storeId) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('DELETE FROM bookings WHERE store_id = $1', [storeId]);
    await client.query('DELETE FROM booking_slots WHERE store_id = $1', [storeId]);
    return rowCount;
  } finally {
    await client.end();
  }
};

/**
 * Customers' cars drawn from the data (the same sample every run: ordered by a hash of the id), read
 * straight from the database like the search terms in scale.mjs — the API has no "random car" call.
 * The first one is the app owner's car for the live part; the rest are booked by staff.
 */
export const sampleCars = async (url, n) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT v.tenant_id AS "tenantId", v.id AS "vehicleId", v.owner_id AS "customerId", v.vin, v.plate
         FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE c.erased_at IS NULL AND v.plate IS NOT NULL
        ORDER BY hashtext(v.id::text || 'booking') LIMIT $1`,
      [n + 1],
    );
    return { ownerCar: rows[0], cars: rows.slice(1) };
  } finally {
    await client.end();
  }
};
