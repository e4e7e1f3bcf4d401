import { Button, Dialog, Toast } from 'antd-mobile';
import { FileOutline, RightOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { OwnerVehicle } from '@m4s/contracts';
import { errorText, km } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { CarDates } from './car-dates.tsx';
import { useRemoveBinding } from './garage-api.ts';
import { PlateBadge } from './plate-badge.tsx';

/** The car's name as the owner knows it: 大众 帕萨特, then 2022款 330TSI 精英版. */
export const CarTitle = ({ car }: { car: OwnerVehicle }) => {
  const { t } = useI18n();
  const year = car.modelYear ? t('garage.modelYear', { year: car.modelYear }) : '';
  return (
    <div className="car-title">
      <div className="car-title-name">{[car.brandName, car.seriesName].filter(Boolean).join(' ') || car.vinMasked}</div>
      {car.modelName ? <div className="car-title-model">{[year, car.modelName].filter(Boolean).join(' ')}</div> : null}
    </div>
  );
};

export const VehicleCard = ({ car }: { car: OwnerVehicle }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const remove = useRemoveBinding();
  const open = () => void navigate(`/records/${car.vehicleId}`);
  const unbind = async () => {
    const ok = await Dialog.confirm({ title: t('garage.unbind'), content: t('garage.unbindConfirm') });
    if (!ok) return;
    remove.mutate(car.bindingId, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('garage.done') }),
      onError: (error) => Toast.show({ content: errorText(error, t('garage.actionFailed')) }),
    });
  };
  const meta = [
    t('garage.vinEnding', { vin: car.vinMasked.slice(-6) }),
    car.latestKm === null ? null : t('garage.latestKm', { km: km(car.latestKm, locale) }),
  ].filter(Boolean);
  return (
    <section className="car-card" data-testid="car-card" data-plate={car.plate ?? ''}>
      <header className="car-card-head" onClick={open}>
        <CarTitle car={car} />
        {car.plate ? <PlateBadge plate={car.plate} /> : null}
      </header>
      <div className="car-card-meta">{meta.join(' · ')}</div>
      <CarDates car={car} />
      <footer className="car-card-foot">
        <Button size="small" fill="none" className="car-card-unbind" onClick={() => void unbind()}>
          {t('garage.unbind')}
        </Button>
        <Button size="small" color="primary" shape="rounded" onClick={open} data-testid="car-records">
          <FileOutline /> {t('garage.viewRecords')} <RightOutline />
        </Button>
      </footer>
    </section>
  );
};
