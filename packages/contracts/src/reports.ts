import { z } from 'zod';
import { isoMonth, uuid } from './common.ts';

/** The monthly report (docs/reports.md): one per month for the group (storeId null) and for each store. */
export const reportFormats = ['xlsx', 'pdf', 'both'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const monthlyReport = z.object({
  id: uuid,
  month: isoMonth,
  storeId: uuid.nullable(),
  /** The store's name; null for the group's report. */
  storeName: z.string().nullable(),
  /** KPIs off their target in the month. */
  offTarget: z.int(),
  xlsxBytes: z.int(),
  pdfBytes: z.int(),
  generatedAt: z.string(),
  /** Who generated it now; null: the nightly step on the 1st. */
  generatedBy: z.string().nullable(),
  /** When the subscribers were sent it (the nightly step only). */
  sentAt: z.string().nullable(),
});
export type MonthlyReport = z.infer<typeof monthlyReport>;

export const reportListQuery = z.strictObject({ storeId: uuid.optional() });

/** Generate a month now: the group's and every store's report (a store role: its store's). */
export const reportGenerateBody = z.strictObject({ month: isoMonth });
export type ReportGenerateBody = z.infer<typeof reportGenerateBody>;

export const reportSubscription = z.object({
  id: uuid,
  storeId: uuid.nullable(),
  storeName: z.string().nullable(),
  format: z.enum(reportFormats),
  email: z.string().nullable(),
});
export type ReportSubscription = z.infer<typeof reportSubscription>;

/** Subscribe oneself to the group's (storeId null) or a store's report; again for the same scope changes it. */
export const reportSubscriptionBody = z.strictObject({
  storeId: uuid.nullable(),
  format: z.enum(reportFormats),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ message: 'email' }))
    .nullable(),
});
export type ReportSubscriptionBody = z.input<typeof reportSubscriptionBody>;
