import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import type { CallPolicy } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCallPolicy, useSaveCallPolicy } from './care-api.ts';

const fields = [
  { name: 'queueDays', min: 1, max: 90 },
  { name: 'noAnswerAttempts', min: 1, max: 10 },
  { name: 'dailyLoad', min: 1, max: 500 },
] as const;

/** 回访工作台设置: how long a call stays queued, how many no-answers, each agent's daily target. */
export const CallPolicyCard = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const policy = useCallPolicy();
  const save = useSaveCallPolicy();
  const [form] = Form.useForm<CallPolicy>();
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);
  return (
    <Card title={t('calls.policy.title')} size="small" style={{ marginBottom: 16 }} data-testid="call-policy">
      <Typography.Paragraph type="secondary">{t('calls.policy.hint')}</Typography.Paragraph>
      <Form<CallPolicy>
        form={form}
        layout="inline"
        disabled={!policy.data}
        onFinish={(values) => save.mutate(values, { onSuccess: () => void message.success(t('common.saved')) })}
      >
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(`calls.policy.${f.name}`)} rules={[{ required: true }]}>
            <InputNumber min={f.min} max={f.max} precision={0} data-testid={`call-policy-${f.name}`} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="call-policy-save">
            {t('calls.policy.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
};
