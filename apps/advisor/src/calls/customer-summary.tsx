import { Link } from 'react-router-dom';
import { useOverview } from '../customers/api.ts';
import { useI18n } from '../i18n.ts';

const day = (iso: string) => iso.slice(0, 10);

/** The customer's 360 summary beside the script (the customer module's overview, read as it is). */
export const CustomerSummary = ({ customerId }: { customerId: string }) => {
  const { t } = useI18n();
  const overview = useOverview(customerId);
  const o = overview.data;
  if (!o) return null;
  const lastRepair = [...o.repairOrders].sort((a, b) => b.dateIn.localeCompare(a.dateIn))[0];
  const lastSale = [...o.salesOrders].sort((a, b) => b.orderDate.localeCompare(a.orderDate))[0];
  return (
    <section className="call-panel" data-testid="call-summary">
      <h3 className="call-panel-title">{t('calls.summary')}</h3>
      <dl className="call-facts">
        <dt>{t('calls.vehicles')}</dt>
        <dd>
          {o.vehicles.length === 0
            ? t('calls.none')
            : o.vehicles.map((v) => [v.plate, v.seriesName, v.modelName].filter(Boolean).join(' ')).join('；')}
        </dd>
        <dt>{t('calls.lastSale')}</dt>
        <dd>{lastSale ? day(lastSale.deliveryDate ?? lastSale.orderDate) : t('calls.none')}</dd>
        <dt>{t('calls.lastRepair')}</dt>
        <dd>{lastRepair ? day(lastRepair.dateIn) : t('calls.none')}</dd>
        {o.customer.vipLevel ? (
          <>
            <dt>{t('calls.vip')}</dt>
            <dd>{o.customer.vipLevel}</dd>
          </>
        ) : null}
      </dl>
      <Link className="call-row-link" to={`/customers/${customerId}`} data-testid="call-open-customer">
        {t('calls.openCustomer')}
      </Link>
    </section>
  );
};
