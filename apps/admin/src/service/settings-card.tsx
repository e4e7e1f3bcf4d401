import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { bookingSettingsInput, slotLengths, type BookingSettingsInput } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useBookingSettings, useSaveBookingSettings } from './service-api.ts';

const fieldNames = ['slotMinutes', 'bays', 'walkInSharePct', 'onlineSharePct', 'leadMinutes', 'horizonDays'];

/** What one slot holds with these numbers, as the server counts it (enough advisors on duty assumed). */
const Example = ({ values }: { values: Partial<BookingSettingsInput> | undefined }) => {
  const { t } = useI18n();
  const bays = values?.bays ?? 0;
  if (!bays) return null;
  const walkIn = Math.ceil((bays * (values?.walkInSharePct ?? 0)) / 100);
  const online = Math.floor((bays * (values?.onlineSharePct ?? 0)) / 100);
  return (
    <Typography.Paragraph type="secondary" data-testid="setup-example">
      {t('setup.example', { bays, walkIn, online })}
    </Typography.Paragraph>
  );
};

/** 预约产能 of one store: slot length, bays, the two shares, lead time and horizon. */
export const SettingsCard = ({ storeId, canWrite }: { storeId: string; canWrite: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookingSettingsInput>();
  const settings = useBookingSettings(storeId);
  const save = useSaveBookingSettings(storeId);
  const [formError, setFormError] = useState<string | null>(null);
  const values = Form.useWatch([], form);

  useEffect(() => {
    if (!settings.data) return;
    form.resetFields();
    form.setFieldsValue(settings.data);
    setFormError(null);
  }, [settings.data, form]);

  const submit = (v: BookingSettingsInput) => {
    setFormError(null);
    const input = validateWith(form, bookingSettingsInput, v, t);
    if (!input) return;
    save.mutate(input, {
      onSuccess: () => void message.success(t('setup.saved')),
      onError: (error) => setFormError(applyServerError(form, error, fieldNames, t('common.networkError'))),
    });
  };

  const percent = { min: 0, max: 100, precision: 0, suffix: '%', style: { width: '100%' } } as const;
  return (
    <Card
      title={t('setup.capacity')}
      loading={settings.isPending}
      extra={
        canWrite && (
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="setup-save">
            {t('common.save')}
          </Button>
        )
      }
    >
      <LoadFailedAlert error={settings.error} />
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Typography.Paragraph type="secondary">{t('setup.capacityHint')}</Typography.Paragraph>
      <Form<BookingSettingsInput>
        form={form}
        layout="vertical"
        disabled={!canWrite}
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="slotMinutes" label={t('setup.slotMinutes')}>
              <Select
                options={slotLengths.map((n) => ({ value: n, label: t('setup.minutes', { n }) }))}
                data-testid="setup-slot"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="bays" label={t('setup.bays')}>
              <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} data-testid="setup-bays" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="walkInSharePct" label={t('setup.walkInShare')}>
              <InputNumber {...percent} data-testid="setup-walk-in" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="onlineSharePct" label={t('setup.onlineShare')}>
              <InputNumber {...percent} data-testid="setup-online" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadMinutes" label={t('setup.leadMinutes')} tooltip={t('setup.leadHint')}>
              <InputNumber
                min={0}
                max={10_080}
                precision={0}
                suffix={t('setup.leadUnit')}
                style={{ width: '100%' }}
                data-testid="setup-lead"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="horizonDays" label={t('setup.horizonDays')}>
              <InputNumber
                min={1}
                max={180}
                precision={0}
                suffix={t('setup.horizonUnit')}
                style={{ width: '100%' }}
                data-testid="setup-horizon"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Example values={values} />
      {!canWrite && <Typography.Text type="secondary">{t('setup.noPermission')}</Typography.Text>}
    </Card>
  );
};
