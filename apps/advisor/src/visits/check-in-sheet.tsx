import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorText, km } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { Sheet } from '../customers/sheet.tsx';
import { PhotoPicker, type Photo } from './photo-picker.tsx';
import { useCheckIn } from './visit-api.ts';

/** What is being checked in: a booking of today's board, or a walk-in's car (customer, car and store). */
export type CheckInTarget = {
  /** Shown in the sheet's title: the plate (or VIN) and the customer's name. */
  label: string;
  concerns: string | null;
  lastKm: number | null;
} & ({ bookingId: string } | { customerId: string; vehicleId: string; storeId: string });

type Errors = { mileage?: string | undefined; form?: string | undefined };

/** HH:MM today, as an instant with the phone's own offset (the store's advisors are in its time zone). */
const todayAt = (time: string): string | null => {
  const [h, m] = time.split(':').map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return null;
  const at = new Date();
  at.setHours(h, m, 0, 0);
  return at.toISOString();
};

/**
 * 接车: the mileage from the dashboard, what the customer says, the walk-around (notes and photos), and
 * when the car should be ready.
 */
export const CheckInSheet = ({ target, onClose }: { target: CheckInTarget | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const checkIn = useCheckIn();
  const [mileage, setMileage] = useState('');
  const [concerns, setConcerns] = useState<string | null>(null);
  const [inspection, setInspection] = useState('');
  const [promised, setPromised] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [errors, setErrors] = useState<Errors>({});

  const close = () => {
    setMileage('');
    setConcerns(null);
    setInspection('');
    setPromised('');
    setPhotos([]);
    setErrors({});
    onClose();
  };

  const submit = () => {
    if (!target) return;
    const reading = Number(mileage.replace(/[,\s]/g, ''));
    if (!mileage.trim() || !Number.isInteger(reading) || reading < 0) {
      setErrors({ mileage: t('checkIn.mileageRequired') });
      return;
    }
    setErrors({});
    const who =
      'bookingId' in target
        ? { bookingId: target.bookingId }
        : { customerId: target.customerId, vehicleId: target.vehicleId, storeId: target.storeId };
    checkIn.mutate(
      {
        body: {
          ...who,
          mileageKm: reading,
          concerns: (concerns ?? target.concerns ?? '').trim() || null,
          inspectionNotes: inspection.trim() || null,
          promisedAt: promised ? todayAt(promised) : null,
        },
        photos: photos.map((p) => ({ dataUrl: p.dataUrl, caption: null })),
      },
      {
        onSuccess: ({ visit, failed }) => {
          Toast.show(
            failed
              ? { icon: 'fail', content: t('checkIn.photosFailed', { count: failed }) }
              : { icon: 'success', content: t('checkIn.done') },
          );
          close();
          void navigate(`/visits/${visit.id}`);
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ mileage: fields.mileageKm, form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <Sheet
      open={target !== null}
      title={`${t('checkIn.title')} · ${target?.label ?? ''}`}
      onClose={close}
      onSubmit={submit}
      submitting={checkIn.isPending}
      error={errors.form}
      submitLabel={t('checkIn.submit')}
      testId="check-in"
    >
      <Field
        id="check-in-mileage"
        label={t('checkIn.mileage')}
        inputMode="numeric"
        placeholder={t('checkIn.mileagePlaceholder')}
        value={mileage}
        error={errors.mileage}
        onChange={(e) => setMileage(e.target.value.replace(/[^\d]/g, ''))}
        extra="km"
        data-testid="check-in-mileage"
      />
      {target?.lastKm != null && (
        <p className="sheet-note">{t('checkIn.lastMileage', { km: km(target.lastKm, locale) })}</p>
      )}
      <div className="sheet-label">{t('checkIn.concerns')}</div>
      <textarea
        className="sheet-textarea"
        rows={2}
        maxLength={1000}
        placeholder={t('checkIn.concernsPlaceholder')}
        aria-label={t('checkIn.concerns')}
        value={concerns ?? target?.concerns ?? ''}
        onChange={(e) => setConcerns(e.target.value)}
        data-testid="check-in-concerns"
      />
      <div className="sheet-label">{t('checkIn.inspection')}</div>
      <textarea
        className="sheet-textarea"
        rows={3}
        maxLength={2000}
        placeholder={t('checkIn.inspectionPlaceholder')}
        aria-label={t('checkIn.inspection')}
        value={inspection}
        onChange={(e) => setInspection(e.target.value)}
        data-testid="check-in-inspection"
      />
      <div className="sheet-label">{t('checkIn.photos')}</div>
      <PhotoPicker photos={photos} onChange={setPhotos} />
      <Field
        id="check-in-promised"
        label={t('checkIn.promised')}
        type="time"
        value={promised}
        onChange={(e) => setPromised(e.target.value)}
        data-testid="check-in-promised"
      />
    </Sheet>
  );
};
