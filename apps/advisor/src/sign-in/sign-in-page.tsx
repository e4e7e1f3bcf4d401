import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '@m4s/web-kit';
import { Field, SignInLayout } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { lastTenant, useStaffSignIn } from '../session/staff-session.ts';
import './sign-in.css';

const slugPattern = /^[a-z0-9][a-z0-9-]{1,39}$/;

type Errors = {
  tenant?: string | undefined;
  login?: string | undefined;
  password?: string | undefined;
  form?: string | undefined;
};

export const SignInPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [tenant, setTenant] = useState(lastTenant);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const signIn = useStaffSignIn();

  const required = (value: string, field: string) => (value.trim() ? undefined : t('signIn.required', { field }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const slug = tenant.trim().toLowerCase();
    const next: Errors = {
      tenant: required(slug, t('signIn.tenant')) ?? (slugPattern.test(slug) ? undefined : t('signIn.tenantInvalid')),
      login: required(login, t('signIn.login')),
      password: required(password, t('signIn.password')),
    };
    setErrors(next);
    if (next.tenant || next.login || next.password) return;
    signIn.mutate(
      { tenant: slug, login: login.trim(), password },
      {
        onSuccess: () => void navigate('/', { replace: true }),
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ ...fields, form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <SignInLayout
      hero={
        <>
          <span className="product-mark" aria-hidden>
            M4S
          </span>
          <h1 className="sign-in-title">{t('signIn.title')}</h1>
          <p className="sign-in-subtitle">{t('signIn.subtitle')}</p>
        </>
      }
      onSubmit={onSubmit}
      error={errors.form}
      submitting={signIn.isPending}
      notes={
        <>
          <p className="sign-in-note">{t('signIn.tenantHint')}</p>
          <p className="sign-in-note">{t('signIn.forgot')}</p>
        </>
      }
      footer={t('app.product')}
    >
      <Field
        id="tenant"
        label={t('signIn.tenant')}
        data-testid="tenant"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        autoComplete="organization"
        placeholder={t('signIn.tenantPlaceholder')}
        value={tenant}
        error={errors.tenant}
        onChange={(e) => setTenant(e.target.value)}
      />
      <Field
        id="login"
        label={t('signIn.login')}
        data-testid="login"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        autoComplete="username"
        placeholder={t('signIn.loginPlaceholder')}
        value={login}
        error={errors.login}
        onChange={(e) => setLogin(e.target.value)}
      />
      <Field
        id="password"
        label={t('signIn.password')}
        data-testid="password"
        type="password"
        autoComplete="current-password"
        placeholder={t('signIn.passwordPlaceholder')}
        value={password}
        error={errors.password}
        onChange={(e) => setPassword(e.target.value)}
      />
    </SignInLayout>
  );
};
