import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TelematicsIntegration } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { actionsColumn, CreateButton } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { RulesCard } from './rules-card.tsx';
import { SharedCarsCard } from './shared-cars-card.tsx';
import { useCreateIntegration, useIntegrations, useRevokeIntegration } from './telematics-api.ts';

type Values = { name: string; provider: string };

/** 新建接入: a name and the provider; the answer's key goes to `onCreated` (shown once). */
const IntegrationForm = ({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: string) => void;
}) => {
  const { t } = useI18n();
  const create = useCreateIntegration();
  const { form, formError, setFormError } = useModalForm<Values>(open);
  const submit = async (values: Values) => {
    setFormError(null);
    try {
      const made = await create.mutateAsync(values);
      onClose();
      onCreated(made.key);
    } catch (error) {
      setFormError(applyServerError(form, error, ['name', 'provider'], t('common.networkError')));
    }
  };
  return (
    <Modal
      open={open}
      title={t('telematics.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ 'data-testid': 'telematics-save' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ name: '', provider: '' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('telematics.name')}
          rules={[{ required: true, message: t('telematics.name.required') }]}
        >
          <Input maxLength={60} data-testid="telematics-name" />
        </Form.Item>
        <Form.Item
          name="provider"
          label={t('telematics.provider')}
          rules={[{ required: true, message: t('telematics.provider.required') }]}
        >
          <Input maxLength={60} data-testid="telematics-provider" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** The key, shown this once, with a copy button and how the provider uses it. */
const KeyModal = ({ secret, onClose }: { secret: string | null; onClose: () => void }) => {
  const { t } = useI18n();
  return (
    <Modal
      open={secret !== null}
      title={t('telematics.keyModal.title')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('telematics.keyModal.done')}
      okButtonProps={{ 'data-testid': 'telematics-key-done' }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('telematics.keyModal.once')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret ?? '', tooltips: [t('telematics.keyModal.copy'), t('telematics.keyModal.copied')] }}
        data-testid="telematics-key"
        style={{ wordBreak: 'break-all' }}
      >
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('telematics.keyModal.howTo')}</Typography.Text>
    </Modal>
  );
};

/** 集成 › 车联网: each provider's integration, its key (shown once, revocable) and what it has sent. */
export const TelematicsPage = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const integrations = useIntegrations();
  const revoke = useRevokeIntegration();
  const [creating, setCreating] = useState(false);
  const [key, setKey] = useState<string | null>(null);

  const columns: TableColumnsType<TelematicsIntegration> = [
    {
      title: t('telematics.name'),
      key: 'name',
      render: (_, i) => (
        <>
          <Typography.Text strong>{i.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {i.provider}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('telematics.key'),
      dataIndex: 'keyPrefix',
      render: (prefix: string) => <Typography.Text code>{prefix}</Typography.Text>,
    },
    {
      title: t('telematics.state'),
      key: 'state',
      className: 'nowrap',
      render: (_, i) => (
        <Space direction="vertical" size={2}>
          <Badge
            status={i.active ? 'success' : 'default'}
            text={t(i.active ? 'telematics.active' : 'telematics.revoked')}
          />
          {i.revokedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(i.revokedAt, locale)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('telematics.readings'), dataIndex: 'readings', align: 'right' },
    {
      title: t('telematics.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatDateTime(at, locale) : t('telematics.never')),
    },
    {
      title: t('telematics.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => formatDateTime(at, locale),
    },
    actionsColumn<TelematicsIntegration>(t('common.actions'), 120, (i) =>
      i.active ? (
        <Popconfirm
          title={t('telematics.revoke.confirm')}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            try {
              await revoke.mutateAsync(i.id);
              void message.success(t('telematics.revokedDone'));
            } catch (error) {
              void message.error(error instanceof ApiError ? error.message : t('common.networkError'));
            }
          }}
        >
          <Button type="link" danger data-testid="telematics-revoke">
            {t('telematics.revoke')}
          </Button>
        </Popconfirm>
      ) : null,
    ),
  ];

  return (
    <>
      <PageHeader
        title={t('telematics.title')}
        subtitle={t('telematics.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void integrations.refetch()}>
              {t('common.refresh')}
            </Button>
            <CreateButton onClick={() => setCreating(true)} testId="telematics-create">
              {t('telematics.create')}
            </CreateButton>
          </Space>
        }
      />
      <RulesCard />
      <Card>
        <QueryTable<TelematicsIntegration>
          query={integrations}
          columns={columns}
          emptyText={t('telematics.empty')}
          testId="telematics-integrations"
          scroll={{ x: 900 }}
        />
      </Card>
      <SharedCarsCard />
      <IntegrationForm open={creating} onClose={() => setCreating(false)} onCreated={setKey} />
      <KeyModal secret={key} onClose={() => setKey(null)} />
    </>
  );
};
