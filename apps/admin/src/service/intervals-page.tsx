import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ServiceIntervalRow, ServiceIntervalValue } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { CreateButton } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useBrands, useSeries } from '../customers/vehicle-api.ts';
import { useIntervals, useRemoveInterval, useSaveInterval } from './intervals-api.ts';

type Values = {
  brandId: string | null;
  seriesId: string | null;
  first: ServiceIntervalValue;
  later: ServiceIntervalValue;
};

const search = { optionFilterProp: 'search' } as const;

/** One row's editor: the brand (and optionally one series), the first and the later interval. */
const IntervalEditor = ({
  item,
  defaults,
  onClose,
}: {
  item: ServiceIntervalRow | 'new';
  defaults: { first: ServiceIntervalValue; later: ServiceIntervalValue };
  onClose: () => void;
}) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSaveInterval();
  const [error, setError] = useState<string | null>(null);
  const brandId = Form.useWatch<string | null>('brandId', form) ?? null;
  const brands = useBrands();
  const series = useSeries(brandId);
  const zh = locale === 'zh-CN';
  useEffect(() => {
    form.setFieldsValue(
      item === 'new'
        ? { brandId: null, seriesId: null, first: defaults.first, later: defaults.later }
        : { brandId: item.brandId, seriesId: item.seriesId, first: item.first, later: item.later },
    );
  }, [item, defaults, form]);
  const submit = (v: Values) =>
    save.mutate(
      { brandId: v.brandId ?? '', seriesId: v.seriesId ?? null, first: v.first, later: v.later },
      {
        onSuccess: onClose,
        onError: (e) =>
          setError(applyServerError(form, e, ['brandId', 'seriesId', 'first', 'later'], t('common.networkError'))),
      },
    );
  const pair = (name: 'first' | 'later') => (
    <Space.Compact>
      <Form.Item name={[name, 'months']} noStyle rules={[{ required: true, message: t('intervals.required') }]}>
        <InputNumber
          min={1}
          max={36}
          precision={0}
          addonAfter={t('intervals.months')}
          data-testid={`interval-${name}-months`}
        />
      </Form.Item>
      <Form.Item name={[name, 'km']} noStyle rules={[{ required: true, message: t('intervals.required') }]}>
        <InputNumber
          min={500}
          max={50000}
          step={500}
          precision={0}
          addonAfter={t('intervals.km')}
          data-testid={`interval-${name}-km`}
        />
      </Form.Item>
    </Space.Compact>
  );
  return (
    <Modal
      open
      title={t(item === 'new' ? 'intervals.create' : 'intervals.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(c: object) => clearChangedErrors(form, c)}>
        <Form.Item
          name="brandId"
          label={t('vehicle.brand')}
          rules={[{ required: true, message: t('intervals.required') }]}
        >
          <Select
            showSearch={search}
            disabled={item !== 'new'}
            loading={brands.isPending}
            data-testid="interval-brand"
            onChange={() => form.setFieldsValue({ seriesId: null })}
            options={(brands.data ?? []).map((b) => ({
              value: b.id,
              label: zh ? b.nameZh : b.nameEn,
              search: `${b.initial} ${b.nameZh} ${b.nameEn}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="seriesId" label={t('intervals.series')} extra={t('intervals.seriesHint')}>
          <Select
            allowClear
            showSearch={search}
            disabled={item !== 'new' || !brandId}
            loading={series.isFetching}
            data-testid="interval-series"
            options={(series.data ?? []).map((s) => ({
              value: s.id,
              label: zh ? s.nameZh : s.nameEn,
              search: `${s.nameZh} ${s.nameEn}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('intervals.first')} extra={t('intervals.firstHint')}>
          {pair('first')}
        </Form.Item>
        <Form.Item label={t('intervals.later')} extra={t('intervals.laterHint')}>
          {pair('later')}
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** 保养间隔: the tenant's maintenance intervals per brand and series; the forecast and the reminders follow them. */
export const IntervalsPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const list = useIntervals();
  const remove = useRemoveInterval();
  const [editing, setEditing] = useState<ServiceIntervalRow | 'new' | null>(null);
  if (!can('service.setup')) return <Result status="403" title={t('common.forbidden')} />;
  const show = (v: ServiceIntervalValue) => t('intervals.value', { months: v.months, km: v.km.toLocaleString() });
  const defaults = list.data?.defaults;
  return (
    <>
      <PageHeader
        title={t('intervals.title')}
        subtitle={t('intervals.subtitle')}
        extra={
          <CreateButton onClick={() => setEditing('new')} testId="interval-create">
            {t('intervals.create')}
          </CreateButton>
        }
      />
      {defaults && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('intervals.defaults', { first: show(defaults.first), later: show(defaults.later) })}
        />
      )}
      <Card>
        <Table<ServiceIntervalRow>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('intervals.empty') }}
          data-testid="intervals-table"
          columns={[
            { title: t('vehicle.brand'), dataIndex: 'brandName', className: 'nowrap' },
            {
              title: t('intervals.series'),
              dataIndex: 'seriesName',
              render: (s: string | null) =>
                s ?? <Typography.Text type="secondary">{t('intervals.wholeBrand')}</Typography.Text>,
            },
            { title: t('intervals.first'), key: 'first', className: 'nowrap', render: (_, r) => show(r.first) },
            { title: t('intervals.later'), key: 'later', className: 'nowrap', render: (_, r) => show(r.later) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 140,
              render: (_, r) => (
                <Space>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setEditing(r)}
                    data-testid={`interval-edit-${r.brandId}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('intervals.removeConfirm')} onConfirm={() => remove.mutate(r.id)}>
                    <Button type="link" size="small" danger>
                      {t('intervals.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && defaults && <IntervalEditor item={editing} defaults={defaults} onClose={() => setEditing(null)} />}
    </>
  );
};
