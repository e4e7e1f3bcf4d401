import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Modal,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { contactChannels, optOutTopics, type ContactPreferences } from '@m4s/contracts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { useModalForm } from '../lib/use-modal-form.ts';
import { useCan } from '../auth/session.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { TimeSelect } from '../stores/time-select.tsx';
import { useSavePreferences } from './customer-api.ts';
import styles from './customer-360.module.css';

const useTopicName = () => {
  const { t } = useI18n();
  return (topic: string) => {
    const key = `prefs.topic.${topic}`;
    return isMessageKey(key) ? t(key) : topic;
  };
};

type Values = Omit<ContactPreferences, 'quietStart' | 'quietEnd'> & { quietStart?: string; quietEnd?: string };

const PrefsModal = (props: { open: boolean; customerId: string; prefs: ContactPreferences; onClose: () => void }) => {
  const { open, customerId, prefs, onClose } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const topicName = useTopicName();
  const { form, formError, setFormError } = useModalForm<Values>(open);
  const save = useSavePreferences(customerId);

  const submit = (v: Values) => {
    const quietStart = v.quietStart || null;
    const quietEnd = v.quietEnd || null;
    // Half a quiet period means nothing to the reminder scheduler: ask for both ends or none.
    if ((quietStart === null) !== (quietEnd === null)) {
      form.setFields([{ name: quietStart ? 'quietEnd' : 'quietStart', errors: [t('prefs.quietBoth')] }]);
      return;
    }
    save.mutate(
      {
        channels: v.channels,
        quietStart,
        quietEnd,
        topicsOptedOut: v.topicsOptedOut,
        marketingOptOut: v.marketingOptOut,
      },
      {
        onSuccess: () => {
          void message.success(t('prefs.saved'));
          onClose();
        },
        onError: (error) =>
          setFormError(
            applyServerError(
              form,
              error,
              ['channels', 'quietStart', 'quietEnd', 'topicsOptedOut', 'marketingOptOut'],
              t('common.networkError'),
            ),
          ),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('prefs.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'prefs-save' }}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={{ ...prefs, quietStart: prefs.quietStart ?? '', quietEnd: prefs.quietEnd ?? '' }}
      >
        <Form.Item name="channels" label={t('prefs.channels')}>
          <Checkbox.Group
            data-testid="prefs-channels"
            options={contactChannels.map((c) => ({ value: c, label: t(`prefs.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('prefs.quiet')}>
          <Flex gap={8} align="flex-start">
            <Form.Item name="quietStart" noStyle={false} style={{ marginBottom: 0 }}>
              <TimeSelect aria-label={t('prefs.quietFrom')} data-testid="prefs-quiet-start" />
            </Form.Item>
            <span style={{ lineHeight: '32px' }}>–</span>
            <Form.Item name="quietEnd" style={{ marginBottom: 0 }}>
              <TimeSelect aria-label={t('prefs.quietTo')} data-testid="prefs-quiet-end" />
            </Form.Item>
          </Flex>
        </Form.Item>
        {/* The one topic list (contracts' optOutTopics), the same the gate and the owner app use. */}
        <Form.Item name="topicsOptedOut" label={t('prefs.topics')} extra={t('prefs.topicsHint')}>
          <Select
            mode="multiple"
            data-testid="prefs-topics"
            options={optOutTopics.map((topic) => ({ value: topic, label: topicName(topic) }))}
          />
        </Form.Item>
        <Form.Item name="marketingOptOut" label={t('prefs.marketingOptOut')} valuePropName="checked">
          <Switch data-testid="prefs-marketing" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** What the customer accepts: channels, quiet hours, topics they do not want, and marketing. */
export const ContactPrefsCard = ({ customerId, prefs }: { customerId: string; prefs: ContactPreferences }) => {
  const { t } = useI18n();
  const canWrite = useCan()('customer.write');
  const topicName = useTopicName();
  const [open, setOpen] = useState(false);
  const none = (key: 'prefs.quietNone' | 'prefs.topicsNone' | 'prefs.channelsNone') => (
    <Typography.Text type="secondary">{t(key)}</Typography.Text>
  );

  return (
    <Card
      title={t('prefs.title')}
      size="small"
      className={styles.card}
      data-testid="prefs-card"
      extra={
        canWrite && (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setOpen(true)}
            data-testid="prefs-edit"
          >
            {t('prefs.edit')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'channels',
            label: t('prefs.channels'),
            children: prefs.channels.length
              ? prefs.channels.map((c) => <Tag key={c}>{t(`prefs.channel.${c}`)}</Tag>)
              : none('prefs.channelsNone'),
          },
          {
            key: 'quiet',
            label: t('prefs.quiet'),
            children:
              prefs.quietStart && prefs.quietEnd ? `${prefs.quietStart}–${prefs.quietEnd}` : none('prefs.quietNone'),
          },
          {
            key: 'topics',
            label: t('prefs.topics'),
            children: prefs.topicsOptedOut.length
              ? prefs.topicsOptedOut.map((topic) => <Tag key={topic}>{topicName(topic)}</Tag>)
              : none('prefs.topicsNone'),
          },
          {
            key: 'marketing',
            label: t('prefs.marketing'),
            children: (
              <Tag color={prefs.marketingOptOut ? 'red' : 'green'} data-testid="prefs-marketing-state">
                {t(prefs.marketingOptOut ? 'prefs.marketingOut' : 'prefs.marketingIn')}
              </Tag>
            ),
          },
        ]}
      />
      <PrefsModal open={open} customerId={customerId} prefs={prefs} onClose={() => setOpen(false)} />
    </Card>
  );
};
