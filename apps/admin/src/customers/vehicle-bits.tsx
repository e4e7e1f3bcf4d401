import { Tag } from 'antd';
import { plateCheck, type Locale, type Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { dueState, km, dayOf } from '@m4s/web-kit';
import styles from './customer-360.module.css';

/** A plate drawn the way it looks on the car: blue for ordinary plates, green for new-energy ones. */
export const PlateBadge = ({ plate }: { plate: string | null }) => {
  const { t } = useI18n();
  if (!plate) return <span className={`${styles.plate} ${styles.plateNone}`}>{t('vehicle.noPlate')}</span>;
  const check = plateCheck(plate);
  const green = check.ok && check.kind.startsWith('new_energy');
  // 沪A·12345: the dot after the issuing-authority letter, as printed on the plate itself.
  const shown = `${plate.slice(0, 2)}·${plate.slice(2)}`;
  return (
    <span className={`${styles.plate} ${green ? styles.plateGreen : styles.plateBlue}`} data-testid="vehicle-plate">
      {shown}
    </span>
  );
};

/** Red once a date has passed, orange in the month before: insurance, inspection, warranty. */
export const DueTag = ({ date }: { date: string | null }) => {
  const { t } = useI18n();
  if (!date) return null;
  const state = dueState(date);
  if (state === 'ok') return null;
  return (
    <Tag color={state === 'expired' ? 'red' : 'orange'} style={{ marginLeft: 8 }}>
      {t(state === 'expired' ? 'vehicle.expired' : 'vehicle.dueSoon')}
    </Tag>
  );
};

type T = ReturnType<typeof useI18n>['t'];

/** 100000 → 10万公里 in Chinese (how warranty terms are printed), 100,000 km in English. */
export const warrantyKm = (value: number | null, t: T, locale: Locale): string => {
  if (value === null) return t('vehicle.unlimitedKm');
  if (locale === 'zh-CN' && value % 10000 === 0) return t('vehicle.kmWan', { n: value / 10000 });
  return t('vehicle.km', { km: km(value, locale) });
};

/** In warranty while the end date is ahead and, when there is a mileage limit, the odometer is under it. */
export const inWarranty = (v: Vehicle, today: string = dayOf()): boolean | null => {
  if (!v.warranty.endsOn) return null;
  const byDate = v.warranty.endsOn >= today;
  const byKm = v.warranty.km === null || v.mileage.latestKm === null || v.mileage.latestKm < v.warranty.km;
  return byDate && byKm;
};

/** 大众 途观L 2023款 330TSI: the catalogue names in one line, as a service desk reads them. */
export const vehicleName = (v: Vehicle): string =>
  [v.brandName, v.seriesName, v.modelName].filter(Boolean).join(' ') || v.vin;
