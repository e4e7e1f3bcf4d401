import { Collapse, Tag } from 'antd-mobile';
import type { CustomerOverview, RepairOrder, Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { dayOf, km, yuan } from '@m4s/web-kit';
import { Nothing, Section } from './section.tsx';

const typeColours: Record<RepairOrder['type'], string> = {
  maintenance: 'success',
  general_repair: 'primary',
  accident: 'danger',
  warranty_claim: '#7c4dff',
  campaign: 'warning',
};

/** 维修档案: each order folded to one line (date, type, total); open it for the labour and parts lines. */
export const RepairsSection = ({ orders, vehicles }: { orders: RepairOrder[]; vehicles: Vehicle[] }) => {
  const { t, locale } = useI18n();
  const plates = new Map(vehicles.map((v) => [v.id, v.plate ?? v.vin]));
  return (
    <Section title={t('c360.repairs')} testId="repairs">
      {orders.length === 0 ? (
        <Nothing>{t('c360.noRepairs')}</Nothing>
      ) : (
        <Collapse className="c-repairs">
          {orders.map((o) => (
            <Collapse.Panel
              key={o.id}
              title={
                <div className="c-ro" data-testid={`repair-${o.number}`}>
                  <div className="c-ro-line">
                    <Tag color={typeColours[o.type]} fill="outline">
                      {t(`repair.type.${o.type}`)}
                    </Tag>
                    <span className="tabular">{dayOf(o.dateIn)}</span>
                    <span className="c-ro-total tabular">{yuan(o.totalFen, locale)}</span>
                  </div>
                  <div className="c-muted c-ro-sub">
                    {[
                      o.number,
                      plates.get(o.vehicleId),
                      o.mileageKm !== null &&
                        t('repair.mileage', { km: t('vehicle.km', { km: km(o.mileageKm, locale) }) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                </div>
              }
            >
              <ul className="c-lines">
                {o.lines.map((l, i) => (
                  <li key={i} className="c-line">
                    <span className="c-line-kind">{t(`repair.line.${l.kind}`)}</span>
                    <span className="c-line-desc">
                      {l.description}
                      {l.kind === 'part' && l.quantity !== 1 && <span className="c-muted"> ×{l.quantity}</span>}
                    </span>
                    <span className="tabular">{yuan(l.amountFen, locale)}</span>
                  </li>
                ))}
              </ul>
            </Collapse.Panel>
          ))}
        </Collapse>
      )}
    </Section>
  );
};

type SalesOrder = CustomerOverview['salesOrders'][number];

export const SalesSection = ({ orders, vehicles }: { orders: SalesOrder[]; vehicles: Vehicle[] }) => {
  const { t, locale } = useI18n();
  const cars = new Map(vehicles.map((v) => [v.id, v]));
  return (
    <Section title={t('c360.sales')} testId="sales">
      {orders.length === 0 ? (
        <Nothing>{t('c360.noSales')}</Nothing>
      ) : (
        orders.map((o) => {
          const car = o.vehicleId ? cars.get(o.vehicleId) : undefined;
          return (
            <div key={o.id} className="c-sale">
              <div className="c-ro-line">
                <span>{car ? [car.brandName, car.seriesName].filter(Boolean).join(' ') || car.vin : o.orderDate}</span>
                <span className="c-ro-total tabular">{yuan(o.priceFen, locale)}</span>
              </div>
              <div className="c-muted c-ro-sub">
                {o.orderDate} ·{' '}
                {o.deliveryDate ? t('sales.delivered', { date: o.deliveryDate }) : t('sales.notDelivered')}
              </div>
            </div>
          );
        })
      )}
    </Section>
  );
};
