import { useState } from 'react';
import { App, Button, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import { roleNames, type CareRule } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useCareRules, useSaveRule } from './care-api.ts';
import { CallPolicyCard } from './call-policy-card.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { TemplateEditor } from './template-editor.tsx';

const kindColor = { transactional: 'default', care: 'green', marketing: 'orange' } as const;

/** 关怀规则: every rule with its timing, channel and on/off; editors for the rule and its template. */
export const CareRulesPage = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useCareRules();
  const save = useSaveRule();
  const [editing, setEditing] = useState<CareRule | null>(null);
  const [template, setTemplate] = useState<CareRule | null>(null);
  const toggle = (rule: CareRule, enabled: boolean) =>
    save.mutate(
      { key: rule.key, input: { enabled, timing: rule.timing, channel: rule.channel, taskRole: rule.taskRole } },
      { onSuccess: () => void message.success(t('common.saved')) },
    );
  const timing = (r: CareRule) =>
    Object.entries(r.timing)
      .map(([k, v]) => `${t(`care.timing.${k}` as MessageKey)} ${v}`)
      .join('，');
  return (
    <>
      <PageHeader title={t('care.rules.title')} subtitle={t('care.rules.subtitle')} />
      <LoadFailedAlert error={rules.error} />
      <CallPolicyCard />
      <Table<CareRule>
        rowKey="key"
        size="middle"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        pagination={false}
        data-testid="care-rules"
        columns={[
          {
            title: t('care.col.rule'),
            key: 'rule',
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong data-testid={`rule-${r.key}`}>
                  {t(`care.rule.${r.key}` as MessageKey)}
                </Typography.Text>
                <Space size={4}>
                  {r.customized && <Tag color="blue">{t('care.customized')}</Tag>}
                  {!r.sweptHere && <Tag>{t('care.notSwept')}</Tag>}
                </Space>
              </Flex>
            ),
          },
          { title: t('care.col.anchor'), dataIndex: 'anchor', width: 260 },
          { title: t('care.col.timing'), key: 'timing', render: (_, r) => timing(r) },
          {
            title: t('care.col.channel'),
            key: 'channel',
            render: (_, r) => {
              const role = r.taskRole ? `（${roleNames[locale][r.taskRole]}）` : '';
              const channel = t(`care.channel.${r.channel}` as MessageKey);
              // A message that brings a call (win-back's notice and the advisor's call).
              return r.channel !== 'call' && r.taskRole
                ? `${channel} + ${t('care.channel.call')}${role}`
                : `${channel}${role}`;
            },
          },
          {
            title: t('care.col.kind'),
            key: 'kind',
            render: (_, r) => <Tag color={kindColor[r.kind]}>{t(`care.kind.${r.kind}` as MessageKey)}</Tag>,
          },
          {
            title: t('care.col.enabled'),
            key: 'enabled',
            render: (_, r) => (
              <Switch checked={r.enabled} onChange={(on) => toggle(r, on)} data-testid={`rule-toggle-${r.key}`} />
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)} data-testid={`rule-edit-${r.key}`}>
                  {t('common.edit')}
                </Button>
                <Button size="small" onClick={() => setTemplate(r)} data-testid={`rule-template-${r.key}`}>
                  {t('care.editTemplate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RuleEditor rule={editing} onClose={() => setEditing(null)} />
      <TemplateEditor rule={template} onClose={() => setTemplate(null)} />
    </>
  );
};
