import type { FormEvent, ReactNode } from 'react';
import { Button, Popup } from 'antd-mobile';
import { useI18n } from '../i18n.ts';
import './sheets.css';

type Props = {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitting: boolean;
  error?: string | null | undefined;
  testId: string;
  /** The button's text when it is more than a save (确认接车, 确认交车). */
  submitLabel?: string;
  children: ReactNode;
};

/** A bottom sheet with a form: thumb-reachable on a phone, the page behind stays in place. */
export const Sheet = ({ open, title, onClose, onSubmit, submitting, error, testId, submitLabel, children }: Props) => {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName="sheet" destroyOnClose>
      <form onSubmit={submit} data-testid={testId} noValidate>
        <div className="sheet-head">
          <button type="button" className="sheet-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <span className="sheet-title">{title}</span>
          <span className="sheet-spacer" />
        </div>
        <div className="sheet-body">{children}</div>
        {error && (
          <p className="sheet-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </p>
        )}
        <div className="sheet-foot">
          <Button block color="primary" size="large" type="submit" loading={submitting} data-testid={`${testId}-save`}>
            {submitLabel ?? t('common.save')}
          </Button>
        </div>
      </form>
    </Popup>
  );
};
