import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import type { StaffSignInBody } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { lastTenant, useSignIn } from './session.ts';
import styles from './sign-in-page.module.css';

export const SignInPage = () => {
  const { t } = useI18n();
  const signIn = useSignIn();
  const error = signIn.error;
  const errorText = error instanceof ApiError ? error.message : error ? t('common.networkError') : null;

  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <section className={styles.hero}>
        <div className={styles.logo}>M4S</div>
        <Typography.Title level={2} className={styles.heroTitle}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph className={styles.heroText}>{t('app.tagline')}</Typography.Paragraph>
      </section>
      <Card className={styles.card}>
        <Typography.Title level={3}>{t('signIn.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        <Form<StaffSignInBody>
          layout="vertical"
          size="large"
          requiredMark={false}
          initialValues={{ tenant: lastTenant(), login: '', password: '' }}
          onFinish={(values) => signIn.mutate({ ...values, tenant: values.tenant.trim().toLowerCase() })}
          onValuesChange={() => signIn.reset()}
        >
          <Form.Item
            name="tenant"
            label={t('signIn.tenant')}
            tooltip={t('signIn.tenantHint')}
            rules={[{ required: true, whitespace: true, message: t('signIn.tenantRequired') }]}
          >
            <Input prefix={<ShopOutlined />} autoComplete="organization" data-testid="tenant" />
          </Form.Item>
          <Form.Item
            name="login"
            label={t('signIn.login')}
            rules={[{ required: true, whitespace: true, message: t('signIn.loginRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="sign-in">
            {t('signIn.submit')}
          </Button>
          {errorText && (
            <Alert className={styles.error} type="error" showIcon title={errorText} data-testid="sign-in-error" />
          )}
        </Form>
        <Typography.Paragraph type="secondary" className={styles.footer}>
          {t('signIn.footer')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
};
