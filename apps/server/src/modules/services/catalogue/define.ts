import type { FormField, Localized, ServiceManifest, ServiceStep } from '@m4s/contracts';

/** A request as a plugin's hooks see it: its own fields, nothing of other services. */
export type PluginRequest = {
  id: string;
  storeId: string;
  ownerId: string | null;
  status: string;
  answers: Record<string, string | number | null>;
  current: Record<string, string | number | null>;
  hasLocation: boolean;
};

/**
 * What a hook may do. `cases` reads only this service's requests of the tenant (the reader is built with the
 * service's id and the tenant's: a plugin cannot name another's); `inbox` writes to the asking owner's 消息中心.
 */
export type PluginContext = {
  cases: {
    openOfOwner: (ownerId: string) => Promise<PluginRequest[]>;
  };
  notifyOwner: (message: { title: string; body: string }) => Promise<void>;
  /** Refuses the request with a field message (a 400 in the owner's language). */
  refuse: (field: string, key: string) => never;
};

export type ServiceHooks = {
  /** Before the case is written: may refuse it. */
  onSubmit?: (ctx: PluginContext, request: PluginRequest) => Promise<void>;
  /** After staff moved the case to `status` (in the same transaction). */
  onStatus?: (ctx: PluginContext, request: PluginRequest, status: string) => Promise<void>;
};

export type ServicePlugin = ServiceManifest & { hooks: ServiceHooks };

/** A manifest with defaults: no settings, calls, steps beyond done, no flow of its own, no hooks. */
export const defineService = (
  manifest: Omit<ServiceManifest, 'settings' | 'calls' | 'opens' | 'steps'> &
    Partial<Pick<ServiceManifest, 'settings' | 'calls' | 'opens' | 'steps'>> & { hooks?: ServiceHooks },
): ServicePlugin => ({
  settings: [],
  calls: [],
  opens: null,
  steps: [handling, done],
  hooks: {},
  ...manifest,
});

// ── Building blocks the manifests share ─────────────────────────────────────────────────────────────

export const l = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export const handling: ServiceStep = { key: 'handling', label: l('处理中', 'In progress'), fields: [] };
export const done: ServiceStep = { key: 'done', label: l('已完成', 'Done'), fields: [] };
/** A step whose staff note the owner reads (a quote, an appointment). */
export const replied = (label: Localized, note: Localized): ServiceStep => ({
  key: 'replied',
  label,
  fields: [field('reply', 'textarea', note, true, { max: 300 })],
});

export const field = (
  key: string,
  kind: FormField['kind'],
  label: Localized,
  required: boolean,
  more: Partial<FormField> = {},
): FormField => ({ key, kind, label, required, ...more });

export const option = (value: string, zh: string, en: string) => ({ value, label: l(zh, en) });

export const plateField = field('plate', 'text', l('车牌号', 'Plate'), false, { max: 10 });
export const dateField = (zh: string, en: string, required = true) => field('date', 'date', l(zh, en), required);
export const noteField = field('note', 'textarea', l('补充说明', 'Notes'), false, { max: 300 });
export const contactField = field('contact', 'phone', l('联系电话', 'Contact phone'), false);
