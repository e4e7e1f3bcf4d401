import type { ChangeEvent } from 'react';
import { Button, Col, Divider, Flex, Form, Input, Radio, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { customerSources, followUpSlots } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

export const Section = ({ title }: { title: string }) => (
  <Divider titlePlacement="start" plain>
    {title}
  </Divider>
);

export const BasicSection = () => {
  const { t } = useI18n();
  const kind = Form.useWatch<'person' | 'organisation' | undefined>('kind');
  const person = kind !== 'organisation';
  return (
    <>
      <Section title={t('customer.section.basic')} />
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="kind" label={t('customer.kind')}>
            <Radio.Group optionType="button" data-testid="customer-kind">
              <Radio value="person">{t('customer.kind.person')}</Radio>
              <Radio value="organisation">{t('customer.kind.organisation')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={person ? 8 : 12}>
          <Form.Item
            name="name"
            label={t(person ? 'customer.name' : 'customer.orgName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} data-testid="customer-name" />
          </Form.Item>
        </Col>
        {person ? (
          <>
            <Col span={8}>
              <Form.Item name="gender" label={t('customer.gender')}>
                <Radio.Group data-testid="customer-gender">
                  <Radio value="male">{t('customer.gender.male')}</Radio>
                  <Radio value="female">{t('customer.gender.female')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="birthday" label={t('customer.birthday')}>
                <Input type="date" max="2100-12-31" data-testid="customer-birthday" />
              </Form.Item>
            </Col>
          </>
        ) : (
          <>
            <Col span={6}>
              <Form.Item name="contactName" label={t('customer.contactName')}>
                <Input maxLength={40} data-testid="customer-contact-name" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="contactTitle" label={t('customer.contactTitle')}>
                <Input maxLength={40} data-testid="customer-contact-title" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={8}>
          <Form.Item name="occupation" label={t(person ? 'customer.occupation' : 'customer.orgIndustry')}>
            <Input maxLength={60} data-testid="customer-occupation" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="idNumber" label={t('customer.idNumber')} tooltip={t('customer.idNumberHint')}>
            <Input maxLength={18} autoComplete="off" data-testid="customer-id-number" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="source" label={t('customer.source')} rules={[{ required: true }]}>
            <Select
              data-testid="customer-source"
              options={customerSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
};

/** One phone row: the first number is marked primary, as the customer's main line. */
const PhoneInput = ({
  primary,
  index,
  ...input
}: {
  primary: boolean;
  index: number;
  value?: string;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
  id?: string;
}) => {
  const { t } = useI18n();
  return (
    <Space.Compact style={{ width: 300 }}>
      {primary && <Space.Addon>{t('customer.primary')}</Space.Addon>}
      <Input maxLength={11} inputMode="numeric" data-testid={`customer-phone-${index}`} {...input} />
    </Space.Compact>
  );
};

export const ContactSection = () => {
  const { t } = useI18n();
  return (
    <>
      <Section title={t('customer.section.contact')} />
      <Form.Item label={t('customer.phones')} extra={t('customer.phonesHint')} required style={{ marginBottom: 12 }}>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={field.name} style={{ marginBottom: 8 }}>
                    <PhoneInput primary={index === 0} index={index} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  )}
                </Flex>
              ))}
              {fields.length < 5 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="customer-add-phone">
                  {t('customer.addPhone')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="email"
            label={t('customer.email')}
            extra={t('customer.emailHint')}
            rules={[{ type: 'email', message: t('customer.emailInvalid') }]}
          >
            <Input type="email" maxLength={254} autoComplete="off" data-testid="customer-email" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('customer.addresses')} style={{ marginBottom: 12 }}>
        <Form.List name="addresses">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8, width: 130 }}>
                    <Select
                      options={(['home', 'work', 'mail'] as const).map((k) => ({
                        value: k,
                        label: t(`customer.address.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} style={{ marginBottom: 8, flex: 1 }}>
                    <Input maxLength={200} placeholder={t('customer.addressText')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'home', text: '' })}>
                {t('customer.addAddress')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name={['secondContact', 'name']} label={t('customer.secondContact')}>
            <Input maxLength={40} placeholder={t('customer.secondName')} data-testid="customer-second-name" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['secondContact', 'phone']} label=" ">
            <Input maxLength={11} inputMode="numeric" placeholder={t('customer.secondPhone')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['secondContact', 'relation']} label=" ">
            <Input maxLength={20} placeholder={t('customer.secondRelation')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="preferredSlot" label={t('customer.preferredSlot')}>
            <Select
              allowClear
              data-testid="customer-slot"
              options={followUpSlots.map((s) => ({ value: s, label: t(`customer.slot.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
};
