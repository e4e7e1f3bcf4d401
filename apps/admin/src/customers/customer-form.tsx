import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { customerInput, type Customer } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useSignedInMe } from '../auth/session.ts';
import { applyServerError, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { useSaveCustomer } from './customer-api.ts';
import { customerFieldNames, toInput, toValues, type CustomerValues } from './customer-form-values.ts';
import { BasicSection, ContactSection } from './customer-form-sections.tsx';
import { OwnerSection, PreferencesSection } from './customer-form-more.tsx';

type Props = {
  open: boolean;
  /** null: a new customer. */
  customer: Customer | null;
  onClose: () => void;
  onSaved?: (saved: Customer) => void;
};

type Failure = { message: string; takenBy: string | null };

/** The customer's whole record in four groups; the drawer stays open on failure with the server's words on the fields. */
export const CustomerFormDrawer = ({ open, customer, onClose, onSaved }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSignedInMe();
  const [form] = Form.useForm<CustomerValues>();
  const [failure, setFailure] = useState<Failure | null>(null);
  const save = useSaveCustomer();
  const homeStore = me.staff.store?.id ?? null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(customer, homeStore));
    setFailure(null);
  }, [open, customer, homeStore, form]);

  const submit = (values: CustomerValues) => {
    setFailure(null);
    const input = validateWith(form, customerInput, toInput(values), t);
    if (!input) return;
    save.mutate(
      { id: customer?.id ?? null, input },
      {
        onSuccess: (saved) => {
          void message.success(t(customer ? 'customer.updated' : 'customer.created', { name: saved.name }));
          onClose();
          onSaved?.(saved);
        },
        onError: (error) => {
          // A phone that belongs to someone else: say whose, so the user can open that record instead.
          const owner = error instanceof ApiError && error.code === 'PHONE_TAKEN' ? error.details?.customerId : null;
          setFailure({
            message: applyServerError(form, error, customerFieldNames, t('common.networkError')),
            takenBy: typeof owner === 'string' && owner !== customer?.id ? owner : null,
          });
        },
      },
    );
  };

  const openTaken = (id: string) => {
    onClose();
    void navigate(`/customers/${id}`);
  };

  return (
    <Drawer
      open={open}
      size={880}
      title={customer ? t('customer.editTitle', { name: customer.name }) : t('customer.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title={failure.message}
          data-testid="customer-form-error"
          action={
            failure.takenBy && (
              <Button size="small" onClick={() => openTaken(failure.takenBy ?? '')} data-testid="customer-open-taken">
                {t('customer.openTaken')}
              </Button>
            )
          }
        />
      )}
      <Form<CustomerValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={toValues(customer, homeStore)}
      >
        <BasicSection />
        <ContactSection />
        <PreferencesSection />
        <OwnerSection />
      </Form>
    </Drawer>
  );
};
