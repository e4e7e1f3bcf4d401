import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { StaffBinding } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useDecideBinding } from './bindings-api.ts';

type Values = { reason: string };

/** Declining needs a reason: the owner reads it in the app and in the text message. */
export const RejectModal = ({ binding, onClose }: { binding: StaffBinding | null; onClose: () => void }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const decide = useDecideBinding();
  const open = binding !== null;
  const { form, formError, setFormError } = useModalForm<Values>(open);

  const submit = ({ reason }: Values) => {
    if (!binding) return;
    decide.mutate(
      { id: binding.id, decision: 'rejected', reason },
      {
        onSuccess: () => {
          void message.success(t('bindings.rejected'));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, ['reason'], t('common.networkError'))),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={480}
      title={t('bindings.rejectTitle')}
      okText={t('bindings.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'binding-reject-save' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {binding && (
        <Typography.Paragraph type="secondary">
          {[binding.vehicle.plate, binding.vehicle.brandName, binding.vehicle.seriesName].filter(Boolean).join(' ')}
          {' · '}
          {binding.owner.name ?? binding.owner.phone}
        </Typography.Paragraph>
      )}
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
      >
        <Form.Item
          name="reason"
          label={t('bindings.rejectReason')}
          rules={[{ required: true, whitespace: true, message: t('bindings.rejectReasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('bindings.rejectReasonPlaceholder')}
            data-testid="binding-reject-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
