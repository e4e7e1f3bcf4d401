import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { complaintReportRoutes as r } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** The reports of the complaints page's 报表 tab (docs/complaints.md, Reports). */
export type ReportFilters = { from: string; to: string; month: string; quarter: string; storeId?: string };

const key = ['complaint-reports'] as const;

export const useOverview = (f: ReportFilters) =>
  useQuery({
    queryKey: [...key, 'overview', f.from, f.to, f.storeId],
    queryFn: () => api.call(r.overview, { query: { from: f.from, to: f.to, storeId: f.storeId } }),
    placeholderData: keepPreviousData,
  });

export const useMonthly = (f: ReportFilters) =>
  useQuery({
    queryKey: [...key, 'monthly', f.month, f.storeId],
    queryFn: () => api.call(r.monthly, { query: { month: f.month, storeId: f.storeId } }),
    placeholderData: keepPreviousData,
  });

export const useFirstContact = (f: ReportFilters) =>
  useQuery({
    queryKey: [...key, 'first-contact', f.quarter, f.storeId],
    queryFn: () => api.call(r.firstContact, { query: { quarter: f.quarter, storeId: f.storeId } }),
    placeholderData: keepPreviousData,
  });

export const reportsExportPath = (f: ReportFilters) => api.href(r.exportReports, { query: f });

/** A rate in per cent, or — when nothing was due. */
export const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
