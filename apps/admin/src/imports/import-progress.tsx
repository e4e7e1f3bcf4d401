import { Alert, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import type { ImportJob } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { countEntries, rowsOk, useImportLabels } from './import-labels.tsx';
import styles from './imports.module.css';

const percentOf = (job: ImportJob): number => {
  // An undone run had finished: its bar stays full (the notice above it says it was undone).
  if (job.status === 'done' || job.status === 'undone') return 100;
  if (!job.rowsTotal) return 0;
  // 99 at most until the server says done: the last rows still have to be committed.
  return Math.min(99, Math.floor((job.rowsDone / job.rowsTotal) * 100));
};

/** 导入进度: the bar, rows done of the total, failures, and what the rows became, live while it runs. */
export const ImportProgress = ({ job }: { job: ImportJob }) => {
  const { t, locale } = useI18n();
  const labels = useImportLabels();
  const running = job.status === 'queued' || job.status === 'running';
  const status =
    job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : running ? 'active' : 'normal';
  const total = job.rowsTotal ?? job.rowsDone;
  const warnings = job.counts.warnings ?? 0;
  const rows =
    job.rowsTotal === null
      ? t('progress.rowsUnknown', { done: job.rowsDone })
      : t('progress.rows', { done: job.rowsDone, total: job.rowsTotal });

  return (
    <div data-testid="import-progress" data-status={job.status}>
      <Typography.Title level={5}>{t('progress.title')}</Typography.Title>
      {job.status === 'done' && (
        <Alert
          type={job.rowsFailed > 0 ? 'warning' : 'success'}
          showIcon
          className="form-alert"
          title={t('progress.doneTitle')}
          description={
            <>
              {job.rowsFailed > 0
                ? t('progress.doneText', { total, ok: rowsOk(job), failed: job.rowsFailed })
                : t('progress.doneClean', { total })}
              {warnings > 0 && <div>{t('progress.warnings', { count: warnings })}</div>}
            </>
          }
          data-testid="import-done"
        />
      )}
      {job.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title={t('progress.failedTitle')}
          description={job.failure ?? undefined}
          data-testid="import-failed"
        />
      )}
      <Progress percent={percentOf(job)} status={status} data-testid="import-progress-bar" />
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text>
          <span data-testid="import-rows">{rows}</span>
          {job.rowsFailed > 0 && (
            <Typography.Text type="danger" style={{ marginLeft: 12 }} data-testid="import-rows-failed">
              {t('progress.failed', { count: job.rowsFailed })}
            </Typography.Text>
          )}
        </Typography.Text>
        <Typography.Text type="secondary">
          {running
            ? t(job.status === 'queued' ? 'progress.queued' : 'progress.running')
            : [
                job.startedAt && t('progress.started', { at: formatDateTime(job.startedAt, locale) ?? '' }),
                job.finishedAt && t('progress.finished', { at: formatDateTime(job.finishedAt, locale) ?? '' }),
              ]
                .filter(Boolean)
                .join(' · ')}
        </Typography.Text>
      </Flex>
      <Row gutter={[24, 16]} className={styles.counts} data-testid="import-counts">
        <Col>
          <Statistic title={t('progress.ok')} value={rowsOk(job)} />
        </Col>
        <Col>
          <Statistic
            title={t('progress.failedLabel')}
            value={job.rowsFailed}
            styles={{ content: job.rowsFailed > 0 ? { color: '#cf1322' } : undefined }}
          />
        </Col>
        {countEntries(job).map(([name, n]) => (
          <Col key={name}>
            <Statistic title={labels.count(name)} value={n} data-testid={`import-count-${name}`} />
          </Col>
        ))}
      </Row>
    </div>
  );
};
