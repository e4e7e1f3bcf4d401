import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { mileageSources, type MileageInput, type Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { dayOf, km } from '@m4s/web-kit';
import { useRecordMileage } from './vehicle-api.ts';

type Values = { km: number | null; source: MileageInput['source']; readAt: string };

/** datetime-local gives wall-clock time without a zone; the API wants an instant with its offset. */
const toInstant = (local: string): string | undefined => {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

type Props = { vehicle: Vehicle | null; onClose: () => void };

/** An odometer reading; the server refuses one below an earlier reading and says so on the field. */
export const MileageModal = ({ vehicle, onClose }: Props) => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const record = useRecordMileage();
  const open = vehicle !== null;
  const { form, formError, setFormError } = useModalForm<Values>(open, vehicle);

  const submit = (values: Values) => {
    if (!vehicle || values.km === null) return;
    setFormError(null);
    const readAt = toInstant(values.readAt);
    record.mutate(
      { id: vehicle.id, input: { km: values.km, source: values.source, ...(readAt ? { readAt } : {}) } },
      {
        onSuccess: () => {
          void message.success(t('mileage.saved'));
          onClose();
        },
        onError: (error) =>
          setFormError(applyServerError(form, error, ['km', 'source', 'readAt'], t('common.networkError'))),
      },
    );
  };

  const last = vehicle?.mileage;
  return (
    <Modal
      open={open}
      width={460}
      title={vehicle && t('mileage.title', { plate: vehicle.plate ?? vehicle.vin })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'mileage-save' }}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="mileage-error" />
      )}
      {last?.latestKm != null && last.latestAt && (
        <Typography.Paragraph type="secondary">
          {t('mileage.last', { km: km(last.latestKm, locale), date: dayOf(last.latestAt) })}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={{ km: null, source: 'follow_up', readAt: '' }}
      >
        <Form.Item name="km" label={t('mileage.km')} rules={[{ required: true }]}>
          <InputNumber
            min={0}
            max={2000000}
            precision={0}
            style={{ width: '100%' }}
            suffix="km"
            autoFocus
            data-testid="mileage-km"
          />
        </Form.Item>
        <Form.Item name="source" label={t('mileage.source')}>
          <Select
            data-testid="mileage-source"
            options={mileageSources.map((s) => ({ value: s, label: t(`mileage.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="readAt" label={t('mileage.readAt')} extra={t('mileage.readAtHint')}>
          <Input type="datetime-local" data-testid="mileage-read-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
