import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import {
  complaintCategories,
  complaintCauses,
  complaintChannels,
  complaintClasses,
  complaintKinds,
  complaintSeverities,
  type ComplaintInput,
  type Vehicle,
} from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useOpenComplaint } from './complaint-api.ts';
import { vehicleName } from './vehicle-bits.tsx';

type Values = Required<Omit<ComplaintInput, 'vehicleId'>> & { vehicleId: string | null };

const fields = [
  'kind',
  'category',
  'channel',
  'severity',
  'classification',
  'cause',
  'vehicleId',
  'summary',
  'customerRequest',
] as const;

type Props = { customerId: string; vehicles: Vehicle[]; open: boolean; onClose: () => void };

/**
 * 登记投诉: a complaint or a suggestion, what it is about, where it came in, how serious, the textbook's class and
 * cause when known, which car, what the customer said and what they ask for.
 */
export const ComplaintFormModal = ({ customerId, vehicles, open, onClose }: Props) => {
  const { t } = useI18n();
  const { form, formError, setFormError } = useModalForm<Values>(open);
  const { message } = App.useApp();
  const save = useOpenComplaint(customerId);

  const submit = (v: Values) => {
    setFormError(null);
    save.mutate(
      {
        ...v,
        summary: v.summary.trim(),
        vehicleId: v.vehicleId ?? null,
        classification: v.classification ?? null,
        cause: v.cause ?? null,
        customerRequest: v.customerRequest?.trim() || null,
      },
      {
        onSuccess: () => {
          void message.success(t('complaint.saved'));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, fields, t('common.networkError'))),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={520}
      title={t('complaint.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'complaint-save' }}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="complaint-form-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={{
          kind: 'complaint',
          category: undefined,
          channel: 'phone',
          severity: 'normal',
          classification: null,
          cause: null,
          vehicleId: null,
          summary: '',
          customerRequest: '',
        }}
        data-testid="complaint-form"
      >
        <Form.Item name="kind" label={t('complaint.kindLabel')}>
          <Radio.Group
            optionType="button"
            data-testid="complaint-kind"
            options={complaintKinds.map((k) => ({ value: k, label: t(`complaint.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="category" label={t('complaint.category')} rules={[{ required: true }]}>
          <Select
            data-testid="complaint-category"
            options={complaintCategories.map((c) => ({ value: c, label: t(`complaint.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('complaint.channel')} rules={[{ required: true }]}>
          <Select
            data-testid="complaint-channel"
            options={complaintChannels.map((c) => ({ value: c, label: t(`complaint.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('complaint.severity')} extra={t('complaint.severityHint')}>
          <Radio.Group
            optionType="button"
            data-testid="complaint-severity"
            options={complaintSeverities.map((s) => ({ value: s, label: t(`complaint.severity.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="classification" label={t('complaint.class')}>
          <Select
            allowClear
            data-testid="complaint-class"
            options={complaintClasses.map((c) => ({ value: c, label: t(`complaint.class.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="cause" label={t('complaint.cause')}>
          <Select
            allowClear
            data-testid="complaint-cause"
            options={complaintCauses.map((c) => ({ value: c, label: t(`complaint.cause.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="vehicleId" label={t('complaint.vehicle')}>
          <Select
            allowClear
            placeholder={t('complaint.vehiclePlaceholder')}
            data-testid="complaint-vehicle"
            options={vehicles.map((v) => ({ value: v.id, label: `${v.plate ?? v.vin}  ${vehicleName(v)}` }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('complaint.summary')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            placeholder={t('complaint.summaryPlaceholder')}
            data-testid="complaint-summary"
          />
        </Form.Item>
        <Form.Item name="customerRequest" label={t('complaint.request')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="complaint-request" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
