import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Select, Space, Table } from 'antd';
import { repairOrderTypes, type LoyaltySettings, type LoyaltyTier } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useSaveSettings, useSettings, useTemplates } from './loyalty-api.ts';

type TierFlag = 'courtesyCar' | 'freeWash' | 'vipLounge';

/** 会员规则: tiers (thresholds, benefits, grace), earn rules, expiry, point value and the adjustment limit. */
export const SettingsTab = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useSettings();
  const save = useSaveSettings();
  const templates = useTemplates();
  const [draft, setDraft] = useState<LoyaltySettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(settings.data ?? null), [settings.data]);
  if (!draft) return <LoadFailedAlert error={settings.error} />;
  const set = (patch: Partial<LoyaltySettings>) => setDraft({ ...draft, ...patch });
  const setTier = (i: number, patch: Partial<LoyaltyTier>) =>
    set({ tiers: draft.tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setBenefit = (i: number, patch: Partial<LoyaltyTier['benefits']>) =>
    setTier(i, { benefits: { ...draft.tiers[i]!.benefits, ...patch } });
  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync(draft);
      void message.success(t('loyalty.saved'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    }
  };
  const num = (value: number | null, fallback = 0) => value ?? fallback;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card title={t('loyalty.tiers')} size="small">
        <Space style={{ marginBottom: 12 }}>
          {t('loyalty.tierBasis')}
          <Select
            value={draft.tierBasis}
            style={{ width: 160 }}
            onChange={(tierBasis) => set({ tierBasis })}
            options={(['either', 'points', 'spend'] as const).map((b) => ({
              value: b,
              label: t(`loyalty.basis.${b}`),
            }))}
          />
          {t('loyalty.graceMonths')}
          <InputNumber min={0} max={12} value={draft.graceMonths} onChange={(v) => set({ graceMonths: num(v) })} />
        </Space>
        <Table<LoyaltyTier>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={draft.tiers}
          columns={[
            { title: t('loyalty.tier'), dataIndex: 'name' },
            {
              title: t('loyalty.minPoints'),
              key: 'p',
              render: (_, x, i) => (
                <InputNumber min={0} value={x.minPoints} onChange={(v) => setTier(i, { minPoints: num(v) })} />
              ),
            },
            {
              title: t('loyalty.minSpend'),
              key: 's',
              render: (_, x, i) => (
                <InputNumber
                  min={0}
                  value={x.minSpendFen / 100}
                  onChange={(v) => setTier(i, { minSpendFen: Math.round(num(v) * 100) })}
                />
              ),
            },
            {
              title: t('loyalty.reservedShare'),
              key: 'r',
              render: (_, x, i) => (
                <InputNumber
                  min={0}
                  max={50}
                  value={Math.round(x.benefits.reservedShare * 100)}
                  onChange={(v) => setBenefit(i, { reservedShare: num(v) / 100 })}
                />
              ),
            },
            {
              title: t('loyalty.benefits'),
              key: 'b',
              render: (_, x, i) =>
                (['courtesyCar', 'freeWash', 'vipLounge'] as TierFlag[]).map((f) => (
                  <Checkbox key={f} checked={x.benefits[f]} onChange={(e) => setBenefit(i, { [f]: e.target.checked })}>
                    {t(`loyalty.benefit.${f}` as MessageKey)}
                  </Checkbox>
                )),
            },
            {
              title: t('loyalty.multiplier'),
              key: 'm',
              render: (_, x, i) => (
                <InputNumber
                  min={1}
                  max={5}
                  step={0.1}
                  value={x.benefits.earnMultiplier}
                  onChange={(v) => setBenefit(i, { earnMultiplier: num(v, 1) })}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('loyalty.earn')} size="small">
        <Form layout="inline">
          {repairOrderTypes.map((type) => (
            <Form.Item key={type} label={t(`loyalty.orderType.${type}` as MessageKey)}>
              <InputNumber
                min={0}
                step={0.5}
                value={draft.earn.repairPerYuan[type]}
                onChange={(v) =>
                  set({ earn: { ...draft.earn, repairPerYuan: { ...draft.earn.repairPerYuan, [type]: num(v) } } })
                }
              />
            </Form.Item>
          ))}
        </Form>
        <Form layout="inline" style={{ marginTop: 12 }}>
          {(['first', 'second', 'later'] as const).map((k) => (
            <Form.Item key={k} label={t(`loyalty.purchase.${k}`)}>
              <InputNumber
                min={0}
                value={draft.earn.purchase[k]}
                onChange={(v) => set({ earn: { ...draft.earn, purchase: { ...draft.earn.purchase, [k]: num(v) } } })}
              />
            </Form.Item>
          ))}
          {(['surveyCompleted', 'birthday', 'referralSuccess', 'eventCheckIn'] as const).map((k) => (
            <Form.Item key={k} label={t(`loyalty.earn.${k}`)}>
              <InputNumber
                min={0}
                value={draft.earn[k]}
                onChange={(v) => set({ earn: { ...draft.earn, [k]: num(v) } })}
              />
            </Form.Item>
          ))}
        </Form>
      </Card>
      <Card title={t('loyalty.policy')} size="small">
        <Form layout="inline">
          <Form.Item label={t('loyalty.expiryMonths')}>
            <InputNumber min={0} max={120} value={draft.expiryMonths} onChange={(v) => set({ expiryMonths: num(v) })} />
          </Form.Item>
          <Form.Item label={t('loyalty.pointValue')}>
            <InputNumber min={1} value={draft.pointValueFen} onChange={(v) => set({ pointValueFen: num(v, 1) })} />
          </Form.Item>
          <Form.Item label={t('loyalty.maxShare')}>
            <InputNumber
              min={0}
              max={100}
              value={Math.round(draft.maxPointsShare * 100)}
              onChange={(v) => set({ maxPointsShare: num(v) / 100 })}
            />
          </Form.Item>
          <Form.Item label={t('loyalty.adjustLimit')}>
            <InputNumber min={0} value={draft.adjustLimit} onChange={(v) => set({ adjustLimit: num(v) })} />
          </Form.Item>
          <Form.Item label={t('referral.coupon')}>
            <Select
              allowClear
              style={{ width: 200 }}
              value={draft.referralTemplateId ?? undefined}
              onChange={(v?: string) => set({ referralTemplateId: v ?? null })}
              options={(templates.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
              data-testid="loyalty-referral-coupon"
            />
          </Form.Item>
          <Form.Item label={t('loyalty.reminderDays')}>
            <InputNumber min={0} max={90} value={draft.reminderDays} onChange={(v) => set({ reminderDays: num(v) })} />
          </Form.Item>
        </Form>
      </Card>
      <Button type="primary" onClick={() => void submit()} loading={save.isPending} data-testid="loyalty-settings-save">
        {t('common.save')}
      </Button>
    </Space>
  );
};
