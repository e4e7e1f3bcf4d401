import { useState } from 'react';
import { Selector, Toast } from 'antd-mobile';
import { interactionChannels } from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useAddInteraction } from './api.ts';
import { Sheet } from './sheet.tsx';

type Channel = (typeof interactionChannels)[number];

// What an advisor at the desk or on the phone actually uses; the rest stay in the admin console.
const quickChannels: readonly Channel[] = ['phone', 'visit', 'wechat', 'sms', 'other'];

type Props = { customerId: string; open: boolean; onClose: () => void };

export const InteractionSheet = ({ customerId, open, onClose }: Props) => {
  const { t } = useI18n();
  const add = useAddInteraction(customerId);
  const [channel, setChannel] = useState<Channel>('phone');
  const [summary, setSummary] = useState('');
  const [promise, setPromise] = useState('');
  const [errors, setErrors] = useState<{ summary?: string | undefined; form?: string | undefined }>({});

  const close = () => {
    setSummary('');
    setPromise('');
    setErrors({});
    onClose();
  };

  const submit = () => {
    if (!summary.trim()) {
      setErrors({ summary: t('interaction.required') });
      return;
    }
    setErrors({});
    add.mutate(
      { channel, summary: summary.trim(), promise: promise.trim() || null },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('interaction.saved') });
          close();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ summary: fields.summary, form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <Sheet
      open={open}
      title={t('interaction.add')}
      onClose={close}
      onSubmit={submit}
      submitting={add.isPending}
      error={errors.form}
      testId="interaction-sheet"
    >
      <div className="sheet-label">{t('interaction.channel')}</div>
      <Selector<Channel>
        columns={5}
        value={[channel]}
        onChange={(v) => v[0] && setChannel(v[0])}
        options={quickChannels.map((c) => ({ value: c, label: t(`interaction.channel.${c}`) }))}
        data-testid="interaction-channel"
      />
      <div className="sheet-label">{t('interaction.summary')}</div>
      {/* A native textarea, so its data-testid and aria-invalid sit on the element itself (as web-kit's Field). */}
      <textarea
        className={`sheet-textarea${errors.summary ? ' sheet-invalid' : ''}`}
        rows={4}
        maxLength={2000}
        placeholder={t('interaction.summaryPlaceholder')}
        aria-label={t('interaction.summary')}
        aria-invalid={errors.summary ? true : undefined}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        data-testid="interaction-summary"
      />
      {errors.summary && <p className="sheet-field-error">{errors.summary}</p>}
      <Field
        id="interaction-promise"
        label={t('interaction.promise')}
        placeholder={t('interaction.promisePlaceholder')}
        maxLength={500}
        value={promise}
        onChange={(e) => setPromise(e.target.value)}
        data-testid="interaction-promise"
      />
    </Sheet>
  );
};
