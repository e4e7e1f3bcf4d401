import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Popconfirm,
  Result,
  Segmented,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { bindingStatuses, type BindingStatus, type StaffBinding } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { useBindings, useDecideBinding } from './bindings-api.ts';
import { RejectModal } from './reject-modal.tsx';

export const BindingsPage = () => {
  const { t } = useI18n();
  return useCan()('customer.write') ? <BindingReview /> : <Result status="403" title={t('common.forbidden')} />;
};

const statusColors: Record<BindingStatus, string> = {
  pending: 'gold',
  confirmed: 'green',
  rejected: 'red',
  ended: 'default',
};

/** The customer on file for the car, and whether the app account's phone is one of theirs. */
const CustomerCell = ({ b }: { b: StaffBinding }) => {
  const { t } = useI18n();
  if (!b.customer) return <Typography.Text type="secondary">{t('bindings.noCustomer')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      <Link to={`/customers/${b.customer.id}`} title={t('bindings.open360')} data-testid="binding-customer">
        {b.customer.name}
      </Link>
      <Tooltip title={t(b.phoneMatchesCustomer ? 'bindings.phoneMatchHint' : 'bindings.phoneMismatchHint')}>
        <Tag color={b.phoneMatchesCustomer ? 'green' : 'orange'} data-testid="binding-phone-match">
          {t(b.phoneMatchesCustomer ? 'bindings.phoneMatch' : 'bindings.phoneMismatch')}
        </Tag>
      </Tooltip>
    </Space>
  );
};

const BindingReview = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<BindingStatus>('pending');
  const [rejecting, setRejecting] = useState<StaffBinding | null>(null);
  const list = useBindings(status);
  const decide = useDecideBinding();

  const confirm = (b: StaffBinding) =>
    decide.mutateAsync({ id: b.id, decision: 'confirmed', reason: null }).then(
      () => void message.success(t('bindings.confirmed')),
      (error: Error) => void message.error(error.message),
    );

  const columns: TableColumnsType<StaffBinding> = [
    {
      title: t('bindings.col.requestedAt'),
      className: 'nowrap',
      dataIndex: 'requestedAt',
      width: 160,
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('bindings.col.owner'),
      className: 'nowrap',
      key: 'owner',
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{b.owner.name ?? t('bindings.noName')}</Typography.Text>
          <Typography.Text className="tabular" type="secondary">
            {b.owner.phone}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('bindings.col.vehicle'),
      key: 'vehicle',
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{b.vehicle.plate ?? t('common.none')}</Typography.Text>
          <Typography.Text>
            {[b.vehicle.brandName, b.vehicle.seriesName, b.vehicle.modelName].filter(Boolean).join(' ')}
          </Typography.Text>
          <Typography.Text type="secondary" code>
            {b.vehicle.vin}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('bindings.col.customer'), key: 'customer', render: (_, b) => <CustomerCell b={b} /> },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'actions',
          className: 'nowrap',
          render: (_, b) => (
            <Space>
              <Popconfirm
                title={t('bindings.confirmTitle')}
                description={t('bindings.confirmHint')}
                okText={t('bindings.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => confirm(b)}
                okButtonProps={{ 'data-testid': 'binding-confirm-ok' }}
              >
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  data-testid={`binding-confirm-${b.vehicle.plate ?? b.id}`}
                >
                  {t('bindings.confirm')}
                </Button>
              </Popconfirm>
              <Button danger onClick={() => setRejecting(b)} data-testid={`binding-reject-${b.vehicle.plate ?? b.id}`}>
                {t('bindings.reject')}
              </Button>
            </Space>
          ),
        }
      : {
          title: t('bindings.col.decision'),
          key: 'decision',
          render: (_, b) => (
            <Space orientation="vertical" size={0}>
              <Space size={4}>
                <Tag color={statusColors[b.status]}>{t(`bindings.status.${b.status}`)}</Tag>
                {b.decidedByName && (
                  <Typography.Text type="secondary">
                    {t('bindings.decidedBy', { name: b.decidedByName })}
                  </Typography.Text>
                )}
              </Space>
              <Typography.Text type="secondary">{formatDateTime(b.decidedAt, locale)}</Typography.Text>
              {b.reason && <Typography.Text>{b.reason}</Typography.Text>}
            </Space>
          ),
        },
  ];

  return (
    <>
      <PageHeader
        title={t('bindings.title')}
        subtitle={t('bindings.subtitle')}
        extra={
          <Space>
            <Segmented<BindingStatus>
              value={status}
              onChange={setStatus}
              options={bindingStatuses.map((s) => ({ value: s, label: t(`bindings.status.${s}`) }))}
              data-testid="binding-status"
            />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Card>
        <QueryTable<StaffBinding>
          query={list}
          columns={columns}
          emptyText={t(status === 'pending' ? 'bindings.empty.pending' : 'bindings.empty.other')}
          testId="bindings-table"
        />
      </Card>
      <RejectModal binding={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
};
