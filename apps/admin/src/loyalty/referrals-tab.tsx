import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { referralRoutes as r, type Referral, type ReferralRate, type StaffReferralBody } from '@m4s/contracts';
import { ApiError, api } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useStores } from '../stores/store-api.ts';

const key = ['referrals'] as const;
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** A referred walk-in recorded with the code the person brought (an ineligible one is recorded with why). */
const RecordForm = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const stores = useStores();
  const client = useQueryClient();
  const [form] = Form.useForm<StaffReferralBody>();
  const [error, setError] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (body: StaffReferralBody) => api.call(r.record, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const submit = async (body: StaffReferralBody) => {
    setError(null);
    try {
      const done = await record.mutateAsync({ ...body, channel: 'walk_in', consultantId: null, note: null });
      form.resetFields();
      if (done.status === 'ineligible')
        void message.warning(
          t('referral.recordedIneligible', { reason: t(`referral.reason.${done.reason}` as MessageKey) }),
        );
      else void message.success(t('referral.recorded'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    }
  };
  return (
    <Card size="small" title={t('referral.record')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="inline" onFinish={(v) => void submit(v)} data-testid="referral-record">
        <Form.Item name="code" label={t('referral.code')} rules={[{ required: true }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="name" label={t('referral.name')} rules={[{ required: true }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('referral.phone')} rules={[{ required: true }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="storeId" label={t('referral.store')} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
};

const RateTable = ({ title, rows, testId }: { title: string; rows: ReferralRate[]; testId: string }) => {
  const { t } = useI18n();
  return (
    <Card size="small" title={title}>
      <Table<ReferralRate>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid={testId}
        columns={[
          { title: t('referral.store'), dataIndex: 'name' },
          { title: t('referral.invited'), dataIndex: 'invited', align: 'right' },
          { title: t('referral.visited'), dataIndex: 'visited', align: 'right' },
          { title: t('referral.rewarded'), dataIndex: 'rewarded', align: 'right' },
          { title: t('referral.ineligible'), dataIndex: 'ineligible', align: 'right' },
          { title: t('referral.rate'), dataIndex: 'rate', align: 'right', render: (v: number) => pct(v) },
        ]}
      />
    </Card>
  );
};

/** 会员管理 › 推荐 (docs/referrals.md): the referral rate per store and per consultant, the referrals, a walk-in. */
export const ReferralsTab = () => {
  const { t } = useI18n();
  const report = useQuery({ queryKey: key, queryFn: () => api.call(r.report, { query: { limit: 100 } }) });
  if (!report.data) return <LoadFailedAlert error={report.error} />;
  const { totals, stores, consultants, items } = report.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('referral.totals')} extra={t('referral.rateHint')}>
        <Space size="large" data-testid="referral-totals">
          <Statistic title={t('referral.invited')} value={totals.invited} />
          <Statistic title={t('referral.visited')} value={totals.visited} />
          <Statistic title={t('referral.rewarded')} value={totals.rewarded} />
          <Statistic title={t('referral.ineligible')} value={totals.ineligible} />
          <Statistic title={t('referral.rate')} value={pct(totals.rate)} />
        </Space>
      </Card>
      <RecordForm />
      <RateTable title={t('referral.byStore')} rows={stores} testId="referral-stores" />
      <RateTable title={t('referral.byConsultant')} rows={consultants} testId="referral-consultants" />
      <Card size="small" title={t('referral.list')}>
        <Table<Referral>
          rowKey="id"
          size="small"
          dataSource={items}
          data-testid="referral-items"
          columns={[
            { title: t('referral.referrer'), render: (_, x) => x.referrer.name },
            { title: t('referral.referred'), render: (_, x) => `${x.referredName} ${x.referredPhone}` },
            { title: t('referral.channel'), render: (_, x) => t(`referral.channel.${x.channel}`) },
            { title: t('referral.store'), render: (_, x) => x.store.name },
            { title: t('referral.consultant'), render: (_, x) => x.consultant?.name ?? '—' },
            {
              title: t('referral.status'),
              render: (_, x) => (
                <Tag color={x.status === 'rewarded' ? 'green' : x.status === 'ineligible' ? 'default' : 'blue'}>
                  {x.status === 'ineligible' && x.reason
                    ? t(`referral.reason.${x.reason}`)
                    : t(`referral.status.${x.status}`)}
                </Tag>
              ),
            },
            { title: t('referral.points'), dataIndex: 'rewardPoints', align: 'right' },
            { title: t('referral.at'), render: (_, x) => x.createdAt.slice(0, 10) },
          ]}
        />
      </Card>
    </Space>
  );
};
