import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Space } from 'antd';
import type { TelematicsRules } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useRules, useSaveRules } from './telematics-api.ts';

/** 提醒规则: the battery threshold and how long a condition of a car is not raised again. */
export const RulesCard = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rules = useRules();
  const save = useSaveRules();
  const [form] = Form.useForm<TelematicsRules>();
  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data);
  }, [rules.data, form]);

  const submit = async (values: TelematicsRules) => {
    try {
      await save.mutateAsync(values);
      void message.success(t('telematics.rules.saved'));
    } catch (error) {
      const text = applyServerError(
        form,
        error,
        ['batteryLowVolts', 'batteryWindowDays', 'faultWindowDays'],
        t('common.networkError'),
      );
      if (text) void message.error(text);
    }
  };

  return (
    <Card title={t('telematics.rules.title')} style={{ marginBottom: 16 }} loading={rules.isPending}>
      {rules.isError && <Alert type="error" showIcon title={t('common.networkError')} />}
      <Form<TelematicsRules>
        form={form}
        layout="inline"
        onFinish={(v) => void submit(v)}
        data-testid="telematics-rules"
      >
        <Form.Item name="batteryLowVolts" label={t('telematics.rules.battery')} rules={[{ required: true }]}>
          <InputNumber min={9} max={14} step={0.1} addonAfter="V" />
        </Form.Item>
        <Form.Item name="batteryWindowDays" label={t('telematics.rules.batteryWindow')} rules={[{ required: true }]}>
          <InputNumber min={1} max={90} precision={0} addonAfter={t('telematics.rules.days')} />
        </Form.Item>
        <Form.Item name="faultWindowDays" label={t('telematics.rules.faultWindow')} rules={[{ required: true }]}>
          <InputNumber min={1} max={180} precision={0} addonAfter={t('telematics.rules.days')} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
};
