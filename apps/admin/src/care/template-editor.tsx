import { useEffect, useState } from 'react';
import { Alert, Button, Card, Drawer, Flex, Form, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { touchChannels, type CareRule, type TouchChannel } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyServerError, blankToNull } from '../lib/form-errors.ts';
import { useCustomerOptions, usePreview, useSaveTemplate, useTemplates } from './care-api.ts';

type Values = { subject: string; body: string };

/** A rule's template per channel: edit (each save is a new version), insert variables, preview for a customer. */
export const TemplateEditor = ({ rule, onClose }: { rule: CareRule | null; onClose: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const templates = useTemplates();
  const save = useSaveTemplate();
  const [channel, setChannel] = useState<TouchChannel>('sms');
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const options = useCustomerOptions(q);
  const current = templates.data?.items.find((i) => i.key === rule?.key && i.channel === channel);
  const preview = usePreview(rule?.key ?? '', channel, customerId, current?.version ?? 0);
  useEffect(() => {
    if (rule) setChannel(rule.channel);
  }, [rule]);
  useEffect(() => {
    form.setFieldsValue({ subject: current?.subject ?? '', body: current?.body ?? '' });
    setError(null);
  }, [current, form]);
  if (!rule) return null;
  const insert = (name: string) => form.setFieldValue('body', `${form.getFieldValue('body') ?? ''}{{${name}}}`);
  const submit = (v: Values) =>
    save.mutate(
      { key: rule.key, channel, input: { subject: channel === 'sms' ? null : blankToNull(v.subject), body: v.body } },
      { onError: (e) => setError(applyServerError(form, e, ['subject', 'body'], t('common.networkError'))) },
    );
  return (
    <Drawer
      open
      width={720}
      title={t('care.template.title', { rule: t(`care.rule.${rule.key}` as MessageKey) })}
      onClose={onClose}
    >
      <Flex vertical gap={12}>
        <Space>
          <Typography.Text>{t('care.template.channel')}</Typography.Text>
          <Segmented<TouchChannel>
            value={channel}
            onChange={setChannel}
            options={touchChannels.map((c) => ({ value: c, label: t(`care.channel.${c}` as MessageKey) }))}
          />
          <Tag>
            {current?.version ? t('care.template.version', { version: current.version }) : t('care.template.default')}
          </Tag>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          {channel !== 'sms' && (
            <Form.Item
              name="subject"
              label={t(channel === 'call' ? 'care.template.taskTitle' : 'care.template.subject')}
            >
              <Input maxLength={200} data-testid="template-subject" />
            </Form.Item>
          )}
          <Form.Item name="body" label={t(channel === 'call' ? 'care.template.script' : 'care.template.body')}>
            <Input.TextArea rows={6} maxLength={2000} showCount data-testid="template-body" />
          </Form.Item>
          <Typography.Text type="secondary">{t('care.template.variables')}</Typography.Text>
          <Flex wrap gap={4} style={{ margin: '6px 0 4px' }}>
            {(templates.data?.variables ?? []).map((v) => (
              <Tag key={v} style={{ cursor: 'pointer' }} onClick={() => insert(v)}>{`{{${v}}}`}</Tag>
            ))}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('care.template.snippets')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="template-save">
            {t('care.template.saveVersion')}
          </Button>
        </Form>
        <Card size="small" title={t('care.template.preview')}>
          <Select
            showSearch
            allowClear
            filterOption={false}
            style={{ width: '100%', marginBottom: 12 }}
            placeholder={t('care.template.previewPlaceholder')}
            onSearch={setQ}
            onChange={(v: string | undefined) => setCustomerId(v ?? null)}
            options={(options.data ?? []).map((c) => ({ value: c.id, label: `${c.name} ${c.primaryPhone ?? ''}` }))}
            data-testid="template-preview-customer"
          />
          {preview.data && (
            <div data-testid="template-preview">
              {preview.data.subject && <Typography.Text strong>{preview.data.subject}</Typography.Text>}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>
                {preview.data.body}
              </Typography.Paragraph>
            </div>
          )}
        </Card>
      </Flex>
    </Drawer>
  );
};
