import { z } from 'zod';

/**
 * Complaints (投诉): the record every channel opens and someone closes. While one is open, the contact
 * gate holds back care and marketing touches to the customer (reason `open_complaint`). Categories are
 * the textbook's (ch3-4 §2.10, L1865; seed-001-ch3-4.md §1 L68 adds product quality).
 */
export const complaintCategories = [
  'service_reception', // 服务接待
  'professional_ethics', // 职业道德
  'service_environment', // 服务环境
  'repair_quality', // 维修质量
  'repair_time', // 维修时间
  'parts_supply', // 备件保供
  'repair_charges', // 维修收费
  'product_quality', // 产品质量
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

/** Where it came in (PRODUCT.md §6: every channel). */
export const complaintChannels = [
  'app',
  'phone',
  'walk_in',
  'follow_up',
  'oem',
  'consumer_association',
  // Issue 15: a survey answer escalated as a hot alert, the sales department, a government body, anything else.
  'survey',
  'sales',
  'government',
  'other',
] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

/**
 * Severity (seed-001 §3.3): ordinary (`normal`), beyond the handler's authority, transferred from the OEM,
 * difficult, and major — injury, a major quality problem, media or legal involvement (a written report to the
 * OEM within 4 business hours).
 */
export const complaintSeverities = ['normal', 'beyond_authority', 'oem_transfer', 'difficult', 'major'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

/** Open or closed: what the contact gate reads (an open complaint holds care and marketing back). */
export const complaintStatuses = ['open', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** A complaint (投诉) or a suggestion (建议): the same door, a lighter flow for suggestions. */
export const complaintKinds = ['complaint', 'suggestion'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];

/** The textbook's four-way classification (seed-001 §3.2, L3795–3805). */
export const complaintClasses = [
  'handling_failure', // 本公司处理不当：维修质量不良、礼仪不佳、交车延误
  'sale_promise', // 车辆销售时的承诺未实现
  'customer_misuse', // 客户操作不当、对汽车产品知识缺乏了解
  'manufacturing_defect', // 制造上的缺陷
] as const;
export type ComplaintClass = (typeof complaintClasses)[number];

/** Its eight causes (seed-001 §3.2, L3524–3540). */
export const complaintCauses = [
  'product_quality', // 商品质量问题
  'repair_quality', // 售后服务维修质量
  'staff_error', // 客户服务人员工作的失误
  'staff_attitude', // 店员及其他工作人员服务态度和质量问题
  'business_practice', // 客户对于企业经营方式的不认同（如配件价格）
  'beyond_standard', // 客户的要求超出企业自身的标准
  'different_measure', // 客户与企业对服务的衡量标准不同
  'personal_demand', // 客户个性原因的过高要求
] as const;
export type ComplaintCause = (typeof complaintCauses)[number];

/**
 * Where a case stands (seed-001 §3.5). A complaint: received → contacted (≤ 2 business hours) → assigned
 * (the handler confirms) → answered (≤ 1 working day from receipt) → resolved → followed_up → closed;
 * `reopened` when the customer is not satisfied (handled again, then resolved again). A suggestion:
 * received → contacted (acknowledged, ≤ 2 business hours) → evaluated (≤ 3 working days; adopted or not,
 * the customer told) → closed.
 */
export const complaintStages = [
  'received',
  'contacted',
  'assigned',
  'answered',
  'resolved',
  'followed_up',
  'reopened',
  'evaluated',
  'closed',
] as const;
export type ComplaintStage = (typeof complaintStages)[number];

/** The deadlines a case runs against (each due in the tenant's business calendar). */
export const complaintDeadlineKinds = ['first_contact', 'answer', 'follow_up', 'oem_report', 'evaluation'] as const;
export type ComplaintDeadlineKind = (typeof complaintDeadlineKinds)[number];

export const complaintInput = z.object({
  category: z.enum(complaintCategories),
  channel: z.enum(complaintChannels),
  severity: z.enum(complaintSeverities).default('normal'),
  summary: z.string().trim().min(1).max(2000),
  /** The car it concerns, when it concerns one (must be the customer's). */
  vehicleId: z.uuid().nullable().default(null),
  // Issue 15, all optional: a caller of issue 14 (hot alerts) passes only the fields above.
  kind: z.enum(complaintKinds).default('complaint'),
  classification: z.enum(complaintClasses).nullable().default(null),
  cause: z.enum(complaintCauses).nullable().default(null),
  /** What the customer asks for (a repair again, a refund, an apology…). */
  customerRequest: z.string().trim().max(2000).nullable().default(null),
});
export type ComplaintInput = z.input<typeof complaintInput>;

/** An improvement item on closing: what changes so it does not recur, who owns it, by when. */
export const improvementInput = z.object({
  what: z.string().trim().min(1).max(500),
  ownerId: z.uuid(),
  due: z.iso.date(),
});
export type ImprovementInput = z.infer<typeof improvementInput>;

export const complaintClose = z.object({
  resolution: z.string().trim().min(1).max(2000),
  /** Required for a complaint (at least one); a suggestion closes without. */
  improvements: z.array(improvementInput).max(20).default([]),
  /** A major complaint's closing report to the OEM (process, measures, result). */
  closingReport: z.string().trim().max(8000).nullable().default(null),
});
export type ComplaintClose = z.input<typeof complaintClose>;

const staffRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const complaint = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  vehicleId: z.uuid().nullable(),
  plate: z.string().nullable(),
  storeId: z.uuid().nullable(),
  category: z.enum(complaintCategories),
  channel: z.enum(complaintChannels),
  severity: z.enum(complaintSeverities),
  summary: z.string(),
  status: z.enum(complaintStatuses),
  receivedAt: z.string(),
  /** The first receiver stays the owner of record (首问负责制). */
  receivedBy: staffRef,
  closedAt: z.string().nullable(),
  closedBy: staffRef,
  resolution: z.string().nullable(),
  kind: z.enum(complaintKinds),
  classification: z.enum(complaintClasses).nullable(),
  cause: z.enum(complaintCauses).nullable(),
  customerRequest: z.string().nullable(),
  stage: z.enum(complaintStages),
  /** The handler now (after transfers); null until assigned. */
  handler: staffRef,
  handlerAcceptedAt: z.string().nullable(),
  /** 0 handler, 1 service/station manager, 2 general manager, 3 the OEM's regional manager. */
  escalationLevel: z.int(),
  /** Who answers for it now: the escalation's manager, else the handler, else the first receiver. */
  responsible: staffRef,
  deadlines: z.array(
    z.object({
      kind: z.enum(complaintDeadlineKinds),
      due: z.string(),
      /** When it was met; null while it runs (or after it was missed). */
      metAt: z.string().nullable(),
      state: z.enum(['running', 'warning', 'overdue', 'met', 'late']),
    }),
  ),
  solution: z.string().nullable(),
  completionDate: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  satisfied: z.boolean().nullable(),
  reopenCount: z.int(),
  adopted: z.boolean().nullable(),
  oemReport: z.string().nullable(),
  oemReportSentAt: z.string().nullable(),
  closingReport: z.string().nullable(),
  photoIds: z.array(z.uuid()),
});
export type Complaint = z.infer<typeof complaint>;

export const complaintList = z.object({ items: z.array(complaint) });
export type ComplaintList = z.infer<typeof complaintList>;
