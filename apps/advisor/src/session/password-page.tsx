import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authRoutes } from '@m4s/contracts';
import { ApiError, api, errorText } from '@m4s/web-kit';
import { Field, SignInLayout } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { staffMeKey } from './staff-session.ts';
import '../sign-in/sign-in.css';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm' | 'form', string>>;

/**
 * An admin reset this member's password: before anything else they replace the temporary one with their
 * own (the server refuses every other screen's requests until then).
 */
export const PasswordPage = () => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.call(authRoutes.staffPassword, { body }),
    onSuccess: () => client.invalidateQueries(),
  });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      currentPassword: values.currentPassword ? undefined : t('password.required'),
      newPassword: values.newPassword.length >= 8 ? undefined : t('password.min'),
      confirm: values.confirm === values.newPassword ? undefined : t('password.mismatch'),
    };
    setErrors(next);
    if (next.currentPassword || next.newPassword || next.confirm) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => void client.invalidateQueries({ queryKey: staffMeKey }),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
            setErrors({ currentPassword: t('password.wrongCurrent') });
            return;
          }
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
          <h1 className="sign-in-title">{t('password.title')}</h1>
          <p className="sign-in-subtitle">{t('password.hint')}</p>
        </>
      }
      onSubmit={onSubmit}
      error={errors.form}
      submitting={change.isPending}
      submitLabel={t('password.submit')}
      footer={t('app.product')}
    >
      <Field
        id="current-password"
        label={t('password.current')}
        data-testid="current-password"
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        error={errors.currentPassword}
        onChange={set('currentPassword')}
      />
      <Field
        id="new-password"
        label={t('password.new')}
        data-testid="new-password"
        type="password"
        autoComplete="new-password"
        value={values.newPassword}
        error={errors.newPassword}
        onChange={set('newPassword')}
      />
      <Field
        id="confirm-password"
        label={t('password.confirm')}
        data-testid="confirm-password"
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        error={errors.confirm}
        onChange={set('confirm')}
      />
    </SignInLayout>
  );
};
