import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorText, maskPhone } from '@m4s/web-kit';
import { Field, SignInLayout } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { requestOtp, useOwnerSignIn } from '../session/owner-session.ts';
import { BrandMark } from '../tenant/brand-mark.tsx';
import { useTenant } from '../tenant/tenant-context.tsx';
import { useCountdown } from './use-countdown.ts';
import './sign-in.css';

const phonePattern = /^1[3-9]\d{9}$/;
const codePattern = /^\d{6}$/;
const digits = (value: string, max: number) => value.replace(/\D/g, '').slice(0, max);

type Errors = { phone?: string | undefined; code?: string | undefined; form?: string | undefined };

export const SignInPage = () => {
  const tenant = useTenant();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const countdown = useCountdown();
  const signIn = useOwnerSignIn();

  const showServerError = (error: unknown) => {
    const fields = error instanceof ApiError ? error.fieldErrors() : {};
    const message = errorText(error, t('app.loadFailedHint'));
    const left = error instanceof ApiError ? error.details?.remainingAttempts : undefined;
    setErrors({
      phone: fields.phone,
      code: fields.code,
      form: typeof left === 'number' ? t('signIn.attemptsLeft', { message, count: left }) : message,
    });
  };

  const sendCode = useMutation({
    mutationFn: (to: string) => requestOtp({ tenant: tenant.slug, phone: to }),
    onSuccess: (res, to) => {
      countdown.start(res.resendAfterSeconds);
      setSentTo(to);
      setErrors({});
      codeInput.current?.focus();
    },
    onError: (error) => {
      showServerError(error);
      // "Too frequent" says how long to wait; count that down instead of letting the owner keep tapping.
      const wait = error instanceof ApiError ? error.details?.retryAfterSeconds : undefined;
      if (typeof wait === 'number' && wait > 0) countdown.start(wait);
    },
  });

  const onSendCode = () => {
    if (!phonePattern.test(phone)) return setErrors({ phone: t('signIn.phoneInvalid') });
    sendCode.mutate(phone);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      phone: phonePattern.test(phone) ? undefined : t('signIn.phoneInvalid'),
      code: codePattern.test(code) ? undefined : t('signIn.codeInvalid'),
    };
    setErrors(next);
    if (next.phone || next.code) return;
    signIn.mutate(
      { tenant: tenant.slug, phone, code },
      { onSuccess: () => void navigate('/life', { replace: true }), onError: showServerError },
    );
  };

  const sendLabel = sendCode.isPending
    ? t('signIn.sending')
    : countdown.remaining > 0
      ? t('signIn.resendIn', { seconds: countdown.remaining })
      : sentTo
        ? t('signIn.resend')
        : t('signIn.sendCode');

  return (
    <SignInLayout
      hero={
        <div className="sign-in-brand">
          <span className="sign-in-mark">
            <BrandMark tenant={tenant} size={56} />
          </span>
          <h1 className="sign-in-name" data-testid="tenant-name">
            {tenant.name}
          </h1>
          <p className="sign-in-welcome">{t('signIn.welcome', { name: tenant.shortName })}</p>
          <p className="sign-in-tagline">{t('signIn.tagline')}</p>
        </div>
      }
      onSubmit={onSubmit}
      error={errors.form}
      submitting={signIn.isPending}
      notes={<p className="sign-in-note">{t('signIn.note')}</p>}
      footer={
        tenant.dealerHotline ? (
          <a href={`tel:${tenant.dealerHotline}`}>{t('signIn.hotline', { phone: tenant.dealerHotline })}</a>
        ) : null
      }
    >
      <h2 className="sign-in-title">{t('signIn.title')}</h2>
      <Field
        id="phone"
        label={t('signIn.phone')}
        data-testid="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        placeholder={t('signIn.phonePlaceholder')}
        maxLength={11}
        value={phone}
        error={errors.phone}
        onChange={(e) => setPhone(digits(e.target.value, 11))}
      />
      <Field
        id="code"
        ref={codeInput}
        label={t('signIn.code')}
        data-testid="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        placeholder={t('signIn.codePlaceholder')}
        maxLength={6}
        value={code}
        error={errors.code}
        onChange={(e) => setCode(digits(e.target.value, 6))}
        extra={
          <button
            type="button"
            className="send-code"
            data-testid="send-code"
            disabled={sendCode.isPending || countdown.remaining > 0}
            onClick={onSendCode}
          >
            {sendLabel}
          </button>
        }
      />
      {sentTo && !errors.form ? (
        <p className="sign-in-sent" data-testid="code-sent">
          {t('signIn.codeSent', { phone: maskPhone(sentTo) })}
        </p>
      ) : null}
    </SignInLayout>
  );
};
