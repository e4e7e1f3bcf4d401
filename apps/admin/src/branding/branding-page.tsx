import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, ColorPicker, Form, Input, Result, Row, Skeleton, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { brandingUpdateBody, type Branding } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { applyServerError, blankToNull, clearChangedErrors, validateWith } from '../lib/form-errors.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { BrandPreview } from './brand-preview.tsx';
import { InstallCard } from './install-card.tsx';
import { LogoField } from './logo-field.tsx';
import { useBranding, useSaveBranding } from './branding-api.ts';

type Values = Omit<Branding, 'dealerHotline' | 'oemHotline'> & { dealerHotline: string; oemHotline: string };

const fieldNames = ['name', 'shortName', 'primaryColor', 'accentColor', 'dealerHotline', 'oemHotline', 'logo'];

const toValues = (b: Branding): Values => ({
  ...b,
  dealerHotline: b.dealerHotline ?? '',
  oemHotline: b.oemHotline ?? '',
});

// The picker hands over a colour object; the API and the preview want "#rrggbb".
const hexFromPicker = (color: { toHexString: () => string }) => color.toHexString().toLowerCase();

export const BrandingPage = () => {
  const { t } = useI18n();
  const can = useCan();
  return can('tenant.brand') ? <BrandingEditor /> : <Result status="403" title={t('common.forbidden')} />;
};

const BrandingEditor = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const branding = useBranding();
  const save = useSaveBranding();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const watched = {
    name: Form.useWatch('name', form) ?? '',
    shortName: Form.useWatch('shortName', form) ?? '',
    primaryColor: Form.useWatch('primaryColor', form) ?? '',
    accentColor: Form.useWatch('accentColor', form) ?? '',
    dealerHotline: Form.useWatch('dealerHotline', form) ?? '',
    oemHotline: Form.useWatch('oemHotline', form) ?? '',
    logo: Form.useWatch('logo', form) ?? null,
  };

  useEffect(() => {
    if (branding.data) form.setFieldsValue(toValues(branding.data));
  }, [branding.data, form]);

  const submit = (v: Values) => {
    setFormError(null);
    const draft = { ...v, dealerHotline: blankToNull(v.dealerHotline), oemHotline: blankToNull(v.oemHotline) };
    const body = validateWith(form, brandingUpdateBody, draft, t);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => void message.success(t('branding.saved')),
      onError: (error) => setFormError(applyServerError(form, error, fieldNames, t('common.networkError'))),
    });
  };

  return (
    <>
      <PageHeader
        title={t('branding.title')}
        subtitle={t('branding.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={save.isPending}
            disabled={!branding.data}
            onClick={() => form.submit()}
            data-testid="branding-save"
          >
            {t('common.save')}
          </Button>
        }
      />
      <LoadFailedAlert error={branding.error} />
      {formError && (
        <Alert type="error" showIcon className="form-alert" title={formError} data-testid="branding-error" />
      )}
      <Row gutter={20}>
        <Col xs={24} xl={14}>
          <Card>
            {branding.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : (
              <Form<Values>
                form={form}
                onValuesChange={(changed: object) => clearChangedErrors(form, changed)}
                layout="vertical"
                onFinish={submit}
              >
                <Row gutter={16}>
                  <Col span={16}>
                    <Form.Item name="name" label={t('branding.name')} rules={[{ required: true, whitespace: true }]}>
                      <Input maxLength={60} data-testid="branding-name" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="shortName"
                      label={t('branding.shortName')}
                      tooltip={t('branding.shortNameHint')}
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input maxLength={12} showCount data-testid="branding-short-name" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="primaryColor" label={t('branding.primaryColor')} getValueFromEvent={hexFromPicker}>
                      <ColorPicker format="hex" disabledAlpha disabledFormat showText data-testid="branding-primary" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="accentColor" label={t('branding.accentColor')} getValueFromEvent={hexFromPicker}>
                      <ColorPicker format="hex" disabledAlpha disabledFormat showText data-testid="branding-accent" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="dealerHotline"
                      label={t('branding.dealerHotline')}
                      extra={t('branding.hotlineHint')}
                    >
                      <Input maxLength={20} placeholder="400-820-8888" data-testid="branding-dealer-hotline" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="oemHotline" label={t('branding.oemHotline')} extra={t('branding.hotlineHint')}>
                      <Input maxLength={20} placeholder="800-820-0000" data-testid="branding-oem-hotline" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="logo" label={t('branding.logo')}>
                  <LogoField />
                </Form.Item>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('branding.preview')}>
            <BrandPreview {...watched} />
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '16px 0 0' }}>
              {t('branding.previewHint')}
            </Typography.Paragraph>
          </Card>
          <InstallCard />
        </Col>
      </Row>
    </>
  );
};
