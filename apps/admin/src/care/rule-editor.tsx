import { useEffect, useState } from 'react';
import { Alert, Form, InputNumber, Modal, Select, Switch } from 'antd';
import {
  roleGrants,
  roleNames,
  roles,
  touchChannels,
  type CareRule,
  type Role,
  type TouchChannel,
} from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useSaveRule } from './care-api.ts';

type Values = { enabled: boolean; channel: TouchChannel; taskRole: Role | null; timing: Record<string, number | null> };

/** Roles whose task list a call can land on. */
const taskRoles = roles.filter(
  (r) => roleGrants[r].permissions.includes('care.tasks') && roleGrants[r].scope !== 'group',
);

/** One rule's on/off, timing fields (the rule's own), channel and — for a call, or a message with a call — the role that makes it. */
export const RuleEditor = ({ rule, onClose }: { rule: CareRule | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSaveRule();
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);
  useEffect(() => {
    if (!rule) return;
    form.resetFields();
    form.setFieldsValue({ enabled: rule.enabled, channel: rule.channel, taskRole: rule.taskRole, timing: rule.timing });
    setError(null);
  }, [rule, form]);
  if (!rule) return null;
  const transactional = rule.kind === 'transactional';
  // A call names the role that makes it; a rule that adds a call to its message (win-back) may name one.
  const withRole = channel === 'call' || rule.followUpCall;
  const submit = (v: Values) => {
    const timing = Object.fromEntries(Object.entries(v.timing).map(([k, n]) => [k, n ?? Number.NaN]));
    save.mutate(
      {
        key: rule.key,
        input: { enabled: v.enabled, channel: v.channel, taskRole: withRole ? (v.taskRole ?? null) : null, timing },
      },
      {
        onSuccess: onClose,
        onError: (e) =>
          setError(applyServerError(form, e, ['timing', 'channel', 'taskRole'], t('common.networkError'))),
      },
    );
  };
  return (
    <Modal
      open
      title={`${t('care.editRule')}：${t(`care.rule.${rule.key}` as MessageKey)}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ color: 'rgba(0,0,0,0.45)' }}>{rule.anchor}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(c: object) => clearChangedErrors(form, c)}>
        <Form.Item name="enabled" label={t('care.enabledField')} valuePropName="checked">
          <Switch data-testid="rule-enabled" />
        </Form.Item>
        {Object.keys(rule.timing).map((field) => (
          <Form.Item key={field} name={['timing', field]} label={t(`care.timing.${field}` as MessageKey)}>
            <InputNumber precision={0} style={{ width: 160 }} data-testid={`rule-timing-${field}`} />
          </Form.Item>
        ))}
        <Form.Item name="channel" label={t('care.channelField')}>
          <Select
            style={{ width: 200 }}
            options={touchChannels
              .filter((c) => !(transactional && c === 'call'))
              .map((c) => ({ value: c, label: t(`care.channel.${c}` as MessageKey) }))}
            data-testid="rule-channel"
          />
        </Form.Item>
        {withRole && (
          <Form.Item
            name="taskRole"
            label={t(channel === 'call' ? 'care.roleField' : 'care.followUpRoleField')}
            extra={channel === 'call' ? undefined : t('care.followUpRoleHelp')}
          >
            <Select
              style={{ width: 200 }}
              allowClear={channel !== 'call'}
              options={taskRoles.map((r) => ({ value: r, label: roleNames[locale][r] }))}
              data-testid="rule-role"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
