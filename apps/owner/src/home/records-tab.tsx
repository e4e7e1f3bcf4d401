import { Button, DotLoading } from 'antd-mobile';
import { AddOutline, FileOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useGarage } from '../garage/garage-api.ts';
import { RequestList } from '../garage/request-list.tsx';
import { VehicleCard } from '../garage/vehicle-card.tsx';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { HotlineList } from '../ui/hotline-list.tsx';
import '../garage/garage.css';

/**
 * 维修档案: the owner's cars (capability 2). Each confirmed car shows its next service and the dates
 * that matter, and opens its service history; requests the store has not confirmed are listed below.
 */
export const RecordsTab = () => {
  const tenant = useTenant();
  const { t } = useI18n();
  const navigate = useNavigate();
  const garage = useGarage();
  const add = () => void navigate('/records/add');

  if (garage.isPending)
    return (
      <div className="tab-page garage-loading" data-testid="page-records">
        <DotLoading color="primary" />
      </div>
    );
  if (garage.isError) return <LoadFailed onRetry={() => void garage.refetch()} />;

  const { vehicles, requests } = garage.data;
  return (
    <div className="tab-page" data-testid="page-records">
      <div className="garage-head">
        <h1 className="garage-title">{t('garage.title')}</h1>
        {vehicles.length > 0 || requests.length > 0 ? (
          <Button size="small" color="primary" fill="outline" shape="rounded" onClick={add} data-testid="add-car">
            <AddOutline /> {vehicles.length > 0 ? t('garage.addMore') : t('garage.add')}
          </Button>
        ) : null}
      </div>
      {vehicles.map((car) => (
        <VehicleCard key={car.bindingId} car={car} />
      ))}
      {vehicles.length === 0 && requests.length === 0 ? (
        <EmptyState
          testId="records-empty"
          icon={<FileOutline />}
          title={t('garage.emptyTitle')}
          description={t('garage.emptyHint', { name: tenant.shortName })}
        >
          <Button color="primary" shape="rounded" onClick={add} data-testid="add-car">
            <AddOutline /> {t('garage.add')}
          </Button>
        </EmptyState>
      ) : null}
      <RequestList requests={requests} />
      {vehicles.length === 0 && (tenant.dealerHotline || tenant.oemHotline) ? (
        <HotlineList header={t('records.askHotline')} />
      ) : null}
    </div>
  );
};
