import { useState } from 'react';
import { Selector, Toast } from 'antd-mobile';
import type { MileageInput, Vehicle } from '@m4s/contracts';
import { ApiError, dayOf, errorText, km } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useRecordMileage } from './api.ts';
import { Sheet } from './sheet.tsx';

type Source = MileageInput['source'];
const sources = ['check_in', 'owner', 'follow_up'] as const satisfies readonly Source[];

type Props = { customerId: string; vehicle: Vehicle | null; onClose: () => void };

/** An odometer reading for one car; the server refuses a reading below an earlier one and says why. */
export const MileageSheet = ({ customerId, vehicle, onClose }: Props) => {
  const { t, locale } = useI18n();
  const record = useRecordMileage(customerId);
  const [value, setValue] = useState('');
  const [source, setSource] = useState<Source>('check_in');
  const [errors, setErrors] = useState<{ km?: string | undefined; form?: string | undefined }>({});

  const close = () => {
    setValue('');
    setErrors({});
    onClose();
  };

  const submit = () => {
    if (!vehicle) return;
    const reading = Number(value.replace(/[,\s]/g, ''));
    if (!value.trim() || !Number.isInteger(reading) || reading < 0) {
      setErrors({ km: t('mileage.required') });
      return;
    }
    setErrors({});
    record.mutate(
      { vehicleId: vehicle.id, input: { km: reading, source } },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('mileage.saved') });
          close();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ km: fields.km, form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  const last = vehicle?.mileage;
  return (
    <Sheet
      open={vehicle !== null}
      title={`${t('mileage.add')} · ${vehicle?.plate ?? vehicle?.vin ?? ''}`}
      onClose={close}
      onSubmit={submit}
      submitting={record.isPending}
      error={errors.form}
      testId="mileage-sheet"
    >
      {last?.latestKm != null && last.latestAt && (
        <p className="sheet-note">{t('mileage.last', { km: km(last.latestKm, locale), date: dayOf(last.latestAt) })}</p>
      )}
      <Field
        id="mileage-km"
        label={t('mileage.km')}
        inputMode="numeric"
        placeholder={t('mileage.kmPlaceholder')}
        value={value}
        error={errors.km}
        onChange={(e) => setValue(e.target.value)}
        extra="km"
        data-testid="mileage-km"
      />
      <div className="sheet-label">{t('mileage.source')}</div>
      <Selector<Source>
        columns={3}
        value={[source]}
        onChange={(v) => v[0] && setSource(v[0])}
        options={sources.map((s) => ({ value: s, label: t(`mileage.source.${s}`) }))}
      />
    </Sheet>
  );
};
