import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { vehicleInput, type Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useSignedInMe } from '../auth/session.ts';
import { applyServerError, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { CataloguePickers } from './catalogue-pickers.tsx';
import { Section } from './customer-form-sections.tsx';
import { useNames } from './use-names.ts';
import { warrantyKm } from './vehicle-bits.tsx';
import {
  brandTerms,
  toVehicleInput,
  toVehicleValues,
  vehicleFieldNames,
  type VehicleValues,
} from './vehicle-form-values.ts';
import { useBrands, useSaveVehicle } from './vehicle-api.ts';

type Props = { open: boolean; ownerId: string; vehicle: Vehicle | null; onClose: () => void };

/** Registers a car to this customer (vehicle null) or edits its facts; ownership changes go through 过户. */
export const VehicleFormModal = ({ open, ownerId, vehicle, onClose }: Props) => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const names = useNames();
  const [form] = Form.useForm<VehicleValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const brands = useBrands();
  const save = useSaveVehicle();
  const brandId = Form.useWatch<string | null>('brandId', form);
  const terms = brandTerms(brands.data?.find((b) => b.id === brandId));
  const storeId = me.staff.store?.id ?? null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toVehicleValues(vehicle, brands.data ?? [], storeId));
    setFormError(null);
  }, [open, vehicle, brands.data, storeId, form]);

  const submit = (values: VehicleValues) => {
    setFormError(null);
    const input = validateWith(form, vehicleInput, toVehicleInput(values, vehicle ? vehicle.ownerId : ownerId), t);
    if (!input) return;
    save.mutate(
      { id: vehicle?.id ?? null, input },
      {
        onSuccess: (saved) => {
          void message.success(t(vehicle ? 'vehicle.updated' : 'vehicle.created', { plate: saved.plate ?? saved.vin }));
          onClose();
        },
        onError: (error) => setFormError(applyServerError(form, error, vehicleFieldNames, t('common.networkError'))),
      },
    );
  };

  const date = (name: keyof VehicleValues, label: string, testId: string) => (
    <Col span={8}>
      <Form.Item name={name} label={label}>
        <Input type="date" max="2100-12-31" data-testid={testId} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={open}
      width={780}
      title={vehicle ? t('vehicle.editTitle', { plate: vehicle.plate ?? vehicle.vin }) : t('vehicle.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'vehicle-save' }}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} className="form-alert" data-testid="vehicle-form-error" />
      )}
      <Form<VehicleValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
        initialValues={toVehicleValues(vehicle, brands.data ?? [], storeId)}
      >
        <Section title={t('vehicle.section.identity')} />
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="vin" label={t('vehicle.vin')} tooltip={t('vehicle.vinHint')} rules={[{ required: true }]}>
              <Input
                maxLength={17}
                className="tabular"
                style={{ textTransform: 'uppercase' }}
                data-testid="vehicle-vin-input"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="plate" label={t('vehicle.plate')} tooltip={t('vehicle.plateHint')}>
              <Input maxLength={10} placeholder="沪A12345" data-testid="vehicle-plate-input" />
            </Form.Item>
          </Col>
          <CataloguePickers />
          <Col span={8}>
            <Form.Item name="colour" label={t('vehicle.colour')}>
              <Input maxLength={20} data-testid="vehicle-colour" />
            </Form.Item>
          </Col>
        </Row>
        <Section title={t('vehicle.section.purchase')} />
        <Row gutter={16}>
          {date('purchaseDate', t('vehicle.purchaseDate'), 'vehicle-purchase-date')}
          <Col span={16}>
            <Form.Item name="sellingStoreId" label={t('vehicle.sellingStore')}>
              <Select allowClear options={names.stores.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col span={24} style={{ marginTop: -8, marginBottom: 8, color: 'rgba(0,0,0,0.45)' }}>
            {t('vehicle.warrantyHint', {
              terms: t('vehicle.warrantyTerms', { years: terms.years, km: warrantyKm(terms.km, t, locale) }),
            })}
          </Col>
          <Col span={8}>
            <Form.Item name="warrantyYears" label={t('vehicle.warrantyYears')}>
              <InputNumber min={0} max={20} precision={0} placeholder={String(terms.years)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="warrantyKm" label={t('vehicle.warrantyKm')}>
              <InputNumber
                min={0}
                max={1000000}
                step={10000}
                precision={0}
                placeholder={terms.km === null ? '' : String(terms.km)}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Section title={t('vehicle.section.insurance')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="insurer" label={t('vehicle.insurer')}>
              <Input maxLength={40} data-testid="vehicle-insurer" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="insurancePolicyNo" label={t('vehicle.policyNo')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          {date('insuranceExpiry', t('vehicle.insuranceExpiry'), 'vehicle-insurance-expiry')}
          {date('inspectionDue', t('vehicle.inspectionDue'), 'vehicle-inspection-due')}
        </Row>
        <Form.Item label={t('vehicle.drivers')}>
          <Form.List name="regularDrivers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8, width: 160 }}>
                      <Input maxLength={40} placeholder={t('vehicle.driverName')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'phone']} style={{ marginBottom: 8, width: 200 }}>
                      <Input maxLength={11} inputMode="numeric" placeholder={t('vehicle.driverPhone')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'relation']} style={{ marginBottom: 8, flex: 1 }}>
                      <Input maxLength={20} placeholder={t('vehicle.driverRelation')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                {fields.length < 5 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ name: '', phone: '', relation: '' })}
                  >
                    {t('vehicle.addDriver')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
};
