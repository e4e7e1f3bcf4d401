import { Card, Descriptions, Skeleton, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ComplaintFirstContact } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { pct, useFirstContact, useMonthly, type ReportFilters } from './reports-api.ts';

/** The monthly summary: intake, closing, deadlines kept, the owners' word, improvements. */
export const MonthlyCard = ({ filters }: { filters: ReportFilters }) => {
  const { t } = useI18n();
  const q = useMonthly(filters);
  const m = q.data;
  const minutes = (v: number | null) => (v === null ? '—' : t('complaint.report.minutes', { minutes: v }));
  return (
    <Card size="small" title={t('complaint.report.monthly', { month: filters.month })} data-testid="report-monthly">
      {q.error ? <LoadFailedAlert error={q.error} /> : null}
      {!m ? (
        <Skeleton active />
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('complaint.report.received')}>
            {m.complaints} / {m.suggestions}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.bySeverity')}>
            {m.bySeverity
              .filter((s) => s.count > 0)
              .map((s) => (
                <Tag key={s.severity}>
                  {t(`complaint.severity.${s.severity}`)} {s.count}
                </Tag>
              ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.byCategory')}>
            {m.byCategory.map((c) => (
              <Tag key={c.category}>
                {t(`complaint.category.${c.category}`)} {c.count}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.closed')}>{m.closed}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.openAtEnd')}>{m.openAtEnd}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.firstContact')}>
            {m.firstContact.met} / {m.firstContact.late} ({pct(m.firstContact.rate)}) ·{' '}
            {minutes(m.firstContact.averageMinutes)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.answer')}>
            {m.answer.met} / {m.answer.late} ({pct(m.answer.rate)})
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.satisfaction')}>
            {m.satisfied} / {m.notSatisfied}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.escalated')}>{m.escalated}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.oemReports')}>{m.oemReports}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.adopted')}>{m.suggestionsAdopted}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.report.improvements')}>
            {m.improvements.created} / {m.improvements.done}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
};

type Person = ComplaintFirstContact['people'][number];

/** The quarter's first-contact (首问负责) report: per department, then per person. */
export const FirstContactCard = ({ filters }: { filters: ReportFilters }) => {
  const { t } = useI18n();
  const q = useFirstContact(filters);
  const figures: TableColumnsType<Person> = [
    { title: t('complaint.report.cases'), dataIndex: 'cases', align: 'right' },
    { title: t('complaint.report.met'), dataIndex: 'onTime', align: 'right' },
    { title: t('complaint.report.late'), dataIndex: 'late', align: 'right' },
    { title: t('complaint.report.pending'), dataIndex: 'pending', align: 'right' },
    { title: t('complaint.report.rate'), dataIndex: 'rate', align: 'right', render: pct },
    {
      title: t('complaint.report.averageMinutes'),
      dataIndex: 'averageMinutes',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
  ];
  const department = {
    title: t('complaint.report.department'),
    dataIndex: 'department',
    render: (d: 'service') => t(`complaint.report.dept.${d}`),
  };
  return (
    <Card
      size="small"
      title={t('complaint.report.firstContactReport', { quarter: filters.quarter })}
      data-testid="report-first-contact"
    >
      {q.error ? <LoadFailedAlert error={q.error} /> : null}
      {!q.data ? (
        <Skeleton active />
      ) : (
        <>
          <Table
            rowKey="department"
            size="small"
            columns={[department, ...figures] as TableColumnsType<ComplaintFirstContact['departments'][number]>}
            dataSource={q.data.departments}
            pagination={false}
            style={{ marginBottom: 12 }}
          />
          <Table
            rowKey={(r) => r.staffId ?? 'app'}
            size="small"
            columns={[
              department,
              { title: t('complaint.report.person'), dataIndex: 'name', render: (n: string) => n || '—' },
              ...figures,
            ]}
            dataSource={q.data.people}
            pagination={false}
          />
        </>
      )}
    </Card>
  );
};
