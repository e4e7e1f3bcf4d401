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
export const complaintChannels = ['app', 'phone', 'walk_in', 'follow_up', 'oem', 'consumer_association'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

/** Major: injury, a major quality problem, media or legal involvement (PRODUCT.md §6). */
export const complaintSeverities = ['normal', 'major'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

export const complaintStatuses = ['open', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintInput = z.object({
  category: z.enum(complaintCategories),
  channel: z.enum(complaintChannels),
  severity: z.enum(complaintSeverities).default('normal'),
  summary: z.string().trim().min(1).max(2000),
  /** The car it concerns, when it concerns one (must be the customer's). */
  vehicleId: z.uuid().nullable().default(null),
});
export type ComplaintInput = z.input<typeof complaintInput>;

export const complaintClose = z.object({ resolution: z.string().trim().min(1).max(2000) });
export type ComplaintClose = z.infer<typeof complaintClose>;

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
});
export type Complaint = z.infer<typeof complaint>;

export const complaintList = z.object({ items: z.array(complaint) });
export type ComplaintList = z.infer<typeof complaintList>;
