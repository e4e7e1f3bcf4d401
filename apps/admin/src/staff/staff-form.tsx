import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import {
  roleGrants,
  roleNames,
  roles,
  staffCreateBody,
  staffUpdateBody,
  storeBoundRoles,
  type Role,
  type StaffMember,
} from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, blankToNull, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { useSignedInMe } from '../auth/session.ts';
import { useStores } from '../stores/store-api.ts';
import { useCreateStaff, useUpdateStaff } from './staff-api.ts';

type Values = { login: string; name: string; phone: string; role: Role; storeId: string | null; password: string };

const fieldNames = ['login', 'name', 'phone', 'role', 'storeId', 'password'];

const toValues = (member: StaffMember | null, defaultStoreId: string | null): Values => ({
  login: member?.login ?? '',
  name: member?.name ?? '',
  phone: member?.phone ?? '',
  role: member?.role ?? 'service_advisor',
  storeId: member ? member.storeId : defaultStoreId,
  password: '',
});

type Props = { open: boolean; member: StaffMember | null; defaultStoreId: string | null; onClose: () => void };

/** `member` null: a new account (with login and initial password); otherwise its editable fields. */
export const StaffFormModal = ({ open, member, defaultStoreId, onClose }: Props) => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const stores = useStores();
  const me = useSignedInMe();
  // Only a group-wide account may hand out group-wide roles; a store manager staffs their own store.
  const grantable = roleGrants[me.staff.role].scope === 'group' ? roles : storeBoundRoles;
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const role = Form.useWatch('role', form);
  const storeBound = role ? storeBoundRoles.includes(role) : true;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(member, defaultStoreId));
    setFormError(null);
  }, [open, member, defaultStoreId, form]);

  // Group-wide roles have no store: clear it so the body says so instead of keeping a hidden choice.
  useEffect(() => {
    if (role && !storeBoundRoles.includes(role)) form.setFieldValue('storeId', null);
  }, [role, form]);

  const done = (name: string) => {
    void message.success(t(member ? 'staff.updated' : 'staff.created', { name }));
    onClose();
  };
  const failed = (error: Error) => setFormError(applyServerError(form, error, fieldNames, t('common.networkError')));

  const submit = (v: Values) => {
    setFormError(null);
    const common = { name: v.name.trim(), phone: blankToNull(v.phone), role: v.role, storeId: v.storeId ?? null };
    if (member) {
      const body = validateWith(form, staffUpdateBody, common, t);
      if (body) update.mutate({ id: member.id, body }, { onSuccess: (s) => done(s.name), onError: failed });
      return;
    }
    const body = validateWith(form, staffCreateBody, { ...common, login: v.login.trim(), password: v.password }, t);
    if (body) create.mutate(body, { onSuccess: (s) => done(s.name), onError: failed });
  };

  return (
    <Modal
      open={open}
      width={560}
      title={member ? t('staff.editTitle', { name: member.name }) : t('staff.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="staff-form-error" />
      )}
      <Form<Values>
        form={form}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        layout="vertical"
        onFinish={submit}
        initialValues={toValues(member, defaultStoreId)}
      >
        <Form.Item name="login" label={t('staff.login')} tooltip={t('staff.loginHint')} rules={[{ required: !member }]}>
          <Input disabled={!!member} maxLength={32} autoComplete="off" data-testid="staff-login" />
        </Form.Item>
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} data-testid="staff-name-input" />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phone')} extra={t('common.optional')}>
          <Input maxLength={11} inputMode="numeric" data-testid="staff-phone" />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
          <Select
            data-testid="staff-role"
            options={grantable.map((r) => ({ value: r, label: roleNames[locale][r] }))}
          />
        </Form.Item>
        <Form.Item
          name="storeId"
          label={t('staff.store')}
          rules={[{ required: storeBound, message: t('staff.storeRequired') }]}
        >
          <Select
            data-testid="staff-store"
            disabled={!storeBound}
            placeholder={storeBound ? undefined : t('staff.storeGroup')}
            loading={stores.isPending}
            options={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.code}` }))}
          />
        </Form.Item>
        {!member && (
          <Form.Item
            name="password"
            label={t('staff.password')}
            extra={t('staff.passwordHint')}
            rules={[{ required: true }, { min: 8, message: t('field.password') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="staff-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
