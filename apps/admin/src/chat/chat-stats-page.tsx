import { useState } from 'react';
import { Card, Col, Result, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { ChatStats } from '@m4s/contracts';
import { useCan } from '../auth/session.ts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useChatStats } from './chat-stats-api.ts';

type StaffRow = ChatStats['staff'][number];
const periods = [7, 30, 90] as const;

/**
 * 咨询统计 (docs/chat.md): how fast each staff member answers an owner who is waiting (median, 90th percentile,
 * and the median in business hours), how many owners wait now, and how many questions the assistant closed.
 */
export const ChatStatsPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const [days, setDays] = useState<number>(30);
  const stats = useChatStats(days);
  if (!can('chat.supervise')) return <Result status="403" title={t('common.forbidden')} />;
  const s = stats.data;
  const a = s?.assistant;
  const figure = (title: string, value: number | string | undefined, testId: string, suffix?: string) => (
    <Col xs={24} sm={12} xl={6}>
      <Card loading={stats.isPending}>
        <Statistic title={title} value={value ?? '—'} suffix={suffix} data-testid={testId} />
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader
        title={t('chatStats.title')}
        subtitle={t('chatStats.subtitle')}
        extra={
          <Segmented
            value={days}
            onChange={(v) => setDays(Number(v))}
            options={periods.map((d) => ({ value: d, label: t('chatStats.days', { days: d }) }))}
            data-testid="chat-stats-days"
          />
        }
      />
      {stats.isError ? <LoadFailedAlert error={stats.error} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {figure(t('chatStats.waiting'), s?.waiting, 'chat-stats-waiting')}
        {figure(t('chatStats.questions'), a?.questions, 'chat-stats-questions')}
        {figure(t('chatStats.handedOver'), a?.handedOver, 'chat-stats-handed')}
        {figure(
          t('chatStats.closedRate'),
          a && a.questions > 0 ? Math.round(a.closedRate * 1000) / 10 : '—',
          'chat-stats-closed-rate',
          a && a.questions > 0 ? '%' : undefined,
        )}
      </Row>
      <Card title={t('chatStats.staffTitle')}>
        <Typography.Paragraph type="secondary">{t('chatStats.staffHint')}</Typography.Paragraph>
        <Table<StaffRow>
          rowKey="staffId"
          size="middle"
          loading={stats.isPending}
          dataSource={s?.staff ?? []}
          pagination={false}
          locale={{ emptyText: t('chatStats.none') }}
          data-testid="chat-stats-staff"
          columns={[
            { title: t('chatStats.staff'), dataIndex: 'name' },
            { title: t('chatStats.replies'), dataIndex: 'replies', className: 'tabular' },
            { title: t('chatStats.median'), dataIndex: 'medianMinutes', className: 'tabular' },
            { title: t('chatStats.p90'), dataIndex: 'p90Minutes', className: 'tabular' },
            {
              title: t('chatStats.medianBusiness'),
              className: 'tabular',
              render: (_, r) => r.medianBusinessMinutes ?? '—',
            },
          ]}
        />
      </Card>
    </>
  );
};
