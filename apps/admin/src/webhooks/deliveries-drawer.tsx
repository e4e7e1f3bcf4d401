import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import {
  webhookEventCatalogue,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
} from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useDeliveries, useDelivery, useReplay } from './webhooks-api.ts';

const statusColor: Record<WebhookDeliveryStatus, string> = {
  pending: 'processing',
  succeeded: 'success',
  failed: 'error',
};

/** One delivery's attempts: when, the answer's status and time, the first 2 KB of its body or the error. */
const AttemptLog = ({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) => {
  const { t, locale } = useI18n();
  const detail = useDelivery(endpointId, deliveryId);
  if (detail.isPending) return <Spin size="small" />;
  if (!detail.data) return null;
  const columns: TableColumnsType<WebhookAttempt> = [
    { title: '#', dataIndex: 'number', width: 48 },
    {
      title: t('webhooks.log.at'),
      dataIndex: 'at',
      className: 'nowrap',
      render: (v: string) => formatDateTime(v, locale),
    },
    {
      title: t('webhooks.log.status'),
      key: 'status',
      className: 'nowrap',
      render: (_, a) =>
        a.statusCode === null ? (
          <Tag color="error">{t('webhooks.log.noAnswer')}</Tag>
        ) : (
          <Tag color={a.statusCode >= 200 && a.statusCode < 300 ? 'success' : 'error'}>{a.statusCode}</Tag>
        ),
    },
    {
      title: t('webhooks.log.duration'),
      dataIndex: 'durationMs',
      className: 'nowrap',
      render: (v: number) => `${v} ms`,
    },
    {
      title: t('webhooks.log.answer'),
      key: 'answer',
      render: (_, a) => (
        <Typography.Text type={a.error ? 'danger' : undefined} style={{ wordBreak: 'break-all' }}>
          {a.manual && <Tag>{t('webhooks.log.manual')}</Tag>}
          {a.error ?? a.responseBody ?? ''}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <Table<WebhookAttempt>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.data.log}
        columns={columns}
        locale={{ emptyText: t('webhooks.log.none') }}
        data-testid="webhook-attempts"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('webhooks.log.body')}
      </Typography.Paragraph>
      <Typography.Paragraph code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
        {detail.data.body}
      </Typography.Paragraph>
    </>
  );
};

/** 推送记录 of one endpoint: each delivery with its status, attempts and last answer; 重发 by hand. */
export const DeliveriesDrawer = ({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const deliveries = useDeliveries(endpoint?.id ?? null);
  const replay = useReplay();
  const [expanded, setExpanded] = useState<string[]>([]);
  if (!endpoint) return null;

  const doReplay = async (d: WebhookDelivery) => {
    try {
      await replay.mutateAsync({ endpointId: endpoint.id, deliveryId: d.id });
      void message.success(t('webhooks.replay.queued'));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common.networkError'));
    }
  };

  const columns: TableColumnsType<WebhookDelivery> = [
    {
      title: t('webhooks.delivery.event'),
      dataIndex: 'eventType',
      render: (type: WebhookDelivery['eventType']) => (
        <span title={type}>{webhookEventCatalogue[type].label[locale]}</span>
      ),
    },
    {
      title: t('webhooks.delivery.status'),
      dataIndex: 'status',
      className: 'nowrap',
      render: (s: WebhookDeliveryStatus) => (
        <Tag color={statusColor[s]} data-testid="webhook-delivery-status">
          {t(`webhooks.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('webhooks.delivery.attempts'), dataIndex: 'attempts', className: 'nowrap' },
    {
      title: t('webhooks.delivery.last'),
      key: 'last',
      className: 'nowrap',
      render: (_, d) =>
        d.attempts === 0
          ? t('common.none')
          : `${d.lastStatusCode ?? t('webhooks.log.noAnswer')} · ${d.lastDurationMs ?? 0} ms`,
    },
    {
      title: t('webhooks.delivery.time'),
      dataIndex: 'createdAt',
      className: 'nowrap',
      render: (v: string, d) => (
        <>
          {formatDateTime(v, locale)}
          {d.nextAttemptAt && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('webhooks.delivery.next', { at: formatDateTime(d.nextAttemptAt, locale) ?? '' })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'nowrap',
      render: (_, d) => (
        <Button
          type="link"
          icon={<RedoOutlined />}
          disabled={!endpoint.enabled}
          onClick={() => void doReplay(d)}
          data-testid="webhook-replay"
        >
          {d.status === 'pending' ? t('webhooks.replay.now') : t('webhooks.replay')}
        </Button>
      ),
    },
  ];

  return (
    <Drawer open size={960} title={t('webhooks.deliveries.title')} onClose={onClose} destroyOnHidden>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('webhooks.url')}>
          <Typography.Text code>{endpoint.url}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {deliveries.data?.length === 0 ? (
        <Empty description={t('webhooks.deliveries.empty')} />
      ) : (
        <QueryTable<WebhookDelivery>
          query={deliveries}
          columns={columns}
          emptyText={t('webhooks.deliveries.empty')}
          testId="webhook-deliveries"
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
            expandedRowRender: (d) => <AttemptLog endpointId={endpoint.id} deliveryId={d.id} />,
          }}
        />
      )}
    </Drawer>
  );
};
