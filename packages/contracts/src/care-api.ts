// The care API (issue 5): rules with their per-tenant tuning, versioned message templates, the dry run
// of tomorrow's sweep, and the tasks care rules give staff.
import { z } from 'zod';
import {
  careRuleKeys,
  careTaskStatuses,
  contactTopics,
  suppressionReasons,
  touchChannels,
  touchDecisions,
  touchKinds,
} from './care.ts';
import { roles } from './roles.ts';
import { isoDay } from './common.ts';

/** Offsets from the rule's anchor, named per rule (daysBefore, daysAfter, hoursAfter, km…). */
export const careTiming = z.record(z.string(), z.number().int());
export type CareTiming = z.infer<typeof careTiming>;

export const careRule = z.object({
  key: z.enum(careRuleKeys),
  enabled: z.boolean(),
  timing: careTiming,
  channel: z.enum(touchChannels),
  taskRole: z.enum(roles).nullable(),
  topic: z.enum(contactTopics),
  kind: z.enum(touchKinds),
  /** What the timing counts from, in words for the rule list (zh-CN / en by the request's language). */
  anchor: z.string(),
  /** False while the tenant runs the defaults in code. */
  customized: z.boolean(),
  /** Rules another module runs (booking_reminder): shown, and switched, but not swept. */
  sweptHere: z.boolean(),
  /** A message rule whose step also gives `taskRole` a call task (win-back); its role may be null (no call). */
  followUpCall: z.boolean(),
});
export type CareRule = z.infer<typeof careRule>;
export const careRuleList = z.object({ items: z.array(careRule) });

export const careRuleInput = z.strictObject({
  enabled: z.boolean(),
  timing: careTiming,
  channel: z.enum(touchChannels),
  taskRole: z.enum(roles).nullable(),
});
export type CareRuleInput = z.infer<typeof careRuleInput>;
/** Path keys are checked by the service: an unknown rule or template is 404, like any unknown row. */
export const careRuleParams = z.object({ key: z.string().max(64) });

/** Template keys: the rule keys, plus shared snippets included with {{>name}}. */
export const careSnippetKeys = ['signature', 'sms_sign', 'call_intro'] as const;
export const careTemplateKeys = [...careRuleKeys, ...careSnippetKeys] as const;
export type CareTemplateKey = (typeof careTemplateKeys)[number];

export const careTemplate = z.object({
  key: z.enum(careTemplateKeys),
  channel: z.enum(touchChannels),
  /** 0 is the default in code; each edit adds a version, the newest is used. */
  version: z.number().int(),
  subject: z.string().nullable(),
  body: z.string(),
});
export type CareTemplate = z.infer<typeof careTemplate>;
export const careTemplateList = z.object({ items: z.array(careTemplate), variables: z.array(z.string()) });

export const careTemplateInput = z.strictObject({
  subject: z.string().max(200).nullable(),
  body: z.string().min(1).max(2000),
});
export type CareTemplateInput = z.infer<typeof careTemplateInput>;
export const careTemplateParams = z.object({ key: z.string().max(64), channel: z.string().max(64) });
/** customerId is required; optional here so an unknown template answers 404 before it is asked for. */
export const careTemplatePreviewQuery = z.object({ customerId: z.uuid().optional() });
export const careTemplatePreview = z.object({ subject: z.string().nullable(), body: z.string() });

export const careDryRunQuery = z.object({ day: isoDay.optional() });
export const careDryRunItem = z.object({
  ruleKey: z.enum(careRuleKeys).nullable(),
  channel: z.enum(touchChannels),
  customerId: z.uuid(),
  customerName: z.string(),
  maskedPhone: z.string().nullable(),
  decision: z.enum(touchDecisions),
  reason: z.enum(suppressionReasons).nullable(),
  sendAt: z.string().nullable(),
  duplicate: z.boolean(),
});
export type CareDryRunItem = z.infer<typeof careDryRunItem>;
export const careDryRun = z.object({ day: z.iso.date(), items: z.array(careDryRunItem) });
export type CareDryRun = z.infer<typeof careDryRun>;

export const careTask = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  /** In full: the task is a call the staff member makes. */
  phone: z.string().nullable(),
  vehicleId: z.uuid().nullable(),
  plate: z.string().nullable(),
  storeId: z.uuid().nullable(),
  ruleKey: z.enum(careRuleKeys).nullable(),
  role: z.string(),
  assigneeId: z.uuid().nullable(),
  title: z.string(),
  script: z.string(),
  dueAt: z.string(),
  status: z.enum(careTaskStatuses),
  snoozedUntil: z.string().nullable(),
  outcome: z.string().nullable(),
  overdue: z.boolean(),
});
export type CareTask = z.infer<typeof careTask>;
export const careTaskList = z.object({ items: z.array(careTask) });
export const careTaskQuery = z.object({
  scope: z.enum(['mine', 'store']).default('mine'),
  status: z.enum(careTaskStatuses).default('open'),
});
export const careTaskDone = z.strictObject({
  outcome: z.string().trim().min(1).max(500),
  /** The 1-month follow-up asks the owner's mileage: recorded as a reading (source follow_up). */
  mileageKm: z.number().int().min(0).max(2_000_000).optional(),
});
export const careTaskSnooze = z.strictObject({ until: z.iso.datetime({ offset: true }) });
export const careTaskReassign = z.strictObject({ assigneeId: z.uuid() });
