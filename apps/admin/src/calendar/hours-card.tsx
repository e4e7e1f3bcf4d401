import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { businessHours, type TenantCalendar } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, validateWith } from '../lib/form-errors.ts';
import { TimeSelect } from '../stores/time-select.tsx';
import { useSetHours } from './calendar-api.ts';

type Values = { start: string; end: string };

/** 工作时间: the office day that "2 business hours" and "1 working day" count on. */
export const HoursCard = ({ calendar }: { calendar: TenantCalendar | undefined }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSetHours();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (calendar) form.setFieldsValue(calendar.businessHours);
  }, [calendar, form]);

  const submit = (v: Values) => {
    setError(null);
    const body = validateWith(form, businessHours, v, t);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => void message.success(t('calendar.hoursSaved')),
      onError: (e) => setError(applyServerError(form, e, ['start', 'end'], t('common.networkError'))),
    });
  };

  return (
    <Card title={t('calendar.hoursTitle')}>
      <Typography.Paragraph type="secondary">{t('calendar.hoursHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Space align="start" size={16}>
          <Form.Item name="start" label={t('calendar.hoursStart')}>
            <TimeSelect aria-label={t('calendar.hoursStart')} data-testid="calendar-hours-start" />
          </Form.Item>
          <Form.Item name="end" label={t('calendar.hoursEnd')}>
            <TimeSelect aria-label={t('calendar.hoursEnd')} data-testid="calendar-hours-end" />
          </Form.Item>
        </Space>
        <div>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={save.isPending}
            disabled={!calendar}
            data-testid="calendar-hours-save"
          >
            {t('common.save')}
          </Button>
        </div>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Card>
  );
};
