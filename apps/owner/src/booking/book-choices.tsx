import type { ReactNode } from 'react';
import { CheckCircleFill } from 'antd-mobile-icons';
import type { BookableAdvisor, OwnerStore, OwnerVehicle, ServiceType } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { PlateBadge } from '../garage/plate-badge.tsx';
import { CarTitle } from '../garage/vehicle-card.tsx';
import { useI18n } from '../i18n.ts';
import { useWhen } from './when.ts';

type OptionProps = { on: boolean; onClick: () => void; testId: string; name?: string; children: ReactNode };

/** One choice among several, a card that shows it is chosen; a real button, so it is reachable by keyboard. */
export const Option = ({ on, onClick, testId, name, children }: OptionProps) => (
  <button
    type="button"
    className={`option${on ? ' option-on' : ''}`}
    aria-pressed={on}
    onClick={onClick}
    data-testid={testId}
    data-name={name}
  >
    <span className="option-body">{children}</span>
    <span className="option-check" aria-hidden>
      {on ? <CheckCircleFill /> : null}
    </span>
  </button>
);

export const CarChoice = ({
  cars,
  value,
  onChange,
}: {
  cars: OwnerVehicle[];
  value: string | null;
  onChange: (id: string) => void;
}) => (
  <div className="options">
    {cars.map((car) => (
      <Option
        key={car.vehicleId}
        on={value === car.vehicleId}
        onClick={() => onChange(car.vehicleId)}
        testId="car-option"
        name={car.plate ?? ''}
      >
        <span className="option-row">
          <CarTitle car={car} />
          {car.plate ? <PlateBadge plate={car.plate} /> : null}
        </span>
      </Option>
    ))}
  </div>
);

export const StoreChoice = ({
  stores,
  value,
  onChange,
}: {
  stores: OwnerStore[];
  value: string | null;
  onChange: (id: string) => void;
}) => (
  <div className="options">
    {stores.map((store) => (
      <Option
        key={store.id}
        on={value === store.id}
        onClick={() => onChange(store.id)}
        testId="store-option"
        name={store.name}
      >
        <span className="option-title">{store.name}</span>
        <span className="option-sub">{store.address}</span>
        {store.phone ? <span className="option-sub">{store.phone}</span> : null}
      </Option>
    ))}
  </div>
);

/** 参考价 ¥300.00–¥600.00, or 到店检测后报价 when the store gives no price. */
export const usePriceText = () => {
  const { t, locale } = useI18n();
  return (min: number, max: number) =>
    max === 0
      ? t('book.priceOnSite')
      : min === max || min === 0
        ? t('book.priceFrom', { price: yuan(max, locale) })
        : t('book.priceRange', { min: yuan(min, locale), max: yuan(max, locale) });
};

export const ServiceChoice = ({
  types,
  value,
  onChange,
}: {
  types: ServiceType[];
  value: string | null;
  onChange: (id: string) => void;
}) => {
  const when = useWhen();
  const price = usePriceText();
  return (
    <div className="options">
      {types.map((type) => (
        <Option
          key={type.id}
          on={value === type.id}
          onClick={() => onChange(type.id)}
          testId="service-option"
          name={type.name}
        >
          <span className="option-title">{type.name}</span>
          <span className="option-sub">
            {when.duration(type.durationMinutes)} ·{price(type.priceMinFen, type.priceMaxFen)}
          </span>
        </Option>
      ))}
    </div>
  );
};

export const AdvisorChoice = ({
  advisors,
  value,
  onChange,
}: {
  advisors: BookableAdvisor[];
  value: string | null;
  onChange: (id: string | null) => void;
}) => {
  const { t } = useI18n();
  const chip = (id: string | null, label: string) => (
    <button
      key={id ?? 'any'}
      type="button"
      className={`chip${value === id ? ' chip-on' : ''}`}
      aria-pressed={value === id}
      onClick={() => onChange(id)}
      data-testid={id ? 'advisor-option' : 'advisor-any'}
      data-name={label}
    >
      {label}
    </button>
  );
  return <div className="chips">{[chip(null, t('book.advisorAny')), ...advisors.map((a) => chip(a.id, a.name))]}</div>;
};
