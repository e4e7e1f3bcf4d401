import { useState } from 'react';
import { App, Button, Card, Col, Flex, List, Result, Row, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SegmentOverview } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { SegmentCustomers } from './segment-customers.tsx';
import { useRecompute, useSegmentOverview, type SegmentPick } from './segments-api.ts';

type Dimension = {
  dimension: SegmentPick['dimension'];
  classes: { value: string; count: number; movedIn?: number; movedOut?: number }[];
};

/** The flags as a card of their own: counts, no moves (they are not classes). */
const flagsOf = (o: SegmentOverview): Dimension => ({
  dimension: 'flag',
  classes: o.flags.map((f) => ({ value: f.flag, count: f.count })),
});

/** The churn measure: churned ÷ measured, the seasonal/relocated and the new owners left out. */
const ChurnLine = ({ churn }: { churn: SegmentOverview['churn'] }) => {
  const { t } = useI18n();
  return (
    <Typography.Paragraph data-testid="segment-churn">
      {churn.rate === null
        ? t('segments.churnNone')
        : t('segments.churn', {
            rate: `${(churn.rate * 100).toFixed(1)}%`,
            churned: churn.churned.toLocaleString('zh-CN'),
            measured: churn.measured.toLocaleString('zh-CN'),
            seasonal: churn.seasonalExcluded.toLocaleString('zh-CN'),
          })}
    </Typography.Paragraph>
  );
};

/** One dimension's card: each class with its count and the moves ▲ in / ▼ out since last month. */
const DimensionCard = ({
  d,
  picked,
  onPick,
}: {
  d: Dimension;
  picked: SegmentPick | null;
  onPick: (pick: SegmentPick) => void;
}) => {
  const { t } = useI18n();
  const unit = t(d.dimension === 'stage' ? 'segments.unit.stage' : 'segments.unit.customer');
  return (
    <Card
      title={t(`segments.dim.${d.dimension}` as MessageKey)}
      size="small"
      data-testid={`segment-card-${d.dimension}`}
    >
      <List
        size="small"
        dataSource={d.classes}
        renderItem={(c) => {
          const active = picked?.dimension === d.dimension && picked.value === c.value;
          return (
            <List.Item
              onClick={() => onPick({ dimension: d.dimension, value: c.value })}
              style={{ cursor: 'pointer', background: active ? 'rgba(22,119,255,0.08)' : undefined }}
              data-testid={`segment-${d.dimension}-${c.value}`}
            >
              <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                <Typography.Text strong={active}>
                  {t(`segments.class.${d.dimension}.${c.value}` as MessageKey)}
                </Typography.Text>
                <Space size={8}>
                  <Typography.Text className="tabular">
                    {c.count.toLocaleString('zh-CN')} {unit}
                  </Typography.Text>
                  {c.movedIn !== undefined && (
                    <Typography.Text type="success" className="tabular" title={t('segments.movedIn', { n: c.movedIn })}>
                      <ArrowUpOutlined /> {c.movedIn}
                    </Typography.Text>
                  )}
                  {c.movedOut !== undefined && (
                    <Typography.Text
                      type="danger"
                      className="tabular"
                      title={t('segments.movedOut', { n: c.movedOut })}
                    >
                      <ArrowDownOutlined /> {c.movedOut}
                    </Typography.Text>
                  )}
                </Space>
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
};

/** 客户分群: counts per class of every dimension, the movement since last month, and each class's customers. */
export const SegmentsPage = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  // The job runs in the background: read the overview again for a while after queuing it.
  const [pollUntil, setPollUntil] = useState(0);
  const overview = useSegmentOverview(pollUntil);
  const recompute = useRecompute();
  const [picked, setPicked] = useState<SegmentPick | null>(null);
  if (!can('segment.read')) return <Result status="403" title={t('common.forbidden')} />;

  const o = overview.data;
  const run = () =>
    recompute.mutate(undefined, {
      onSuccess: () => {
        setPollUntil(Date.now() + 60_000);
        void message.success(t('segments.recomputeQueued'));
      },
      onError: (error) => void message.error(errorText(error, t('common.networkError'))),
    });

  return (
    <>
      <PageHeader
        title={t('segments.title')}
        subtitle={t('segments.subtitle')}
        extra={
          can('care.manage') && (
            <Button
              icon={<ReloadOutlined />}
              loading={recompute.isPending}
              onClick={run}
              data-testid="segment-recompute"
            >
              {t('segments.recompute')}
            </Button>
          )
        }
      />
      <LoadFailedAlert error={overview.error} />
      {o && (
        <Typography.Paragraph type="secondary" data-testid="segment-computed-on">
          {o.computedOn
            ? `${t('segments.computedOn', { date: o.computedOn })} · ${t('segments.movement', { date: o.since ?? '' })}`
            : t('segments.notYet')}
        </Typography.Paragraph>
      )}
      {o?.computedOn && <ChurnLine churn={o.churn} />}
      <Row gutter={[16, 16]}>
        {(o ? [...o.dimensions, flagsOf(o)] : []).map((d) => (
          <Col key={d.dimension} xs={24} md={12} xl={8}>
            <DimensionCard d={d} picked={picked} onPick={setPicked} />
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 16 }}>
        {picked ? (
          <SegmentCustomers pick={picked} />
        ) : (
          <Typography.Text type="secondary">{t('segments.pick')}</Typography.Text>
        )}
      </div>
    </>
  );
};
