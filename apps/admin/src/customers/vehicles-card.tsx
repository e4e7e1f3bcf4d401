import { useState } from 'react';
import { Button, Card, Empty, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { MileageModal } from './mileage-modal.tsx';
import { TransferModal } from './transfer-modal.tsx';
import { useBrands } from './vehicle-api.ts';
import { VehicleCard, type VehicleAction } from './vehicle-card.tsx';
import { VehicleFormModal } from './vehicle-form.tsx';
import styles from './customer-360.module.css';

type Editing = { open: boolean; vehicle: Vehicle | null };

export const VehiclesCard = ({ customerId, vehicles }: { customerId: string; vehicles: Vehicle[] }) => {
  const { t } = useI18n();
  const canWrite = useCan()('customer.write');
  const [editing, setEditing] = useState<Editing>({ open: false, vehicle: null });
  const [mileageOf, setMileageOf] = useState<Vehicle | null>(null);
  const [transferOf, setTransferOf] = useState<Vehicle | null>(null);
  // Loaded before the form opens, so the warranty terms it derives are there on the first render.
  useBrands();

  const onAction = (action: VehicleAction, v: Vehicle) => {
    if (action === 'edit') setEditing({ open: true, vehicle: v });
    if (action === 'mileage') setMileageOf(v);
    if (action === 'transfer') setTransferOf(v);
  };

  return (
    <Card
      title={t('vehicle.title', { count: vehicles.length })}
      size="small"
      className={styles.card}
      data-testid="vehicles-card"
      extra={
        canWrite && (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ open: true, vehicle: null })}
            data-testid="vehicle-add"
          >
            {t('vehicle.add')}
          </Button>
        )
      }
    >
      {vehicles.length ? (
        <Flex vertical gap={12}>
          {vehicles.map((v) => (
            <VehicleCard key={v.id} vehicle={v} canWrite={canWrite} onAction={onAction} />
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vehicle.empty')} />
      )}
      <VehicleFormModal
        open={editing.open}
        ownerId={customerId}
        vehicle={editing.vehicle}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
      <MileageModal vehicle={mileageOf} onClose={() => setMileageOf(null)} />
      <TransferModal vehicle={transferOf} onClose={() => setTransferOf(null)} />
    </Card>
  );
};
