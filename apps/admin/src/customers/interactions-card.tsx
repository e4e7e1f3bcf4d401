import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { interactionChannels, type CustomerOverview } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { applyServerError, blankToNull } from '../lib/form-errors.ts';
import { formatDateTime } from '../lib/format.ts';
import { useAddInteraction } from './customer-api.ts';
import { useNames } from './use-names.ts';
import styles from './customer-360.module.css';

type Interaction = CustomerOverview['interactions'][number];
type Channel = Interaction['channel'];
type Values = { channel: Channel; summary: string; promise: string };

const dotColours: Record<Channel, string> = {
  phone: 'blue',
  visit: 'green',
  sms: 'gray',
  app: 'cyan',
  email: 'gray',
  wechat: 'green',
  other: 'gray',
};

const AddInteractionForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const add = useAddInteraction(customerId);

  const submit = (v: Values) => {
    setFormError(null);
    add.mutate(
      { channel: v.channel, summary: v.summary.trim(), promise: blankToNull(v.promise) },
      {
        onSuccess: () => {
          void message.success(t('interaction.saved'));
          onDone();
        },
        onError: (error) =>
          setFormError(applyServerError(form, error, ['channel', 'summary', 'promise'], t('common.networkError'))),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ channel: 'phone', summary: '', promise: '' }}
      className={styles.interactionForm}
      data-testid="interaction-form"
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form.Item name="channel" label={t('interaction.channel')}>
        <Select
          style={{ width: 160 }}
          data-testid="interaction-channel"
          options={interactionChannels.map((c) => ({ value: c, label: t(`interaction.channel.${c}`) }))}
        />
      </Form.Item>
      <Form.Item name="summary" label={t('interaction.summary')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('interaction.summaryPlaceholder')}
          data-testid="interaction-summary"
        />
      </Form.Item>
      <Form.Item name="promise" label={t('interaction.promise')}>
        <Input maxLength={500} placeholder={t('interaction.promisePlaceholder')} data-testid="interaction-promise" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="interaction-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
};

/** Who said what to the customer, when, by which channel, and what was promised: newest first. */
export const InteractionsCard = ({ customerId, items }: { customerId: string; items: Interaction[] }) => {
  const { t, locale } = useI18n();
  const canWrite = useCan()('customer.write');
  const names = useNames();
  const [adding, setAdding] = useState(false);

  return (
    <Card
      title={t('interaction.title')}
      size="small"
      className={styles.card}
      data-testid="interactions-card"
      extra={
        canWrite &&
        !adding && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="interaction-add">
            {t('interaction.add')}
          </Button>
        )
      }
    >
      {adding && <AddInteractionForm customerId={customerId} onDone={() => setAdding(false)} />}
      {items.length === 0 ? (
        !adding && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('interaction.empty')} />
      ) : (
        <Timeline
          className={styles.timeline}
          data-testid="interaction-timeline"
          items={items.map((i) => ({
            key: i.id,
            color: dotColours[i.channel],
            content: (
              <div data-testid="interaction-item">
                <Flex gap={8} align="center" wrap>
                  <Typography.Text type="secondary" className="tabular">
                    {formatDateTime(i.at, locale)}
                  </Typography.Text>
                  <Tag>{t(`interaction.channel.${i.channel}`)}</Tag>
                  <Typography.Text type="secondary">
                    {i.staffId ? (names.staffName(i.staffId) ?? t('common.none')) : t('interaction.system')}
                  </Typography.Text>
                </Flex>
                <div className={styles.summary}>{i.summary}</div>
                {i.promise && (
                  <div className={styles.promise} data-testid="interaction-promise-text">
                    <Typography.Text strong>
                      {t('interaction.promiseLabel')}
                      {t('common.colon')}
                    </Typography.Text>
                    {i.promise}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
};
