import { useState } from 'react';
import { App, Badge, Button, Card, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { webhookEventCatalogue, type WebhookEndpoint } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { actionsColumn, CreateButton } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { DeliveriesDrawer } from './deliveries-drawer.tsx';
import { EndpointForm } from './endpoint-form.tsx';
import { SecretModal } from './secret-modal.tsx';
import { useDeleteEndpoint, useEndpoints, useRotateSecret, useUpdateEndpoint } from './webhooks-api.ts';

/** 集成 › Webhook: the tenant's endpoints, their secrets (shown once), and each one's delivery log. */
export const WebhooksPage = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const endpoints = useEndpoints();
  const update = useUpdateEndpoint();
  const remove = useDeleteEndpoint();
  const rotate = useRotateSecret();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);

  const failed = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : t('common.networkError'));
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      void message.success(done);
    } catch (error) {
      failed(error);
    }
  };

  const columns: TableColumnsType<WebhookEndpoint> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_, e) => (
        <>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Typography.Text>
          {e.description && (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {e.description}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('webhooks.events'),
      dataIndex: 'events',
      render: (events: WebhookEndpoint['events']) => (
        <Space size={[0, 4]} wrap>
          {events.map((type) => (
            <Tag key={type} title={type}>
              {webhookEventCatalogue[type].label[locale]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('webhooks.state'),
      key: 'state',
      className: 'nowrap',
      render: (_, e) => (
        <Space direction="vertical" size={2}>
          <Badge
            status={e.enabled ? 'success' : 'default'}
            text={t(e.enabled ? 'webhooks.enabled' : 'webhooks.disabled')}
          />
          {e.pending > 0 && (
            <Typography.Text type="secondary">{t('webhooks.pending', { n: e.pending })}</Typography.Text>
          )}
          {e.failed > 0 && <Typography.Text type="danger">{t('webhooks.failed', { n: e.failed })}</Typography.Text>}
          {e.previousSecretUntil && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('webhooks.grace', { at: formatDateTime(e.previousSecretUntil, locale) ?? '' })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    actionsColumn<WebhookEndpoint>(t('common.actions'), 330, (e) => (
      <Space size={0} wrap>
        <Button type="link" onClick={() => setLogOf(e.id)} data-testid="webhook-log">
          {t('webhooks.deliveries')}
        </Button>
        <Button
          type="link"
          onClick={() =>
            void act(
              () => update.mutateAsync({ id: e.id, patch: { enabled: !e.enabled } }),
              t(e.enabled ? 'webhooks.disabledDone' : 'webhooks.enabledDone'),
            )
          }
        >
          {t(e.enabled ? 'webhooks.disable' : 'webhooks.enable')}
        </Button>
        <Popconfirm
          title={t('webhooks.rotate.confirm')}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          onConfirm={() =>
            rotate.mutateAsync(e.id).then(
              (r) => setSecret(r.secret),
              (error: unknown) => failed(error),
            )
          }
        >
          <Button type="link">{t('webhooks.rotate')}</Button>
        </Popconfirm>
        <Popconfirm
          title={t('webhooks.delete.confirm')}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          okButtonProps={{ danger: true }}
          onConfirm={() => act(() => remove.mutateAsync(e.id), t('webhooks.deleted'))}
        >
          <Button type="link" danger>
            {t('webhooks.delete')}
          </Button>
        </Popconfirm>
      </Space>
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void endpoints.refetch()}>
              {t('common.refresh')}
            </Button>
            <CreateButton onClick={() => setCreating(true)} testId="webhook-create">
              {t('webhooks.create')}
            </CreateButton>
          </Space>
        }
      />
      <Card>
        <QueryTable<WebhookEndpoint>
          query={endpoints}
          columns={columns}
          emptyText={t('webhooks.empty')}
          testId="webhook-endpoints"
          scroll={{ x: 900 }}
        />
      </Card>
      <EndpointForm open={creating} onClose={() => setCreating(false)} onCreated={setSecret} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <DeliveriesDrawer endpoint={endpoints.data?.find((e) => e.id === logOf) ?? null} onClose={() => setLogOf(null)} />
    </>
  );
};
