import { Button, Col, Flex, Form, Input, Row, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { Section } from './customer-form-sections.tsx';
import { useNames } from './use-names.ts';

export const PreferencesSection = () => {
  const { t } = useI18n();
  return (
    <>
      <Section title={t('customer.section.prefs')} />
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item name="tags" label={t('customer.tags')} extra={t('customer.tagsHint')}>
            <Select mode="tags" open={false} suffixIcon={null} data-testid="customer-tags" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="vipLevel" label={t('customer.vipLevel')} tooltip={t('customer.vipLevelHint')}>
            <Input maxLength={20} data-testid="customer-vip" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('customer.preferences')}>
        <Form.List name="preferences">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'key']} style={{ marginBottom: 8, width: 200 }}>
                    <Input maxLength={30} placeholder={t('customer.prefKey')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} style={{ marginBottom: 8, flex: 1 }}>
                    <Input maxLength={200} placeholder={t('customer.prefValue')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
                {t('customer.addPreference')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="malicious"
            label={t('customer.malicious')}
            extra={t('customer.maliciousHint')}
            valuePropName="checked"
          >
            <Switch data-testid="customer-malicious" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="seasonal"
            label={t('customer.seasonal')}
            extra={t('customer.seasonalHint')}
            valuePropName="checked"
          >
            <Switch data-testid="customer-seasonal" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('customer.notes')}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="customer-notes" />
      </Form.Item>
    </>
  );
};

export const OwnerSection = () => {
  const { t } = useI18n();
  const names = useNames();
  const staffOptions = (role: string) =>
    names.staff
      .filter((s) => s.role === role && s.status === 'active')
      .map((s) => ({ value: s.id, label: `${s.name} · ${names.storeName(s.storeId) ?? t('common.none')}` }));
  return (
    <>
      <Section title={t('customer.section.owner')} />
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="homeStoreId" label={t('customer.homeStore')}>
            <Select
              allowClear
              data-testid="customer-home-store"
              options={names.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="salesConsultantId" label={t('customer.salesConsultant')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="customer-sales"
              options={staffOptions('sales_consultant')}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="serviceAdvisorId" label={t('customer.serviceAdvisor')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="customer-advisor"
              options={staffOptions('service_advisor')}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
};
