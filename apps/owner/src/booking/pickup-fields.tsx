import { Switch } from 'antd-mobile';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import type { Draft, PickupErrors } from './draft.ts';

type Props = {
  on: boolean;
  pickup: Draft['pickup'];
  errors: PickupErrors;
  onToggle: (on: boolean) => void;
  onChange: (pickup: Draft['pickup']) => void;
};

// Half-hour steps over a working day: a pickup is arranged by the half hour, and a native select keeps
// the phone's own picker (a time input would show AM/PM on some phones).
const times = Array.from({ length: 29 }, (_, i) => {
  const minutes = 7 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 === 0 ? '00' : '30'}`;
});

const TimeSelect = ({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) => (
  <select id={id} className="pickup-time" value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
    <option value="">--:--</option>
    {times.map((time) => (
      <option key={time} value={time}>
        {time}
      </option>
    ))}
  </select>
);

/** 上门取送车: off by default; on asks where to collect the car and in which window before the slot. */
export const PickupFields = ({ on, pickup, errors, onToggle, onChange }: Props) => {
  const { t } = useI18n();
  const set = (patch: Partial<Draft['pickup']>) => onChange({ ...pickup, ...patch });
  return (
    <div className="pickup">
      <div className="pickup-head">
        <div>
          <div className="book-section-title">{t('book.pickup')}</div>
          <div className="book-section-hint">{t('book.pickupHint')}</div>
        </div>
        <Switch checked={on} onChange={onToggle} data-testid="pickup-toggle" />
      </div>
      {on ? (
        <div className="pickup-fields">
          <Field
            id="pickup-address"
            label={t('book.pickupAddress')}
            placeholder={t('book.pickupAddressPlaceholder')}
            value={pickup.address}
            maxLength={200}
            error={errors.address}
            data-testid="pickup-address"
            onChange={(e) => set({ address: e.target.value })}
          />
          <div className={`field${errors.window ? ' field-invalid' : ''}`}>
            <div className="field-row">
              <label className="field-label" htmlFor="pickup-from">
                {t('book.pickupFrom')}
              </label>
              <span className="pickup-window">
                <TimeSelect
                  id="pickup-from"
                  value={pickup.windowStart}
                  onChange={(windowStart) => set({ windowStart })}
                />
                {t('book.pickupTo')}
                <TimeSelect id="pickup-to" value={pickup.windowEnd} onChange={(windowEnd) => set({ windowEnd })} />
              </span>
            </div>
            {errors.window ? (
              <div className="field-message" role="alert">
                {errors.window}
              </div>
            ) : null}
          </div>
          <Field
            id="pickup-phone"
            type="tel"
            inputMode="numeric"
            label={t('book.pickupPhone')}
            placeholder={t('book.pickupPhonePlaceholder')}
            value={pickup.contactPhone}
            maxLength={11}
            error={errors.phone}
            data-testid="pickup-phone"
            onChange={(e) => set({ contactPhone: e.target.value.replace(/\D/g, '') })}
          />
        </div>
      ) : null}
    </div>
  );
};

/** Checked in the browser first, so the owner is told before anything is sent. */
export const checkPickup = (
  pickup: Draft['pickup'],
  t: (key: 'book.pickupAddressRequired' | 'book.pickupWindowInvalid' | 'book.phoneInvalid') => string,
): PickupErrors => ({
  address: pickup.address.trim().length >= 2 ? undefined : t('book.pickupAddressRequired'),
  window:
    pickup.windowStart && pickup.windowEnd && pickup.windowStart < pickup.windowEnd
      ? undefined
      : t('book.pickupWindowInvalid'),
  phone: pickup.contactPhone === '' || /^1[3-9]\d{9}$/.test(pickup.contactPhone) ? undefined : t('book.phoneInvalid'),
});
