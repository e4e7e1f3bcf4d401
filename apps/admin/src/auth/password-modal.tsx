import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authRoutes, type PasswordChangeBody } from '@m4s/contracts';
import { ApiError, api } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';

type Values = PasswordChangeBody & { confirm: string };

type Props = {
  open: boolean;
  onClose: () => void;
  /** An admin reset the password: it must be changed before anything else (it cannot be dismissed). */
  forced?: boolean;
};

export const PasswordModal = ({ open, onClose, forced = false }: Props) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: PasswordChangeBody) => api.call(authRoutes.staffPassword, { body }),
  });

  const close = () => {
    form.resetFields();
    setFormError(null);
    onClose();
  };

  const submit = (values: Values) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.done'));
          close();
          // Who is signed in (no longer bound to change the password) and every page refused meanwhile.
          if (forced) void client.invalidateQueries();
        },
        onError: (error) => {
          // The server says "wrong login or password"; here only the current password can be wrong.
          if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
            form.setFields([{ name: 'currentPassword', errors: [t('password.wrongCurrent')] }]);
            return;
          }
          setFormError(applyServerError(form, error, ['currentPassword', 'newPassword'], t('common.networkError')));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t(forced ? 'password.requiredTitle' : 'password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={forced ? undefined : close}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon title={t('password.requiredHint')} className="form-alert" />}
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.required') },
            { min: 8, message: t('password.min') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
