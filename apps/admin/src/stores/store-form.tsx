import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Divider, Drawer, Form, Input, Row, Space, Typography } from 'antd';
import { storeInput, type OpeningHours, type Store, type StoreInput } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError, blankToNull, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { OpeningHoursField } from './opening-hours-field.tsx';
import { defaultOpeningHours, overlappingPeriods, sortedHours } from './opening-hours.ts';
import { useSaveStore } from './store-api.ts';

type Values = {
  code: string;
  name: string;
  brand: string;
  province: string;
  city: string;
  address: string;
  phone: string;
  openingHours: OpeningHours;
};

const fieldNames = ['code', 'name', 'brand', 'province', 'city', 'address', 'phone', 'openingHours'];

const toValues = (store: Store | null): Values => ({
  code: store?.code ?? '',
  name: store?.name ?? '',
  brand: store?.brand ?? '',
  province: store?.province ?? '',
  city: store?.city ?? '',
  address: store?.address ?? '',
  phone: store?.phone ?? '',
  openingHours: store ? structuredClone(store.openingHours) : defaultOpeningHours(),
});

const toInput = (v: Values) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  brand: blankToNull(v.brand),
  province: blankToNull(v.province),
  city: blankToNull(v.city),
  address: v.address.trim(),
  phone: blankToNull(v.phone),
  openingHours: v.openingHours,
});

/** `store` null: a new store. The drawer stays open on failure, with the server's words on the fields. */
export const StoreFormDrawer = ({
  open,
  store,
  onClose,
}: {
  open: boolean;
  store: Store | null;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveStore();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(store));
    setFormError(null);
  }, [open, store, form]);

  const submit = (values: Values) => {
    setFormError(null);
    const input: StoreInput | null = validateWith(form, storeInput, toInput(values), t);
    if (!input) return;
    const overlaps = overlappingPeriods(input.openingHours);
    if (overlaps.length) {
      form.setFields(
        overlaps.map(({ day, index }) => ({
          name: ['openingHours', day, index, 'open'],
          errors: [t('hours.overlap')],
        })),
      );
      return;
    }
    save.mutate(
      { id: store?.id ?? null, input: { ...input, openingHours: sortedHours(input.openingHours) } },
      {
        onSuccess: (saved) => {
          void message.success(t(store ? 'stores.updated' : 'stores.created', { name: saved.name }));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, fieldNames, t('common.networkError'))),
      },
    );
  };

  return (
    <Drawer
      open={open}
      size={760}
      title={store ? t('stores.editTitle', { name: store.name }) : t('stores.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="store-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="store-form-error" />
      )}
      <Form<Values>
        form={form}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        layout="vertical"
        onFinish={submit}
        initialValues={toValues(store)}
      >
        <Divider titlePlacement="start" plain>
          {t('stores.section.basic')}
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('stores.code')} tooltip={t('stores.codeHint')} rules={[{ required: true }]}>
              <Input maxLength={16} placeholder="SH-PD" data-testid="store-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('stores.name')} rules={[{ required: true }]}>
              <Input maxLength={60} data-testid="store-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="brand" label={t('stores.brand')}>
              <Input maxLength={40} data-testid="store-brand" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="province" label={t('stores.province')}>
              <Input maxLength={20} data-testid="store-province" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="city" label={t('stores.city')}>
              <Input maxLength={20} data-testid="store-city" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="address" label={t('stores.address')} rules={[{ required: true }]}>
              <Input maxLength={200} data-testid="store-address" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('stores.phone')}>
              <Input maxLength={20} placeholder="021-12345678" data-testid="store-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('stores.section.hours')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('stores.hoursHint')}</Typography.Paragraph>
        <OpeningHoursField />
      </Form>
    </Drawer>
  );
};
