import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { customersKey, searchCustomers, tooFewDigits } from './customer-api.ts';
import { dayOf } from '@m4s/web-kit';
import { useTransferVehicle } from './vehicle-api.ts';

type Values = { customerId: string | null; date: string };

type Props = { vehicle: Vehicle | null; onClose: () => void };

/** Hands the car to another customer on file; its history stays with the car, the old owner keeps theirs. */
export const TransferModal = ({ vehicle, onClose }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const transfer = useTransferVehicle();
  const open = vehicle !== null;
  const candidates = useQuery({
    queryKey: [...customersKey, 'search', q.trim(), 'transfer'],
    queryFn: () => searchCustomers(q, 20),
    enabled: q.trim().length > 0 && !tooFewDigits(q),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError(null);
    setQ('');
  }, [open, form]);

  const options = (candidates.data ?? [])
    .filter((c) => c.id !== vehicle?.ownerId)
    .map((c) => ({ value: c.id, label: `${c.name}  ${c.primaryPhone ?? ''}`, name: c.name }));

  const submit = (values: Values) => {
    if (!vehicle) return;
    if (!values.customerId) {
      form.setFields([{ name: 'customerId', errors: [t('field.transfer_to')] }]);
      return;
    }
    const name = options.find((o) => o.value === values.customerId)?.name ?? '';
    transfer.mutate(
      { id: vehicle.id, customerId: values.customerId, date: values.date },
      {
        onSuccess: () => {
          void message.success(t('transfer.done', { name }));
          onClose();
        },
        onError: (error) =>
          setFormError(applyServerError(form, error, ['customerId', 'date'], t('common.networkError'))),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={520}
      title={vehicle && t('transfer.title', { plate: vehicle.plate ?? vehicle.vin })}
      okText={t('transfer.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transfer.isPending}
      okButtonProps={{ 'data-testid': 'transfer-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('transfer.hint')}</Typography.Paragraph>
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={{ customerId: null, date: dayOf() }}
      >
        <Form.Item name="customerId" label={t('transfer.to')} required>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('transfer.search')}
            loading={candidates.isFetching}
            notFoundContent={null}
            options={options}
            data-testid="transfer-customer"
          />
        </Form.Item>
        <Form.Item name="date" label={t('transfer.date')} rules={[{ required: true }]}>
          <Input type="date" max={dayOf()} data-testid="transfer-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
