import { useState } from 'react';
import { App, Button, InputNumber, Select, Space, Table, type TableColumnsType } from 'antd';
import { kpiDefinitions, type KpiDefinition } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { useStores } from '../stores/store-api.ts';
import { useKpiTargets, useSetTarget } from './kpis-api.ts';
import { useKpiText } from './format.ts';

/** One KPI's target for the chosen scope: the value in force, an input to change it, and a reset. */
const TargetCell = ({ def, storeId }: { def: KpiDefinition; storeId: string | null }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const targets = useKpiTargets();
  const save = useSetTarget();
  const can = useCan();
  const own = targets.data?.find((x) => x.kpi === def.id && x.storeId === storeId);
  const tenant = targets.data?.find((x) => x.kpi === def.id && x.storeId === null);
  const [value, setValue] = useState<number | null>(null);
  const run = async (target: number | null) => {
    try {
      await save.mutateAsync({ kpi: def.id, storeId, target });
      setValue(null);
      void message.success(t('kpis.targets.saved'));
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    }
  };
  const inForce = own?.target ?? (storeId ? tenant?.target : undefined) ?? def.defaultTarget;
  return (
    <Space>
      <InputNumber
        value={value ?? inForce}
        onChange={(v) => setValue(v)}
        disabled={!can('kpi.manage')}
        data-testid={`target-${def.id}`}
        style={{ width: 120 }}
      />
      <Button size="small" disabled={value === null} loading={save.isPending} onClick={() => void run(value)}>
        {t('common.save')}
      </Button>
      {own && (
        <Button size="small" type="link" onClick={() => void run(null)}>
          {t('kpis.targets.reset')}
        </Button>
      )}
    </Space>
  );
};

/** Targets per tenant and store (seed 002's defaults until changed; every change audited). */
export const KpiTargets = () => {
  const { t } = useI18n();
  const text = useKpiText();
  const me = useSignedInMe();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string | null>(me.staff.store?.id ?? null);
  const columns: TableColumnsType<KpiDefinition> = [
    { title: t('kpis.col.kpi'), key: 'name', render: (_, d) => text.name(d.id) },
    { title: t('kpis.targets.default'), key: 'default', render: (_, d) => text.value(d.id, d.defaultTarget) },
    { title: t('kpis.targets.direction'), key: 'dir', render: (_, d) => t(`kpis.direction.${d.direction}`) },
    {
      title: t('kpis.targets.inForce'),
      key: 'target',
      render: (_, d) => <TargetCell key={`${d.id}|${storeId}`} def={d} storeId={storeId} />,
    },
  ];
  return (
    <>
      <Select
        style={{ width: 240, marginBottom: 12 }}
        value={storeId ?? ''}
        disabled={!!me.staff.store}
        onChange={(v) => setStoreId(v || null)}
        options={[
          { value: '', label: t('kpis.targets.tenant') },
          ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
        ]}
      />
      <Table rowKey="id" size="small" columns={columns} dataSource={[...kpiDefinitions]} pagination={false} />
    </>
  );
};
