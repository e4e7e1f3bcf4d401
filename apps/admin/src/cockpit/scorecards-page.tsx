import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { scoreComponents, type ScoreComponent, type Scorecard, type ScoreWeights } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { StoreSelect, useStoreChoice } from '../service/store-select.tsx';
import { useSaveWeights, useScorecards, useScoreItems, useWeights } from './cockpit-api.ts';
import { ItemsDrawer } from './items-drawer.tsx';

const componentLabel = (c: ScoreComponent) => `score.component.${c}` as MessageKey;

/** 员工绩效: a store's advisors' scorecards for a month, ranked; each cell opens what it counted. */
export const ScorecardsPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const { storeId, choose } = useStoreChoice(false);
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const period = month.format('YYYY-MM');
  const cards = useScorecards({ ...(storeId ? { storeId } : {}), period });
  const [open, setOpen] = useState<{ staffId: string; name: string; component: ScoreComponent } | null>(null);
  const items = useScoreItems(open?.staffId ?? null, period, open?.component ?? null);

  const columns: TableColumnsType<Scorecard> = [
    {
      title: t('score.rank'),
      key: 'rank',
      render: (_, c) => (c.rank ? t('score.rankOf', { rank: c.rank, of: c.of }) : '—'),
    },
    { title: t('score.name'), dataIndex: 'name' },
    {
      title: t('score.total'),
      dataIndex: 'total',
      className: 'tabular',
      render: (v: number | null) => <Typography.Text strong>{v ?? t('score.noData')}</Typography.Text>,
    },
    ...scoreComponents.map((component) => ({
      title: `${t(componentLabel(component))} ${cards.data?.items[0]?.lines.find((l) => l.component === component)?.weight ?? ''}%`,
      key: component,
      render: (_: unknown, c: Scorecard) => {
        const l = c.lines.find((x) => x.component === component)!;
        const text =
          l.score === null
            ? t('score.noData')
            : t('score.cell', { score: l.score, num: l.numerator, den: l.denominator });
        return (
          <Typography.Link
            data-testid={`score-${c.name}-${component}`}
            onClick={() => setOpen({ staffId: c.staffId, name: c.name, component })}
          >
            {text}
          </Typography.Link>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('score.title')}
        subtitle={t('score.subtitle')}
        extra={
          <Space wrap>
            <StoreSelect value={storeId} onChange={choose} />
            <DatePicker
              picker="month"
              value={month}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && setMonth(d)}
              aria-label={t('score.period')}
            />
          </Space>
        }
      />
      <LoadFailedAlert error={cards.error} />
      <Card>
        <Table
          rowKey="staffId"
          size="small"
          loading={cards.isPending}
          columns={columns}
          dataSource={cards.data?.items ?? []}
          pagination={false}
          data-testid="scorecards"
        />
        <Typography.Text type="secondary">{t('score.csatHint')}</Typography.Text>
      </Card>
      <WeightsCard editable={can('tenant.settings')} />
      <ItemsDrawer
        title={open ? `${open.name} · ${t(componentLabel(open.component))}` : null}
        items={items.data?.items ?? []}
        truncated={items.data?.truncated ?? false}
        loading={items.isFetching}
        onClose={() => setOpen(null)}
        fileName={`scorecard-${open?.component ?? ''}-${period}.csv`}
      />
    </>
  );
};

const WeightsCard = ({ editable }: { editable: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const weights = useWeights();
  const save = useSaveWeights();
  const [form] = Form.useForm<ScoreWeights>();
  const values = Form.useWatch([], form);
  const sum = scoreComponents.reduce((s, c) => s + (Number(values?.[c]) || 0), 0);
  if (!weights.data) return null;
  return (
    <Card
      style={{ marginTop: 12 }}
      title={t('score.weights') + (weights.data.isDefault ? t('score.weights.default') : '')}
    >
      <Form
        form={form}
        layout="inline"
        initialValues={weights.data.weights}
        disabled={!editable}
        onFinish={(body) =>
          save.mutate(body, {
            onSuccess: () => void message.success(t('score.weights.saved')),
            onError: (e) => void message.error(e.message),
          })
        }
      >
        {scoreComponents.map((c) => (
          <Form.Item key={c} name={c} label={t(componentLabel(c))}>
            <InputNumber min={0} max={100} suffix="%" data-testid={`weight-${c}`} />
          </Form.Item>
        ))}
        {editable && (
          <Form.Item>
            <Space>
              <Typography.Text type={sum === 100 ? 'secondary' : 'danger'}>
                {t('score.weights.sum', { sum })}
              </Typography.Text>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('score.weights.save')}
              </Button>
            </Space>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
};
