import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { serviceCategories, serviceTypeInput, type ServiceType } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, blankToNull, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { useStores } from '../stores/store-api.ts';
import { useSaveServiceType } from './service-api.ts';

// The form's own shape: prices in yuan (people type 480, not 48000), the store as 'group' for 全集团通用.
type Values = {
  storeId: string;
  code: string;
  name: string;
  category: ServiceType['category'];
  durationMinutes: number;
  priceMin: number;
  priceMax: number;
  bring: string;
  onlineBookable: boolean;
  active: boolean;
  position: number;
};

const group = 'group';
const fieldNames = ['storeId', 'code', 'name', 'category', 'durationMinutes', 'bring', 'position'];

const toValues = (s: ServiceType | null): Values => ({
  storeId: s?.storeId ?? group,
  code: s?.code ?? '',
  name: s?.name ?? '',
  category: s?.category ?? 'maintenance',
  durationMinutes: s?.durationMinutes ?? 60,
  priceMin: (s?.priceMinFen ?? 0) / 100,
  priceMax: (s?.priceMaxFen ?? 0) / 100,
  bring: s?.bring ?? '',
  onlineBookable: s?.onlineBookable ?? true,
  active: s?.active ?? true,
  position: s?.position ?? 0,
});

const toInput = (v: Values) => ({
  storeId: v.storeId === group ? null : v.storeId,
  code: v.code.trim(),
  name: v.name.trim(),
  category: v.category,
  durationMinutes: v.durationMinutes,
  priceMinFen: Math.round((v.priceMin ?? 0) * 100),
  priceMaxFen: Math.round((v.priceMax ?? 0) * 100),
  bring: blankToNull(v.bring),
  onlineBookable: v.onlineBookable,
  active: v.active,
  position: v.position ?? 0,
});

/** `item` null: a new service type. Price fields map back from the fen fields the schema checks. */
export const ServiceTypeDrawer = ({
  open,
  item,
  onClose,
}: {
  open: boolean;
  item: ServiceType | null;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const stores = useStores();
  const save = useSaveServiceType();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(item));
    setFormError(null);
  }, [open, item, form]);

  const submit = (values: Values) => {
    setFormError(null);
    // The schema checks the range on the fen fields; the form shows yuan, so the range is checked here.
    if ((values.priceMax ?? 0) < (values.priceMin ?? 0)) {
      form.setFields([{ name: 'priceMax', errors: [t('field.price_range')] }]);
      return;
    }
    const input = validateWith(form, serviceTypeInput, toInput(values), t);
    if (!input) return;
    save.mutate(
      { id: item?.id ?? null, input },
      {
        onSuccess: (saved) => {
          void message.success(t(item ? 'types.updated' : 'types.created', { name: saved.name }));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, fieldNames, t('common.networkError'))),
      },
    );
  };

  const yuanInput = { min: 0, max: 1_000_000, precision: 2, prefix: '¥', style: { width: '100%' } } as const;
  return (
    <Drawer
      open={open}
      size={640}
      title={item ? t('types.editTitle', { name: item.name }) : t('types.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="type-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {formError && <Alert type="error" showIcon title={formError} className="form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={toValues(item)}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="code" label={t('types.code')} tooltip={t('types.codeHint')} rules={[{ required: true }]}>
              <Input maxLength={32} placeholder="FIRST-SERVICE" data-testid="type-code" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={t('types.name')} rules={[{ required: true }]}>
              <Input maxLength={40} data-testid="type-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="category" label={t('types.category')}>
              <Select
                options={serviceCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                data-testid="type-category"
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="storeId" label={t('types.store')}>
              <Select
                options={[
                  { value: group, label: t('types.groupWide') },
                  ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
                ]}
                data-testid="type-store"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="durationMinutes" label={t('types.duration')}>
              <InputNumber
                min={10}
                max={1440}
                step={10}
                precision={0}
                suffix={t('types.durationUnit')}
                style={{ width: '100%' }}
                data-testid="type-duration"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priceMin" label={t('types.priceMin')}>
              <InputNumber {...yuanInput} data-testid="type-price-min" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priceMax" label={t('types.priceMax')}>
              <InputNumber {...yuanInput} data-testid="type-price-max" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="bring" label={t('types.bring')}>
              <Input maxLength={200} placeholder={t('types.bringPlaceholder')} data-testid="type-bring" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="onlineBookable" label={t('types.online')} valuePropName="checked">
              <Switch data-testid="type-online" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="active" label={t('types.active')} valuePropName="checked">
              <Switch
                checkedChildren={t('types.activeOn')}
                unCheckedChildren={t('types.activeOff')}
                data-testid="type-active"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="position" label={t('types.position')} tooltip={t('types.positionHint')}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
};
