import { DatePicker, Segmented, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../i18n.ts';
import { StoreSelect } from '../service/store-select.tsx';

export type Filters<By extends string> = {
  range: [Dayjs, Dayjs];
  period: 'week' | 'month';
  by: By;
  storeId: string | null;
};

export const day = (d: Dayjs) => d.format('YYYY-MM-DD');
/** This month and the two before it. */
export const defaultRange = (): [Dayjs, Dayjs] => [dayjs().subtract(2, 'month').startOf('month'), dayjs()];

/** The query a filter bar asks for (a store only when one is picked). */
export const queryOf = <By extends string>(f: Filters<By>) => ({
  from: day(f.range[0]),
  to: day(f.range[1]),
  period: f.period,
  by: f.by,
  ...(f.storeId ? { storeId: f.storeId } : {}),
});

/** Period, week / month, the dimension, and the store (a store's own staff see only theirs: the server holds it). */
export const FilterBar = <By extends string>(props: {
  value: Filters<By>;
  onChange: (f: Filters<By>) => void;
  dimensions: readonly By[];
  testId: string;
}) => {
  const { t } = useI18n();
  const f = props.value;
  const set = (patch: Partial<Filters<By>>) => props.onChange({ ...f, ...patch });
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid={props.testId}>
      <StoreSelect value={f.storeId} onChange={(storeId) => set({ storeId })} allowAll />
      <DatePicker.RangePicker
        value={f.range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && set({ range: [v[0], v[1]] })}
      />
      <Segmented
        value={f.period}
        onChange={(period) => set({ period: period as 'week' | 'month' })}
        options={[
          { value: 'month', label: t('indices.period.month') },
          { value: 'week', label: t('indices.period.week') },
        ]}
      />
      <Select
        style={{ minWidth: 140 }}
        value={f.by}
        onChange={(by: By) => set({ by })}
        options={props.dimensions.map((d) => ({ value: d, label: t(`indices.by.${d}` as MessageKey) }))}
        data-testid={`${props.testId}-by`}
      />
    </Space>
  );
};

/** A group's name: the server's label; a service type in words; 未关联 when unknown. */
export const useGroupLabel = () => {
  const { t } = useI18n();
  return (by: string, key: string | null, label: string | null) => {
    if (key === null) return t('indices.unknown');
    if (by === 'service_type') return t(`indices.type.${key}` as MessageKey);
    return label ?? key;
  };
};

export const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
