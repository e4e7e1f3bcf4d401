import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  RollbackOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { ImportJob, ImportStatus } from '@m4s/contracts';
import { isMessageKey, useI18n } from '../i18n.ts';

const statusLook: Record<ImportStatus, { color: string; icon?: ReactNode }> = {
  needs_mapping: { color: 'warning' },
  queued: { color: 'default', icon: <ClockCircleOutlined /> },
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
  undone: { color: 'default', icon: <RollbackOutlined /> },
};

export const StatusTag = ({ status }: { status: ImportStatus }) => {
  const { t } = useI18n();
  const look = statusLook[status];
  return (
    <Tag color={look.color} icon={look.icon} data-testid="import-status" data-status={status}>
      {t(`imports.status.${status}`)}
    </Tag>
  );
};

/** 35 KB, 1.2 MB: how a file's size is read. */
export const formatBytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The labels the UI uses for a field and a count key; a key the server adds later reads as itself. */
export const useImportLabels = () => {
  const { t } = useI18n();
  return {
    field: (field: string) => {
      const key = `imports.field.${field}`;
      return isMessageKey(key) ? t(key) : field;
    },
    hint: (field: string) => {
      const key = `imports.hint.${field}`;
      return isMessageKey(key) ? t(key) : null;
    },
    count: (name: string) => {
      const key = `count.${name}`;
      return isMessageKey(key) ? t(key) : name;
    },
  };
};

// Customers, then their cars, then history, warnings last; a key not listed follows in the server's order.
const countOrder = [
  'customersCreated',
  'customersMerged',
  'customersUnchanged',
  'phonesAdded',
  'dataFixTasks',
  'vehiclesCreated',
  'vehiclesMerged',
  'vehiclesUnchanged',
  'salesCreated',
  'salesUnchanged',
  'ordersCreated',
  'ordersMerged',
  'ordersUnchanged',
  'linesCreated',
  'mileageAdded',
  'mileageUnchanged',
];
const rank = (key: string) => {
  if (key === 'warnings') return countOrder.length + 1;
  const at = countOrder.indexOf(key);
  return at < 0 ? countOrder.length : at;
};

/** The counts worth showing, in a reading order, zeros left out unless everything is zero. */
export const countEntries = (job: Pick<ImportJob, 'counts'>): [string, number][] => {
  const all = Object.entries(job.counts).sort(([a], [b]) => rank(a) - rank(b));
  const nonZero = all.filter(([, n]) => n > 0);
  return nonZero.length ? nonZero : all;
};

/** The sheets a run imports (or, before the mapping, is proposed to): kind chosen, not left out. */
export const chosenSheets = (job: Pick<ImportJob, 'sheets'>) =>
  job.sheets.filter((s) => s.kind !== null && s.status !== 'left_out');

/** What an import holds: its kind (one sheet), or its sheets' kinds (a workbook). */
export const jobTitle = (t: ReturnType<typeof useI18n>['t'], job: Pick<ImportJob, 'kind' | 'sheets'>) => {
  if (job.sheets.length <= 1) return t(`imports.kind.${job.kind}`);
  const kinds = [...new Set(chosenSheets(job).map((s) => s.kind ?? job.kind))];
  return t('imports.workbook', {
    count: job.sheets.length,
    kinds: kinds.map((k) => t(`imports.kind.${k}`)).join('、') || t('sheets.leaveOut'),
  });
};

/** Rows that made it in: processed minus failed (never below zero on a half-written counter). */
export const rowsOk = (job: Pick<ImportJob, 'rowsDone' | 'rowsFailed'>) => Math.max(0, job.rowsDone - job.rowsFailed);
