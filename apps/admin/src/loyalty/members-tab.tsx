import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError, yuan } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useAdjust, useMember, useMembers, useSettings, type MemberFilter } from './loyalty-api.ts';

type Row = {
  customerId: string;
  name: string;
  tierName: string;
  balance: number;
  points12m: number;
  expiringPoints: number;
  graceUntil: string | null;
};

/** One member: tier and benefits (what the advisor honours), coupons, ledger, and an adjustment with its reason. */
const MemberDrawer = ({ customerId, onClose }: { customerId: string | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const member = useMember(customerId);
  const adjust = useAdjust();
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const m = member.data;
  const submit = async (v: { points: number; reason: string }) => {
    if (!customerId) return;
    setError(null);
    try {
      await adjust.mutateAsync({ customerId, ...v });
      form.resetFields();
      void message.success(t('loyalty.adjusted'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    }
  };
  return (
    <Drawer open={customerId !== null} onClose={onClose} width={640} title={m?.customerName ?? ''} destroyOnHidden>
      <LoadFailedAlert error={member.error} />
      {m && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('loyalty.tier')}>
              <Tag color="gold" data-testid="member-tier">
                {m.tier.name}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('loyalty.balance')}>
              <span data-testid="member-balance">{m.balance}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('loyalty.points12m')}>{m.points12m}</Descriptions.Item>
            <Descriptions.Item label={t('loyalty.spend12m')}>{yuan(m.spend12mFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('loyalty.benefits')} span={2}>
              {(['courtesyCar', 'freeWash', 'vipLounge'] as const)
                .filter((b) => m.tier.benefits[b])
                .map((b) => (
                  <Tag key={b}>{t(`loyalty.benefit.${b}` as MessageKey)}</Tag>
                ))}
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('loyalty.coupons')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.coupons}
            columns={[
              { title: t('loyalty.template.name'), dataIndex: 'name' },
              { title: t('loyalty.coupon.code'), dataIndex: 'code' },
              {
                title: t('loyalty.coupon.status'),
                dataIndex: 'status',
                render: (s: string) => t(`loyalty.status.${s}` as MessageKey),
              },
              { title: t('loyalty.coupon.validUntil'), dataIndex: 'validUntil' },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('loyalty.ledger')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={m.ledger}
            columns={[
              { title: t('loyalty.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
              {
                title: t('loyalty.kind'),
                dataIndex: 'kind',
                render: (k: string) => t(`loyalty.kind.${k}` as MessageKey),
              },
              { title: t('loyalty.points'), dataIndex: 'points', align: 'right' },
              { title: t('loyalty.balance'), dataIndex: 'balanceAfter', align: 'right' },
              { title: t('loyalty.store'), dataIndex: 'storeName' },
              { title: t('loyalty.note'), dataIndex: 'note' },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('loyalty.adjust')}</h4>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
            <Form.Item name="points" rules={[{ required: true, message: t('loyalty.adjust.points') }]}>
              <InputNumber placeholder={t('loyalty.adjust.points')} data-testid="adjust-points" />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true, min: 2, message: t('loyalty.adjust.reason') }]}>
              <Input placeholder={t('loyalty.adjust.reason')} maxLength={200} data-testid="adjust-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={adjust.isPending} data-testid="adjust-save">
              {t('loyalty.adjust')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
};

/** 会员列表: by tier, points and points expiring soon. */
export const MembersTab = () => {
  const { t } = useI18n();
  const settings = useSettings();
  const [filter, setFilter] = useState<MemberFilter>({ page: 1 });
  const [open, setOpen] = useState<string | null>(null);
  const members = useMembers(filter);
  const columns: TableColumnsType<Row> = [
    { title: t('loyalty.member'), dataIndex: 'name' },
    { title: t('loyalty.tier'), dataIndex: 'tierName' },
    { title: t('loyalty.balance'), dataIndex: 'balance', align: 'right' },
    { title: t('loyalty.points12m'), dataIndex: 'points12m', align: 'right' },
    { title: t('loyalty.expiringPoints'), dataIndex: 'expiringPoints', align: 'right' },
    { title: t('loyalty.grace'), dataIndex: 'graceUntil' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('loyalty.tier')}
          style={{ width: 140 }}
          options={(settings.data?.tiers ?? []).map((x) => ({ value: x.code, label: x.name }))}
          onChange={(tier?: string) => setFilter((f) => ({ ...f, tier, page: 1 }))}
          data-testid="members-tier"
        />
        <InputNumber
          min={0}
          placeholder={t('loyalty.minPoints')}
          style={{ width: 160 }}
          onChange={(v) => setFilter((f) => ({ ...f, minPoints: v ?? undefined, page: 1 }))}
        />
        <Select
          allowClear
          placeholder={t('loyalty.expiringWithin')}
          style={{ width: 180 }}
          options={[30, 60, 90].map((d) => ({ value: d, label: t('loyalty.expiringDays', { days: d }) }))}
          onChange={(expiringDays?: number) => setFilter((f) => ({ ...f, expiringDays, page: 1 }))}
        />
      </Space>
      <LoadFailedAlert error={members.error} />
      <Table<Row>
        rowKey="customerId"
        size="middle"
        loading={members.isFetching}
        dataSource={members.data?.items}
        columns={columns}
        onRow={(r) => ({ onClick: () => setOpen(r.customerId), style: { cursor: 'pointer' } })}
        pagination={{
          current: filter.page,
          pageSize: members.data?.pageSize ?? 50,
          total: members.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => setFilter((f) => ({ ...f, page })),
        }}
        locale={{ emptyText: t('loyalty.noMembers') }}
        data-testid="loyalty-members"
      />
      <MemberDrawer customerId={open} onClose={() => setOpen(null)} />
    </>
  );
};
