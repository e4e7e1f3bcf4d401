import type { ReactNode } from 'react';
import type { OwnerVehicle } from '@m4s/contracts';
import { dueState, km, type DueState } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { DueChip } from './due-chip.tsx';

type Row = { key: string; label: string; value: string; sub?: string | undefined; state: DueState | null };

const DateRow = ({ row, service }: { row: Row; service?: boolean }): ReactNode => (
  <div className="car-date" data-testid={`car-date-${row.key}`}>
    <dt className="car-date-label">{row.label}</dt>
    <dd className="car-date-value">
      <span>{row.value}</span>
      {row.sub ? <span className="car-date-sub">{row.sub}</span> : null}
    </dd>
    <dd className="car-date-state">
      {row.state ? <DueChip state={row.state} service={service} testId={`due-${row.key}`} /> : null}
    </dd>
  </div>
);

/** The dates an owner plans around: next service, warranty end, insurance expiry, inspection. */
export const CarDates = ({ car }: { car: OwnerVehicle }) => {
  const { t, locale } = useI18n();
  const unknown = t('garage.unknown');
  const next = car.nextService;
  const service: Row = next
    ? {
        key: 'service',
        label: t('garage.nextService'),
        // Past its day the service is overdue: the date it fell due, never a forecast date in the past.
        value: car.serviceOverdue
          ? t('garage.nextServiceOverdue', { date: next.dueOn })
          : next.dueKm === null
            ? next.dueOn
            : t('garage.nextServiceKm', { date: next.dueOn, km: km(next.dueKm, locale) }),
        sub:
          next.basis === 'purchase'
            ? t('garage.nextServiceFromPurchase')
            : next.basisKm === null
              ? t('garage.nextServiceFromLastNoKm', { date: next.basisOn })
              : t('garage.nextServiceFromLast', { date: next.basisOn, km: km(next.basisKm, locale) }),
        state: car.serviceOverdue ? 'expired' : dueState(next.dueOn),
      }
    : { key: 'service', label: t('garage.nextService'), value: t('garage.nextServiceUnknown'), state: null };

  const { warranty } = car;
  // Whichever comes first: a car past the distance is out of warranty whatever the date says.
  const pastKm = warranty.km !== null && car.latestKm !== null && car.latestKm >= warranty.km;
  const warrantyRow: Row = {
    key: 'warranty',
    label: t('garage.warranty'),
    value: !warranty.endsOn
      ? unknown
      : warranty.km === null
        ? t('garage.warrantyNoKm', { date: warranty.endsOn })
        : t('garage.warrantyKm', { date: warranty.endsOn, km: km(warranty.km, locale) }),
    state: pastKm ? 'expired' : warranty.endsOn ? dueState(warranty.endsOn) : null,
  };
  const plain = (key: string, label: string, date: string | null, sub?: string | null): Row => ({
    key,
    label,
    value: date ?? unknown,
    sub: sub ?? undefined,
    state: date ? dueState(date) : null,
  });
  return (
    <dl className="car-dates">
      <DateRow row={service} service />
      <DateRow row={warrantyRow} />
      <DateRow row={plain('insurance', t('garage.insurance'), car.insuranceExpiry, car.insurer)} />
      <DateRow row={plain('inspection', t('garage.inspection'), car.inspectionDue)} />
    </dl>
  );
};
