import { Button, Tag } from 'antd-mobile';
import { plateCheck, type Locale, type Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { dayOf, dueState, km } from '@m4s/web-kit';
import { Nothing, Section } from './section.tsx';

type T = ReturnType<typeof useI18n>['t'];

const warrantyKm = (value: number | null, t: T, locale: Locale) => {
  if (value === null) return t('vehicle.unlimitedKm');
  if (locale === 'zh-CN' && value % 10000 === 0) return t('vehicle.kmWan', { n: value / 10000 });
  return t('vehicle.km', { km: km(value, locale) });
};

const Due = ({ date }: { date: string | null }) => {
  const { t } = useI18n();
  if (!date) return <span className="c-muted">{t('c360.none')}</span>;
  const state = dueState(date);
  return (
    <span>
      {date}
      {state !== 'ok' && (
        <Tag color={state === 'expired' ? 'danger' : 'warning'} fill="outline" className="c-inline-tag">
          {t(state === 'expired' ? 'vehicle.expired' : 'vehicle.dueSoon')}
        </Tag>
      )}
    </span>
  );
};

export const Plate = ({ plate }: { plate: string | null }) => {
  const { t } = useI18n();
  if (!plate) return <span className="plate plate-none">{t('vehicle.noPlate')}</span>;
  const check = plateCheck(plate);
  const green = check.ok && check.kind.startsWith('new_energy');
  return (
    <span className={`plate ${green ? 'plate-green' : 'plate-blue'}`} data-testid="vehicle-plate">
      {`${plate.slice(0, 2)}·${plate.slice(2)}`}
    </span>
  );
};

type CardProps = {
  v: Vehicle;
  onMileage?: ((v: Vehicle) => void) | undefined;
  onCheckIn?: ((v: Vehicle) => void) | undefined;
};

const VehicleCard = ({ v, onMileage, onCheckIn }: CardProps) => {
  const { t, locale } = useI18n();
  const today = dayOf();
  const covered = v.warranty.endsOn
    ? v.warranty.endsOn >= today &&
      (v.warranty.km === null || v.mileage.latestKm === null || v.mileage.latestKm < v.warranty.km)
    : null;
  const model = [v.modelYear && t('vehicle.yearStyle', { year: v.modelYear }), v.modelName].filter(Boolean).join(' ');
  const rows: [string, React.ReactNode][] = [
    [
      t('vehicle.vin'),
      <span className="tabular c-vin" data-testid="vehicle-vin">
        {v.vin}
      </span>,
    ],
    [t('vehicle.purchaseDate'), v.purchaseDate ?? <span className="c-muted">{t('c360.none')}</span>],
    [
      t('vehicle.warranty'),
      <span>
        {t('vehicle.warrantyTerms', { years: v.warranty.years, km: warrantyKm(v.warranty.km, t, locale) })}
        {v.warranty.endsOn && <span className="c-muted"> {t('vehicle.until', { date: v.warranty.endsOn })}</span>}
        {covered !== null && (
          <Tag color={covered ? 'success' : 'default'} fill="outline" className="c-inline-tag">
            {t(covered ? 'vehicle.inWarranty' : 'vehicle.outOfWarranty')}
          </Tag>
        )}
      </span>,
    ],
    [
      t('vehicle.insurance'),
      v.insurer || v.insuranceExpiry ? (
        <span>
          {v.insurer}
          {v.insurer && v.insuranceExpiry && ' · '}
          {v.insuranceExpiry && <Due date={v.insuranceExpiry} />}
        </span>
      ) : (
        <span className="c-muted">{t('c360.none')}</span>
      ),
    ],
    [t('vehicle.inspectionDue'), <Due date={v.inspectionDue} />],
    [
      t('vehicle.mileage'),
      v.mileage.latestKm === null ? (
        <span className="c-muted">{t('vehicle.noMileage')}</span>
      ) : (
        <span data-testid="vehicle-mileage">
          <span className="tabular">{t('vehicle.km', { km: km(v.mileage.latestKm, locale) })}</span>
          {v.mileage.kmPerDay !== null && (
            <span className="c-muted">
              {' '}
              · {t('vehicle.kmPerDay', { km: km(Math.round(v.mileage.kmPerDay), locale) })}
            </span>
          )}
        </span>
      ),
    ],
  ];
  return (
    <div className="c-vehicle" data-testid={`vehicle-${v.vin}`}>
      <div className="c-vehicle-head">
        <Plate plate={v.plate} />
        <div className="c-vehicle-name">
          <div className="c-vehicle-series">{[v.brandName, v.seriesName].filter(Boolean).join(' ') || v.vin}</div>
          {(model || v.colour) && <div className="c-muted">{[model, v.colour].filter(Boolean).join(' · ')}</div>}
        </div>
      </div>
      <dl className="c-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="c-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {onMileage && (
        <Button
          size="small"
          color="primary"
          fill="outline"
          block
          onClick={() => onMileage(v)}
          data-testid={`mileage-${v.vin}`}
        >
          {t('mileage.add')}
        </Button>
      )}
      {onCheckIn && (
        <Button size="small" color="primary" block onClick={() => onCheckIn(v)} data-testid={`check-in-${v.vin}`}>
          {t('board.checkIn')}
        </Button>
      )}
    </div>
  );
};

type Props = {
  vehicles: Vehicle[];
  onMileage?: ((v: Vehicle) => void) | undefined;
  /** 接车 for a walk-in: each car gets the button that opens the check-in sheet. */
  onCheckIn?: ((v: Vehicle) => void) | undefined;
  /** Under the cars: what to do when the car is not registered yet. */
  extra?: React.ReactNode;
};

export const VehicleList = ({ vehicles, onMileage, onCheckIn, extra }: Props) => {
  const { t } = useI18n();
  return (
    <Section title={t('c360.vehicles', { count: vehicles.length })} testId="vehicles">
      {vehicles.length === 0 ? (
        <Nothing>{t('c360.noVehicles')}</Nothing>
      ) : (
        vehicles.map((v) => <VehicleCard key={v.id} v={v} onMileage={onMileage} onCheckIn={onCheckIn} />)
      )}
      {extra}
    </Section>
  );
};
