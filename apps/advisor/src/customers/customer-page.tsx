import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { UserOutline } from 'antd-mobile-icons';
import { useParams } from 'react-router-dom';
import type { Vehicle } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useStaffSession } from '../session/staff-session.ts';
import { useOverview } from './api.ts';
import { CustomerHero } from './customer-hero.tsx';
import { RepairsSection, SalesSection } from './history-sections.tsx';
import { InteractionSheet } from './interaction-sheet.tsx';
import { MileageSheet } from './mileage-sheet.tsx';
import { PageBar } from './page-bar.tsx';
import { PrefsSection, ProfileSection } from './profile-section.tsx';
import { TimelineSection } from './timeline-section.tsx';
import { VehicleList } from './vehicle-list.tsx';
import { NewVehicleSheet } from './new-vehicle-sheet.tsx';
import { CheckInSheet, type CheckInTarget } from '../visits/check-in-sheet.tsx';
import { useCurrentStore } from '../board/current-store.ts';
import './search.css';
import './c360.css';

/** The 360 view on a phone: the same record as the console, one column of cards, the two things done at the desk. */
export const CustomerPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me } = useStaffSession();
  const overview = useOverview(id);
  const [talking, setTalking] = useState(false);
  const [mileageOf, setMileageOf] = useState<Vehicle | null>(null);
  const [addingCar, setAddingCar] = useState(false);
  const [checkIn, setCheckIn] = useState<CheckInTarget | null>(null);
  const { storeId } = useCurrentStore();
  const canWrite = me?.permissions.includes('customer.write') ?? false;
  const canCheckIn = me?.permissions.includes('visit.write') ?? false;

  if (overview.isPending) return <PageLoading />;
  if (overview.isError) {
    if (overview.error instanceof ApiError && overview.error.status === 404) {
      return (
        <div className="sub-page">
          <PageBar title={t('c360.title')} />
          <EmptyState variant="page" icon={<UserOutline />} title={t('c360.notFound')} description="" />
        </div>
      );
    }
    return <LoadFailed onRetry={() => void overview.refetch()} />;
  }

  const { customer, vehicles, repairOrders, salesOrders, interactions, consents } = overview.data;
  const firstCar = vehicles[0];
  // A walk-in is checked in at the store whose board this advisor works on.
  const startCheckIn = (v: Vehicle) =>
    storeId
      ? setCheckIn({
          label: `${v.plate ?? v.vin} ${customer.name}`,
          concerns: null,
          lastKm: v.mileage.latestKm,
          customerId: customer.id,
          vehicleId: v.id,
          storeId,
        })
      : Toast.show({ content: t('checkIn.noStore') });
  return (
    <div className="sub-page c360" data-testid="customer-360">
      <PageBar title={t('c360.title')} />
      <CustomerHero customer={customer} />
      {canWrite && (
        <div className="c-actions">
          <Button color="primary" shape="rounded" onClick={() => setTalking(true)} data-testid="interaction-add">
            {t('interaction.add')}
          </Button>
          {firstCar && (
            <Button
              color="primary"
              fill="outline"
              shape="rounded"
              onClick={() => setMileageOf(firstCar)}
              data-testid="mileage-add"
            >
              {t('mileage.add')}
            </Button>
          )}
        </div>
      )}
      <VehicleList
        vehicles={vehicles}
        onMileage={canWrite && vehicles.length > 1 ? setMileageOf : undefined}
        onCheckIn={canCheckIn ? startCheckIn : undefined}
        extra={
          canWrite && (
            <Button
              size="small"
              fill="outline"
              block
              className="c-add-car"
              onClick={() => setAddingCar(true)}
              data-testid="vehicle-add"
            >
              {t('vehicleNew.add')}
            </Button>
          )
        }
      />
      <TimelineSection items={interactions} />
      <RepairsSection orders={repairOrders} vehicles={vehicles} />
      <SalesSection orders={salesOrders} vehicles={vehicles} />
      <ProfileSection customer={customer} />
      <PrefsSection customer={customer} consents={consents} />
      <InteractionSheet customerId={customer.id} open={talking} onClose={() => setTalking(false)} />
      <MileageSheet customerId={customer.id} vehicle={mileageOf} onClose={() => setMileageOf(null)} />
      <NewVehicleSheet customerId={customer.id} open={addingCar} onClose={() => setAddingCar(false)} />
      <CheckInSheet target={checkIn} onClose={() => setCheckIn(null)} />
    </div>
  );
};
