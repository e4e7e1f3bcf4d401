import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { kpiDefinitions, planStatuses, type KpiPlan, type PlanStatus } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useStaffList } from '../staff/staff-api.ts';
import { useStores } from '../stores/store-api.ts';
import { useCreatePlan, useKpiPlans, useUpdatePlan } from './kpis-api.ts';
import { useKpiText } from './format.ts';

type Values = {
  kpi: string;
  storeId?: string;
  ownerId: string;
  title: string;
  baseline?: number;
  target: number;
  dates: [Dayjs, Dayjs];
  note?: string;
};

/** A new improvement plan (PDCA) for a KPI off target: owner, baseline, target, dates. */
const PlanForm = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useI18n();
  const text = useKpiText();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan();
  const stores = useStores();
  const staff = useStaffList({ storeId: null, q: '' });
  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        kpi: v.kpi,
        storeId: v.storeId ?? me.staff.store?.id ?? null,
        ownerId: v.ownerId,
        title: v.title,
        baseline: v.baseline ?? null,
        target: v.target,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        dueOn: v.dates[1].format('YYYY-MM-DD'),
        note: v.note ?? null,
      });
      form.resetFields();
      onClose();
    } catch (error) {
      const fields = ['kpi', 'storeId', 'ownerId', 'title', 'baseline', 'target', 'dueOn', 'note'] as const;
      const problem = applyServerError(form, error, fields, t('common.networkError'));
      if (problem) void message.error(problem);
    }
  };
  return (
    <Modal
      open={open}
      title={t('kpis.plan.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kpi" label={t('kpis.col.kpi')} rules={[{ required: true }]}>
          <Select options={kpiDefinitions.map((d) => ({ value: d.id, label: text.name(d.id) }))} />
        </Form.Item>
        {!me.staff.store && (
          <Form.Item name="storeId" label={t('kpis.by.store')}>
            <Select allowClear options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        <Form.Item name="ownerId" label={t('kpis.plan.owner')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('kpis.plan.title')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="baseline" label={t('kpis.plan.baseline')}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="target" label={t('kpis.col.target')} rules={[{ required: true }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dates" label={t('kpis.plan.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('kpis.plan.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** The improvement plans, open ones first; the status moves through plan → do → check → act → done. */
export const KpiPlans = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const text = useKpiText();
  const can = useCan();
  const plans = useKpiPlans();
  const update = useUpdatePlan();
  const [open, setOpen] = useState(false);
  const move = async (id: string, status: PlanStatus) => {
    try {
      await update.mutateAsync({ id, status });
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    }
  };
  const columns: TableColumnsType<KpiPlan> = [
    { title: t('kpis.col.kpi'), key: 'kpi', render: (_, p) => text.name(p.kpi) },
    { title: t('kpis.plan.title'), dataIndex: 'title' },
    { title: t('kpis.by.store'), key: 'store', render: (_, p) => p.storeName ?? t('kpis.targets.tenant') },
    { title: t('kpis.plan.owner'), dataIndex: 'ownerName' },
    { title: t('kpis.plan.baseline'), key: 'baseline', render: (_, p) => text.value(p.kpi, p.baseline) },
    { title: t('kpis.col.target'), key: 'target', render: (_, p) => text.value(p.kpi, p.target) },
    { title: t('kpis.plan.dates'), key: 'dates', className: 'tabular', render: (_, p) => `${p.startsOn} – ${p.dueOn}` },
    {
      title: t('kpis.plan.status'),
      key: 'status',
      render: (_, p) =>
        can('kpi.manage') ? (
          <Select
            size="small"
            style={{ width: 130 }}
            value={p.status}
            onChange={(s) => void move(p.id, s)}
            options={planStatuses.map((s) => ({ value: s, label: t(`kpis.plan.${s}`) }))}
          />
        ) : (
          <Tag>{t(`kpis.plan.${p.status}`)}</Tag>
        ),
    },
  ];
  return (
    <>
      {can('kpi.manage') && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('kpis.plan.new')}
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={plans.data ?? []}
        loading={plans.isFetching}
        pagination={false}
      />
      <PlanForm open={open} onClose={() => setOpen(false)} />
    </>
  );
};
