import { useState } from 'react';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import type { CareDryRunItem } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useDryRun } from './care-api.ts';

const decisionColor = { sent: 'green', deferred: 'gold', suppressed: 'red', held: 'blue', expired: 'default' } as const;

const tomorrow = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** 关怀试运行: who tomorrow's (or any day's) sweep would touch and why, and who it would suppress and why. */
export const CareDryRunPage = () => {
  const { t, locale } = useI18n();
  const [day, setDay] = useState(tomorrow);
  const [asked, setAsked] = useState<string | null>(null);
  const run = useDryRun(asked);
  const items = (run.data?.items ?? []).filter((i) => !i.duplicate);
  const count = (d: CareDryRunItem['decision']) => items.filter((i) => i.decision === d).length;
  return (
    <>
      <PageHeader
        title={t('care.dry.title')}
        subtitle={t('care.dry.subtitle')}
        extra={
          <Space>
            <Typography.Text>{t('care.dry.day')}</Typography.Text>
            <Input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="dry-run-day" />
            <Button
              type="primary"
              loading={run.isFetching}
              onClick={() => (asked === day ? void run.refetch() : setAsked(day))}
              data-testid="dry-run-go"
            >
              {t('care.dry.run')}
            </Button>
          </Space>
        }
      />
      <LoadFailedAlert error={run.error} />
      {run.data && (
        <Typography.Paragraph data-testid="dry-run-summary">
          {t('care.dry.summary', {
            total: items.length,
            sent: count('sent'),
            deferred: count('deferred'),
            suppressed: count('suppressed'),
            held: count('held'),
            expired: count('expired'),
          })}
        </Typography.Paragraph>
      )}
      <Table<CareDryRunItem>
        rowKey={(r) => `${r.customerId}:${r.ruleKey ?? ''}:${r.channel}:${r.sendAt ?? ''}`}
        size="middle"
        loading={run.isFetching}
        dataSource={items}
        data-testid="dry-run-table"
        columns={[
          { title: t('care.dry.customer'), dataIndex: 'customerName' },
          { title: t('care.dry.phone'), dataIndex: 'maskedPhone', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('care.col.rule'),
            dataIndex: 'ruleKey',
            render: (k: string | null) => (k ? t(`care.rule.${k}` as MessageKey) : t('common.none')),
          },
          {
            title: t('care.col.channel'),
            dataIndex: 'channel',
            render: (c: string) => t(`care.channel.${c}` as MessageKey),
          },
          {
            title: t('care.dry.decision'),
            dataIndex: 'decision',
            render: (d: CareDryRunItem['decision']) => (
              <Tag color={decisionColor[d]}>{t(`care.decision.${d}` as MessageKey)}</Tag>
            ),
          },
          {
            title: t('care.dry.reason'),
            dataIndex: 'reason',
            render: (r: string | null) => (r ? t(`care.reason.${r}` as MessageKey) : t('common.none')),
          },
          {
            title: t('care.dry.sendAt'),
            dataIndex: 'sendAt',
            render: (s: string | null) =>
              s
                ? new Intl.DateTimeFormat(locale, {
                    month: 'numeric',
                    day: 'numeric',
                    hour: '2-digit',
                    minute: '2-digit',
                  }).format(new Date(s))
                : t('common.none'),
          },
        ]}
      />
    </>
  );
};
