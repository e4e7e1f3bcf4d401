/** Staff roles, their row scope, and the permissions each holds. One table, read by `can()`. */
export const roles = [
  'group_admin',
  'store_manager',
  'service_manager',
  'sales_consultant',
  'service_advisor',
  'cs_specialist',
  'cashier',
  'oem_viewer',
] as const;
export type Role = (typeof roles)[number];

/** own: the staff member's own customers; store: their store; group: the whole tenant. */
export type RowScope = 'own' | 'store' | 'group';

export const permissions = [
  'tenant.read',
  'tenant.brand',
  'tenant.settings',
  'store.read',
  'store.write',
  'staff.read',
  'staff.write',
  'audit.read',
  'customer.read',
  'customer.write',
  'customer.export',
  'customer.erase',
  'customer.import',
  'visit.read',
  'visit.write',
  'service.setup',
  'payment.write',
  'segment.read',
  'care.manage',
  'care.tasks',
  /** The store's whole call queue, every agent's load, moving calls between agents (docs/calls.md). */
  'calls.supervise',
  /** Webhook endpoints, their secrets and delivery log (docs/webhooks.md). */
  'webhook.manage',
  /** Connected-car integrations: their API keys (shown once) and what they sent (docs/telematics.md). */
  'telematics.manage',
  /** Membership (docs/loyalty.md): the member list and coupon templates. */
  'loyalty.read',
  /** Points adjustments with a reason, up to the tenant's limit (above it: loyalty.manage). */
  'loyalty.adjust',
  /** Tiers, earn and expiry rules, coupon templates and issuing, the settlement report. */
  'loyalty.manage',
  /** Targeted campaigns (docs/campaigns.md): build, preview, send, results. */
  'campaign.manage',
  /** The questionnaire builder: drafts, publishing (docs/surveys.md). */
  'survey.manage',
  /** 内容管理 (docs/feed.md): the feed's posts (a store's staff for their store), pushes, the knowledge base. */
  'content.manage',
  /**
   * Complaint cases as a manager (docs/complaints.md): closing a case one opened oneself, the OEM report,
   * editing a deadline (audited with the old value), reviewing a reopened case.
   */
  'complaint.manage',
  /** Service recovery: my hot alerts, closing them with the outcome (docs/recovery.md). */
  'recovery.work',
  /** The store's hot alerts, escalations, the on-time rate. */
  'recovery.supervise',
  /** 会员咨询 (docs/chat.md): answering owners — my customers' conversations and my store's pool. */
  'chat.answer',
  /** Every conversation of the store (or group), response times per staff member, the assistant's figures. */
  'chat.supervise',
  /** 服务请求 (docs/services.md): the service requests of my role's queue in my store, taking them step by step. */
  'services.work',
  /** 服务项目: switching services on per store, their settings (audited). */
  'services.manage',
  /** 指标体系 (docs/kpis.md): the KPIs against targets, their drill-down, the improvement plans. */
  'kpi.read',
  /** Targets per tenant and store, improvement plans (PDCA). */
  'kpi.manage',
] as const;
export type Permission = (typeof permissions)[number];

type Grant = { scope: RowScope; permissions: readonly Permission[] };

const reader: readonly Permission[] = ['tenant.read', 'store.read', 'staff.read', 'customer.read', 'visit.read'];
const frontLine: readonly Permission[] = [
  ...reader,
  'customer.write',
  'visit.write',
  'care.tasks',
  'recovery.work',
  'chat.answer',
  'services.work',
];
/** Segments and the care rules, templates and contact policy that act on them. */
const careLead: readonly Permission[] = [
  'segment.read',
  'care.manage',
  'survey.manage',
  'calls.supervise',
  'recovery.supervise',
  'content.manage',
  'chat.supervise',
  'services.manage',
];
/** Membership: who runs the programme. */
const loyaltyLead: readonly Permission[] = ['loyalty.read', 'loyalty.adjust', 'loyalty.manage', 'campaign.manage'];

export const roleGrants: Record<Role, Grant> = {
  group_admin: {
    scope: 'group',
    permissions: [
      ...frontLine,
      'tenant.brand',
      'tenant.settings',
      'store.write',
      'staff.write',
      'audit.read',
      'customer.export',
      'customer.erase',
      'customer.import',
      'service.setup',
      'payment.write',
      'webhook.manage',
      'telematics.manage',
      ...careLead,
      ...loyaltyLead,
      'complaint.manage',
      'kpi.read',
      'kpi.manage',
    ],
  },
  store_manager: {
    scope: 'store',
    permissions: [
      ...frontLine,
      'store.write',
      'staff.write',
      'audit.read',
      'customer.export',
      'customer.import',
      'service.setup',
      'payment.write',
      ...careLead,
      ...loyaltyLead,
      'complaint.manage',
      'kpi.read',
      'kpi.manage',
    ],
  },
  service_manager: {
    scope: 'store',
    permissions: [
      ...frontLine,
      'service.setup',
      'payment.write',
      ...careLead,
      ...loyaltyLead,
      'complaint.manage',
      'kpi.read',
    ],
  },
  sales_consultant: { scope: 'own', permissions: frontLine },
  service_advisor: { scope: 'own', permissions: frontLine },
  cs_specialist: {
    scope: 'store',
    permissions: [...frontLine, 'segment.read', 'loyalty.read', 'loyalty.adjust', 'content.manage'],
  },
  cashier: { scope: 'store', permissions: [...reader, 'payment.write'] },
  oem_viewer: { scope: 'group', permissions: [...reader, 'kpi.read'] },
};

export const roleNames: Record<'zh-CN' | 'en', Record<Role, string>> = {
  'zh-CN': {
    group_admin: '集团管理员',
    store_manager: '店总',
    service_manager: '服务经理',
    sales_consultant: '销售顾问',
    service_advisor: '服务顾问',
    cs_specialist: '客服专员',
    cashier: '收银员',
    oem_viewer: '厂家区域经理（只读）',
  },
  en: {
    group_admin: 'Group admin',
    store_manager: 'Store manager',
    service_manager: 'Service manager',
    sales_consultant: 'Sales consultant',
    service_advisor: 'Service advisor',
    cs_specialist: 'CS specialist',
    cashier: 'Cashier',
    oem_viewer: 'OEM viewer (read-only)',
  },
};

/** Roles that work in one store; the others (group admin, OEM viewer) span the tenant. */
export const storeBoundRoles: readonly Role[] = roles.filter((r) => roleGrants[r].scope !== 'group');
