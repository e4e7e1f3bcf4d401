import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { webhookEventCatalogue, webhookEventTypes, type WebhookEventType } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { useCreateEndpoint } from './webhooks-api.ts';

type Values = { url: string; description: string; events: WebhookEventType[] };

/** 新建接收地址: the URL, a note, and the events it wants; the answer's secret goes to `onCreated`. */
export const EndpointForm = ({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) => {
  const { t, locale } = useI18n();
  const create = useCreateEndpoint();
  const { form, formError, setFormError } = useModalForm<Values>(open);

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      const made = await create.mutateAsync(values);
      onClose();
      onCreated(made.secret);
    } catch (error) {
      setFormError(applyServerError(form, error, ['url', 'description', 'events'], t('common.networkError')));
    }
  };

  return (
    <Modal
      open={open}
      title={t('webhooks.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ 'data-testid': 'webhook-save' }}
      confirmLoading={create.isPending}
      width={560}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ url: '', description: '', events: [] }}
        onFinish={(v) => void submit(v)}
        data-testid="webhook-form"
      >
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.url.help')}
          rules={[{ required: true, message: t('webhooks.url.required') }]}
        >
          <Input placeholder="https://example.com/m4s/webhook" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('webhooks.events')}
          rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.events.required') }]}
        >
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={webhookEventTypes.map((type) => ({
              value: type,
              label: (
                <span data-testid={`webhook-event-${type}`}>
                  {webhookEventCatalogue[type].label[locale]} <code>{type}</code>
                </span>
              ),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
