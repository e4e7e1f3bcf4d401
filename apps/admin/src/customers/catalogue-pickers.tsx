import { Col, Form, InputNumber, Select } from 'antd';
import { fuelTypes, type CarModel } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useBrands, useModels, useSeries } from './vehicle-api.ts';

const search = { optionFilterProp: 'search' } as const;

const fuelMarks: Record<(typeof fuelTypes)[number], string> = {
  petrol: '',
  diesel: '',
  hybrid: 'HEV',
  phev: 'PHEV',
  ev: 'EV',
};

/** 2023款 330TSI 两驱智享版 · PHEV: the model line as the catalogue spells it, with its powertrain when not petrol. */
const modelLabel = (m: CarModel, year: string) =>
  [`${year} ${m.nameZh}`, fuelMarks[m.fuel]].filter(Boolean).join(' · ');

/**
 * Brand → series → model, each list loaded once its parent is chosen. Changing a parent clears its
 * children, so a Passat can never end up under BYD; choosing a model fills in its model year.
 */
export const CataloguePickers = () => {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance();
  const brandId = Form.useWatch<string | null>('brandId', form) ?? null;
  const seriesId = Form.useWatch<string | null>('seriesId', form) ?? null;
  const brands = useBrands();
  const series = useSeries(brandId);
  const models = useModels(seriesId);
  const zh = locale === 'zh-CN';

  return (
    <>
      <Col span={8}>
        <Form.Item name="brandId" label={t('vehicle.brand')}>
          <Select
            allowClear
            showSearch={search}
            loading={brands.isPending}
            data-testid="vehicle-brand"
            onChange={() => form.setFieldsValue({ seriesId: null, modelId: null })}
            options={(brands.data ?? []).map((b) => ({
              value: b.id,
              label: zh ? b.nameZh : b.nameEn,
              search: `${b.initial} ${b.nameZh} ${b.nameEn}`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="seriesId" label={t('vehicle.series')}>
          <Select
            allowClear
            showSearch={search}
            disabled={!brandId}
            placeholder={brandId ? undefined : t('vehicle.pickBrandFirst')}
            loading={series.isFetching}
            data-testid="vehicle-series"
            onChange={() => form.setFieldsValue({ modelId: null })}
            options={(series.data ?? []).map((s) => ({
              value: s.id,
              label: zh ? s.nameZh : s.nameEn,
              search: `${s.nameZh} ${s.nameEn}`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="modelYear" label={t('vehicle.modelYear')}>
          <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} data-testid="vehicle-model-year" />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name="modelId" label={t('vehicle.model')}>
          <Select
            allowClear
            showSearch={search}
            disabled={!seriesId}
            placeholder={seriesId ? undefined : t('vehicle.pickSeriesFirst')}
            loading={models.isFetching}
            data-testid="vehicle-model"
            onChange={(id: string | undefined) => {
              const model = models.data?.find((m) => m.id === id);
              if (model) form.setFieldsValue({ modelYear: model.year });
            }}
            options={(models.data ?? []).map((m) => ({
              value: m.id,
              label: modelLabel(m, t('vehicle.yearStyle', { year: m.year })),
              search: `${m.year} ${m.nameZh}`,
            }))}
          />
        </Form.Item>
      </Col>
    </>
  );
};
