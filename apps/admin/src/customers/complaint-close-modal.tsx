import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { Complaint } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useCloseComplaint } from './complaint-api.ts';

type Values = { resolution: string };

type Props = { customerId: string; complaint: Complaint | null; onClose: () => void };

/** Closing takes the resolution; the server refuses a complaint closed meanwhile and the alert says so. */
export const ComplaintCloseModal = ({ customerId, complaint, onClose }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const close = useCloseComplaint(customerId);
  const open = complaint !== null;
  const { form, formError, setFormError } = useModalForm<Values>(open, complaint);

  const submit = ({ resolution }: Values) => {
    if (!complaint) return;
    setFormError(null);
    close.mutate(
      { id: complaint.id, body: { resolution: resolution.trim() } },
      {
        onSuccess: () => {
          void message.success(t('complaint.closed'));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, ['resolution'], t('common.networkError'))),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={480}
      title={t('complaint.closeTitle')}
      okText={t('complaint.closeOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={close.isPending}
      okButtonProps={{ 'data-testid': 'complaint-close-save' }}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="complaint-close-error" />
      )}
      {complaint && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {complaint.summary}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={{ resolution: '' }}
      >
        <Form.Item name="resolution" label={t('complaint.resolution')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            autoFocus
            placeholder={t('complaint.resolutionPlaceholder')}
            data-testid="complaint-resolution"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
