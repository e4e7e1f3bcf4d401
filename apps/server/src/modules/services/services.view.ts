import type { OwnerServiceRequest, StaffRequestSummary, StaffServiceRequest } from '@m4s/contracts';
import { l, type ServicePlugin } from './catalogue/define.ts';
import { pluginOf } from './catalogue/index.ts';
import { nextStep } from './services.form.ts';
import type { DetailRow, RequestRow } from './services.queries.ts';

type EventRow = { requestId: string; at: Date; status: string; details: Record<string, string | number | null> };

const received = l('已受理', 'Received');
const cancelled = l('已取消', 'Cancelled');

/** A request whose service left the catalogue still reads, by its id. */
const pluginFor = (id: string): ServicePlugin =>
  pluginOf(id) ?? {
    id,
    icon: 'check',
    name: l(id, id),
    description: l('', ''),
    handler: 'service_advisor',
    priority: 5,
    deadline: { minutes: 60 },
    settings: [],
    fields: [],
    steps: [],
    calls: [],
    opens: null,
    hooks: {},
  };

export const statusLabel = (plugin: ServicePlugin, status: string) =>
  status === 'received'
    ? received
    : status === 'cancelled'
      ? cancelled
      : (plugin.steps.find((s) => s.key === status)?.label ?? l(status, status));

const base = (d: DetailRow, plugin: ServicePlugin) => ({
  id: d.r.id,
  serviceId: d.r.serviceId,
  serviceName: plugin.name,
  storeId: d.r.storeId,
  storeName: d.storeName,
  status: d.r.status,
  statusLabel: statusLabel(plugin, d.r.status),
  priority: d.r.priority,
  dueAt: d.r.dueAt.toISOString(),
  createdAt: d.r.createdAt.toISOString(),
  updatedAt: d.r.updatedAt.toISOString(),
  closed: d.r.closedAt !== null,
});

const eventsOf = (events: readonly EventRow[], id: string) =>
  events
    .filter((e) => e.requestId === id)
    .map((e) => ({ at: e.at.toISOString(), status: e.status, details: e.details }));

const location = (r: RequestRow) =>
  r.locationLat !== null && r.locationLng !== null
    ? { lat: r.locationLat, lng: r.locationLng, accuracy: r.locationAccuracy }
    : null;

export const toOwnerRequest = (
  d: DetailRow,
  events: readonly EventRow[],
  calls: { key: string; number: string }[],
): OwnerServiceRequest => {
  const plugin = pluginFor(d.r.serviceId);
  return {
    ...base(d, plugin),
    answers: d.r.answers,
    hasLocation: location(d.r) !== null,
    hasPhoto: d.r.photo !== null,
    events: eventsOf(events, d.r.id),
    steps: [{ key: 'received', label: received }, ...plugin.steps.map((s) => ({ key: s.key, label: s.label }))],
    calls: calls.filter((c) => plugin.calls.includes(c.key)),
    current: d.r.current,
    cancellable: d.r.status === 'received',
  };
};

export const toStaffSummary = (d: DetailRow): StaffRequestSummary => {
  const plugin = pluginFor(d.r.serviceId);
  return {
    ...base(d, plugin),
    handlerRole: plugin.handler,
    customerName: d.customerName,
    plate: d.plate ?? (typeof d.r.answers.plate === 'string' ? d.r.answers.plate : null),
  };
};

export const toStaffRequest = (d: DetailRow, events: readonly EventRow[]): StaffServiceRequest => {
  const plugin = pluginFor(d.r.serviceId);
  return {
    ...toStaffSummary(d),
    phone: d.phone,
    answers: d.r.answers,
    fields: plugin.fields,
    location: location(d.r),
    hasPhoto: d.r.photo !== null,
    events: eventsOf(events, d.r.id),
    steps: plugin.steps,
    current: d.r.current,
    next: d.r.closedAt ? null : (nextStep(plugin.steps, d.r.status)?.key ?? null),
  };
};
