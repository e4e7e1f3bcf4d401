import { Button, Card, Descriptions, Flex, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { DashboardOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import type { Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { dayOf, km } from '@m4s/web-kit';
import { useNames } from './use-names.ts';
import { DueTag, inWarranty, PlateBadge, warrantyKm } from './vehicle-bits.tsx';
import { FlaggedMileage } from './flagged-mileage.tsx';
import styles from './customer-360.module.css';

export type VehicleAction = 'edit' | 'mileage' | 'transfer';

type Props = { vehicle: Vehicle; canWrite: boolean; onAction: (action: VehicleAction, v: Vehicle) => void };

export const VehicleCard = ({ vehicle: v, canWrite, onAction }: Props) => {
  const { t, locale } = useI18n();
  const names = useNames();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const covered = inWarranty(v);
  const testId = `vehicle-${v.vin}`;

  const items: DescriptionsProps['items'] = [
    { key: 'purchase', label: t('vehicle.purchaseDate'), children: v.purchaseDate ?? none },
    { key: 'store', label: t('vehicle.sellingStore'), children: names.storeName(v.sellingStoreId) ?? none },
    {
      key: 'warranty',
      label: t('vehicle.warranty'),
      children: (
        <span data-testid="vehicle-warranty">
          {t('vehicle.warrantyTerms', { years: v.warranty.years, km: warrantyKm(v.warranty.km, t, locale) })}
          {v.warranty.endsOn && (
            <Typography.Text type="secondary">
              {' '}
              {t('vehicle.warrantyEnds', { date: v.warranty.endsOn })}
            </Typography.Text>
          )}
          {covered !== null && (
            <Tag color={covered ? 'green' : 'default'} style={{ marginLeft: 8 }}>
              {t(covered ? 'vehicle.inWarranty' : 'vehicle.outOfWarranty')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      key: 'insurance',
      label: t('vehicle.insurance'),
      children:
        v.insurer || v.insuranceExpiry ? (
          <span>
            {[v.insurer, v.insuranceExpiry && t('vehicle.insuranceUntil', { date: v.insuranceExpiry })]
              .filter(Boolean)
              .join(' · ')}
            <DueTag date={v.insuranceExpiry} />
          </span>
        ) : (
          none
        ),
    },
    {
      key: 'inspection',
      label: t('vehicle.inspectionDue'),
      children: v.inspectionDue ? (
        <span>
          {v.inspectionDue}
          <DueTag date={v.inspectionDue} />
        </span>
      ) : (
        none
      ),
    },
    {
      key: 'mileage',
      label: t('vehicle.mileage'),
      children:
        v.mileage.latestKm === null ? (
          <Typography.Text type="secondary">{t('vehicle.noMileage')}</Typography.Text>
        ) : (
          <span data-testid="vehicle-mileage">
            <span className="tabular">{t('vehicle.km', { km: km(v.mileage.latestKm, locale) })}</span>
            {v.mileage.latestAt && <Typography.Text type="secondary"> · {dayOf(v.mileage.latestAt)}</Typography.Text>}
            {v.mileage.kmPerDay !== null && (
              <Tag variant="filled" color="cyan" style={{ marginLeft: 8 }} data-testid="vehicle-km-per-day">
                {t('vehicle.kmPerDay', { km: km(Math.round(v.mileage.kmPerDay), locale) })}
              </Tag>
            )}
          </span>
        ),
    },
  ];
  if (v.regularDrivers.length) {
    items.push({
      key: 'drivers',
      label: t('vehicle.drivers'),
      span: 2,
      // Names and relations only: a driver's number is contact data the masking rules have not cleared.
      children: v.regularDrivers.map((d) => (d.relation ? `${d.name}（${d.relation}）` : d.name)).join('、'),
    });
  }

  return (
    <Card size="small" className={styles.vehicle} data-testid={testId}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex gap={12} align="center" wrap>
          <PlateBadge plate={v.plate} />
          <div>
            <Typography.Text strong className={styles.vehicleName} data-testid="vehicle-name">
              {[v.brandName, v.seriesName].filter(Boolean).join(' · ') || t('common.none')}
            </Typography.Text>
            <div className={styles.vehicleSub}>
              {[
                [v.modelYear && t('vehicle.yearStyle', { year: v.modelYear }), v.modelName].filter(Boolean).join(' '),
                v.colour,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </div>
        </Flex>
        {canWrite && (
          <Space size={0} wrap>
            <Button
              type="link"
              icon={<EditOutlined />}
              onClick={() => onAction('edit', v)}
              data-testid={`${testId}-edit`}
            >
              {t('vehicle.edit')}
            </Button>
            <Button
              type="link"
              icon={<DashboardOutlined />}
              onClick={() => onAction('mileage', v)}
              data-testid={`${testId}-mileage`}
            >
              {t('vehicle.recordMileage')}
            </Button>
            <Button
              type="link"
              icon={<SwapOutlined />}
              onClick={() => onAction('transfer', v)}
              data-testid={`${testId}-transfer`}
            >
              {t('vehicle.transfer')}
            </Button>
          </Space>
        )}
      </Flex>
      <div className={styles.vin}>
        <Typography.Text type="secondary">{t('vehicle.vin')}</Typography.Text>{' '}
        <Typography.Text copyable code data-testid="vehicle-vin">
          {v.vin}
        </Typography.Text>
      </div>
      <Descriptions size="small" column={2} items={items} />
      <FlaggedMileage vehicle={v} canWrite={canWrite} />
    </Card>
  );
};
