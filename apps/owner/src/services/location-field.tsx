import { useState } from 'react';
import { Checkbox } from 'antd-mobile';
import type { GeoPoint } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

export type Place = { consent: boolean; point: GeoPoint | null };
type State = 'idle' | 'locating' | 'got' | 'refused' | 'unsupported';

/**
 * The phone's position, asked for only when the owner ticks the consent box (the browser then asks too); a
 * refusal, a timeout or no GPS leaves the typed address to say where they are. Unticking forgets the position.
 */
export const LocationField = ({ label, onChange }: { label: string; onChange: (place: Place) => void }) => {
  const { t } = useI18n();
  const [state, setState] = useState<State>('idle');
  const [accuracy, setAccuracy] = useState(0);
  const toggle = (checked: boolean) => {
    if (!checked) {
      setState('idle');
      onChange({ consent: false, point: null });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState('unsupported');
      onChange({ consent: true, point: null });
      return;
    }
    setState('locating');
    onChange({ consent: true, point: null });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setAccuracy(Math.round(pos.coords.accuracy));
        setState('got');
        onChange({
          consent: true,
          point: { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: Math.round(pos.coords.accuracy) },
        });
      },
      () => {
        setState('refused');
        onChange({ consent: true, point: null });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  return (
    <div className="svc-location" role="group" aria-label={label}>
      <Checkbox onChange={toggle} data-testid="svc-location-consent">
        {t('svc.location.ask')}
      </Checkbox>
      <p className="svc-note">{t('svc.location.consentNote')}</p>
      <p className="svc-location-state" role="status" data-testid="svc-location-state">
        {state === 'locating'
          ? t('svc.location.locating')
          : state === 'got'
            ? t('svc.location.got', { m: accuracy })
            : state === 'refused'
              ? t('svc.location.refused')
              : state === 'unsupported'
                ? t('svc.location.unsupported')
                : ''}
      </p>
    </div>
  );
};
