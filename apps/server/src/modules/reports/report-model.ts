// The monthly report as sections of rows (docs/reports.md): what both files — the XLSX and the PDF — write out,
// so the two always hold the same figures. Off-target KPI rows are marked.
import { kpiDefinition, type Locale } from '@m4s/contracts';
import type { ReportData } from './report-data.ts';
import { reportWords } from './report-words.ts';

export type Cell = string | number | null;
export type Section = { title: string; columns: string[]; rows: Cell[][]; marked: boolean[]; empty?: string };
export type ReportModel = { title: string; subtitle: string; note: string; offTarget: number; sections: Section[] };

const section = (title: string, columns: string[], rows: Cell[][], marked?: boolean[], empty?: string): Section => ({
  title,
  columns,
  rows,
  marked: marked ?? rows.map(() => false),
  ...(empty ? { empty } : {}),
});

export const reportModel = (data: ReportData, locale: Locale, generatedAt: string): ReportModel => {
  const w = reportWords[locale];
  const items = data.kpis.items;
  const offItems = items.filter((i) => i.meets === false);
  const kpiName = (id: string) => kpiDefinition(id)?.name[locale] ?? id;
  const kpiRows = items.map((i): Cell[] => [
    kpiName(i.id),
    i.actual,
    i.target,
    i.meets === null ? w.noTarget : i.meets ? w.meets : w.misses,
    i.previous,
    i.lastYear,
  ]);
  const s = data.service;
  const serviceKeys = ['carsIn', 'delivered', 'bookings', 'complaints', 'workingDays'] as const;
  const c = data.complaints;
  const complaintRows: [keyof typeof w.complaintRows, Cell][] = [
    ['complaints', c.complaints],
    ['suggestions', c.suggestions],
    ['closed', c.closed],
    ['openAtEnd', c.openAtEnd],
    ['firstContactMet', c.firstContact.met],
    ['firstContactLate', c.firstContact.late],
    ['firstContactRate', c.firstContact.rate],
    ['answerMet', c.answer.met],
    ['answerLate', c.answer.late],
    ['answerRate', c.answer.rate],
    ['satisfied', c.satisfied],
    ['notSatisfied', c.notSatisfied],
    ['escalated', c.escalated],
  ];
  const plans = offItems.flatMap((i) =>
    i.plans.map((p): Cell[] => [
      kpiName(i.id),
      p.title,
      p.ownerName,
      p.baseline,
      p.target,
      p.dueOn,
      w.planStatus[p.status],
    ]),
  );
  return {
    title: w.title(data.storeName ?? `${data.tenantName} ${w.group}`, data.month),
    subtitle: `${w.generatedAt} ${generatedAt}`,
    note: w.offTargetNote(offItems.length),
    offTarget: offItems.length,
    sections: [
      section(
        w.kpis,
        w.kpiColumns,
        kpiRows,
        items.map((i) => i.meets === false),
      ),
      section(
        w.service,
        w.serviceColumns,
        serviceKeys.map((k) => [
          w.serviceRows[k],
          s.now?.[k] ?? null,
          s.previous?.[k] ?? null,
          s.lastYear?.[k] ?? null,
        ]),
      ),
      section(
        w.satisfaction,
        w.satisfactionColumns,
        data.satisfaction.map((r) => [r.label, r.responses, r.csat, r.nps, r.csi]),
      ),
      section(
        w.complaints,
        w.complaintColumns,
        complaintRows.map(([k, v]) => [w.complaintRows[k], v]),
      ),
      section(w.loyalty, w.loyaltyColumns, [
        [w.loyaltyRows.pointsSpent, data.loyalty.pointsSpent],
        [w.loyaltyRows.valueYuan, data.loyalty.valueFen / 100],
      ]),
      section(w.plans, w.planColumns, plans, undefined, w.noPlans),
    ],
  };
};
