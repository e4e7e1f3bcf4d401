import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { bodyTypes, fuelTypes, type BodyType, type FuelType, type UnlistedValue } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { applyServerError, clearChangedErrors } from '../lib/form-errors.ts';
import { useBrands, useSeries } from '../customers/vehicle-api.ts';
import { useAddModel, useAddSeries, useUnlisted } from './catalogue-api.ts';

type Props = { jobId: string; version: number };

/**
 * 未匹配车型库的值: the brands, series and models an import's file named that the catalogue lacks — each once,
 * with how many rows used it — and 加入车型库 to add a series or model for this dealer group (issue 12).
 */
export const UnlistedValues = ({ jobId, version }: Props) => {
  const { t } = useI18n();
  const can = useCan();
  const unlisted = useUnlisted(jobId, version);
  const [adding, setAdding] = useState<UnlistedValue | null>(null);
  const items = unlisted.data ?? [];
  if (unlisted.isError) return <LoadFailedAlert error={unlisted.error} />;
  if (items.length === 0) return null;

  const columns: TableColumnsType<UnlistedValue> = [
    {
      title: t('unlisted.col.value'),
      dataIndex: 'text',
      render: (text: string) => <Typography.Text code>{text}</Typography.Text>,
    },
    {
      title: t('unlisted.col.field'),
      dataIndex: 'field',
      width: 100,
      className: 'nowrap',
      render: (field: UnlistedValue['field']) => t(`unlisted.field.${field}`),
    },
    {
      title: t('unlisted.col.rows'),
      dataIndex: 'rows',
      width: 100,
      className: 'nowrap tabular',
      render: (rows: number) => t('unlisted.rows', { rows }),
    },
    {
      title: t('common.actions'),
      key: 'add',
      width: 150,
      render: (_: unknown, item) => {
        if (item.listed) return <Tag color="success">{t('unlisted.listed')}</Tag>;
        const why =
          item.field === 'brand' ? t('unlisted.brandOnly') : can('service.setup') ? null : t('unlisted.noRight');
        const button = (
          <Button size="small" disabled={why !== null} onClick={() => setAdding(item)} data-testid="unlisted-add">
            {t('unlisted.add')}
          </Button>
        );
        return why ? <Tooltip title={why}>{button}</Tooltip> : button;
      },
    },
  ];

  return (
    <Card title={t('unlisted.title')} style={{ marginTop: 16 }} data-testid="import-unlisted">
      <Typography.Paragraph type="secondary">{t('unlisted.hint')}</Typography.Paragraph>
      <Table<UnlistedValue>
        rowKey={(i) => `${i.field}\u0001${i.text}`}
        size="small"
        columns={columns}
        dataSource={items}
        loading={unlisted.isFetching}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      />
      <AddToCatalogue item={adding} onClose={() => setAdding(null)} />
    </Card>
  );
};

type Values = {
  brandId: string | null;
  seriesId: string | null;
  nameZh: string;
  nameEn: string;
  bodyType: BodyType;
  year: number | null;
  fuel: FuelType;
  priceYuan: number | null;
};

/** "2023款 1.5L 舒适版" → the model year and the trim, as the import reads them. */
const splitYear = (text: string) => {
  const m = /^(\d{4})\s*款\s*(.+)$/.exec(text.trim());
  return { year: m ? Number(m[1]) : null, trim: (m?.[2] ?? text).trim() };
};

const AddToCatalogue = ({ item, onClose }: { item: UnlistedValue | null; onClose: () => void }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const addSeries = useAddSeries();
  const addModel = useAddModel();
  const brands = useBrands();
  const brandId = Form.useWatch('brandId', form) ?? null;
  const series = useSeries(brandId);
  const isModel = item?.field === 'model';
  const open = item !== null;

  useEffect(() => {
    if (!item) return;
    const { year, trim } = splitYear(item.text);
    form.resetFields();
    form.setFieldsValue({
      brandId: item.brandId,
      seriesId: item.seriesId,
      nameZh: item.field === 'model' ? trim : item.text,
      nameEn: '',
      bodyType: 'suv',
      year,
      fuel: 'ev',
      priceYuan: null,
    });
    setFormError(null);
  }, [item, form]);

  const required = [{ required: true, message: t('unlisted.form.required') }];
  const done = (name: string) => {
    void message.success(t('unlisted.added', { name }));
    onClose();
  };
  const failed = (error: unknown) =>
    setFormError(
      applyServerError(
        form,
        error,
        ['brandId', 'seriesId', 'nameZh', 'nameEn', 'bodyType', 'year', 'fuel'],
        t('common.networkError'),
      ),
    );

  const submit = (v: Values) => {
    if (isModel) {
      addModel.mutate(
        {
          seriesId: v.seriesId ?? '',
          nameZh: v.nameZh,
          year: v.year ?? 0,
          fuel: v.fuel,
          priceFen: Math.round((v.priceYuan ?? 0) * 100),
        },
        { onSuccess: (m) => done(m.nameZh), onError: failed },
      );
    } else {
      addSeries.mutate(
        { brandId: v.brandId ?? '', nameZh: v.nameZh, nameEn: v.nameEn.trim() || null, bodyType: v.bodyType },
        { onSuccess: (s) => done(s.nameZh), onError: failed },
      );
    }
  };

  return (
    <Modal
      open={open}
      width={520}
      title={item && t(isModel ? 'unlisted.form.modelTitle' : 'unlisted.form.seriesTitle', { name: item.text })}
      okText={t('unlisted.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={addSeries.isPending || addModel.isPending}
      okButtonProps={{ 'data-testid': 'unlisted-save' }}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          clearChangedErrors(form, changed);
          if ('brandId' in changed) form.setFieldValue('seriesId', null);
        }}
      >
        <Form.Item name="brandId" label={t('unlisted.form.brand')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={brands.isPending}
            options={(brands.data ?? []).map((b) => ({ value: b.id, label: `${b.nameZh} ${b.nameEn}` }))}
            data-testid="unlisted-brand"
          />
        </Form.Item>
        {isModel && (
          <Form.Item name="seriesId" label={t('unlisted.form.series')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={series.isFetching}
              disabled={!brandId}
              options={(series.data ?? []).map((s) => ({ value: s.id, label: s.nameZh }))}
              data-testid="unlisted-series"
            />
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('unlisted.form.nameZh')} rules={required}>
          <Input maxLength={60} data-testid="unlisted-name" />
        </Form.Item>
        {isModel ? (
          <>
            <Form.Item name="year" label={t('unlisted.form.year')} rules={required}>
              <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="fuel" label={t('unlisted.form.fuel')} rules={required}>
              <Select options={fuelTypes.map((f) => ({ value: f, label: t(`unlisted.fuel.${f}`) }))} />
            </Form.Item>
            <Form.Item name="priceYuan" label={t('unlisted.form.price')} rules={required}>
              <InputNumber min={0.01} max={100_000_000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="nameEn" label={t('unlisted.form.nameEn')}>
              <Input maxLength={60} placeholder={t('common.optional')} />
            </Form.Item>
            <Form.Item name="bodyType" label={t('unlisted.form.bodyType')} rules={required}>
              <Select options={bodyTypes.map((b) => ({ value: b, label: t(`unlisted.body.${b}`) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
};
