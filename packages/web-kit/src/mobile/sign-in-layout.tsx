import type { FormEvent, ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { LanguageSwitch } from './language-switch.tsx';
import { useMobileI18n } from './messages.ts';
import './sign-in-layout.css';

type Props = {
  /** Inside the coloured header, under the language switch: whose sign-in this is. */
  hero: ReactNode;
  onSubmit: (event: FormEvent) => void;
  /** The fields, and whatever the card shows above the error and the button. */
  children: ReactNode;
  /** The form-wide message (the server's, or network trouble), shown above the button. */
  error?: string | undefined;
  submitting: boolean;
  /** Under the button: how to get in, what to do when stuck. */
  notes?: ReactNode;
  /** At the foot of the page; nothing when empty. */
  footer?: ReactNode;
  /** The button's words when the form is not a sign-in (a new password); 登录 otherwise. */
  submitLabel?: string;
};

/**
 * A mobile sign-in page: a coloured header with the language switch, and the form on a card that overlaps
 * it. The apps bring their own header, fields and notes, and their own colours and spacing in CSS.
 */
export const SignInLayout = ({ hero, onSubmit, children, error, submitting, notes, footer, submitLabel }: Props) => {
  const { t } = useMobileI18n();
  return (
    <div className="sign-in">
      <header className="sign-in-hero">
        <div className="sign-in-lang">
          <LanguageSwitch tone="inverse" />
        </div>
        {hero}
      </header>
      <form className="sign-in-card" onSubmit={onSubmit} noValidate>
        {children}
        {error ? (
          <p className="form-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <Button
          type="submit"
          block
          color="primary"
          size="large"
          shape="rounded"
          className="sign-in-submit"
          data-testid="sign-in"
          loading={submitting}
          loadingText={t('signIn.submitting')}
        >
          {submitLabel ?? t('signIn.submit')}
        </Button>
        {notes}
      </form>
      {footer ? <footer className="sign-in-footer">{footer}</footer> : null}
    </div>
  );
};
