import { useState } from 'react';
import { Breadcrumb, Button, Col, Result, Row, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { ClassesCard } from './classes-card.tsx';
import { ComplaintsCard } from './complaints-card.tsx';
import { ConsentsCard } from './consents-card.tsx';
import { ContactCard } from './contact-card.tsx';
import { ContactPrefsCard } from './contact-prefs-card.tsx';
import { useOverview } from './customer-api.ts';
import { CustomerFormDrawer } from './customer-form.tsx';
import { CustomerHeader } from './customer-header.tsx';
import { InteractionsCard } from './interactions-card.tsx';
import { RepairOrdersCard } from './repair-orders-card.tsx';
import { SalesOrdersCard } from './sales-orders-card.tsx';
import { VehiclesCard } from './vehicles-card.tsx';

/**
 * 客户360°: who the customer is, how to reach them, their cars, everything they bought and had repaired,
 * what was said to them, what they complained of, and what they agreed to (complaints load on their own).
 */
export const Customer360Page = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const overview = useOverview(id);
  const [editing, setEditing] = useState(false);

  const crumbs = (current?: string) => (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to="/customers">{t('c360.back')}</Link> }, ...(current ? [{ title: current }] : [])]}
    />
  );

  if (overview.isPending) {
    return (
      <>
        {crumbs()}
        <Skeleton active avatar paragraph={{ rows: 6 }} />
      </>
    );
  }
  if (overview.isError) {
    const missing = overview.error instanceof ApiError && overview.error.status === 404;
    return missing ? (
      <Result
        status="404"
        title={t('c360.notFound')}
        extra={<Button onClick={() => void navigate('/customers')}>{t('c360.back')}</Button>}
      />
    ) : (
      <>
        {crumbs()}
        <LoadFailedAlert error={overview.error} />
      </>
    );
  }

  const { customer, vehicles, repairOrders, salesOrders, interactions, consents } = overview.data;
  return (
    <div data-testid="customer-360">
      {crumbs(customer.name)}
      <CustomerHeader customer={customer} onEdit={() => setEditing(true)} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <VehiclesCard customerId={customer.id} vehicles={vehicles} />
          <ComplaintsCard customerId={customer.id} vehicles={vehicles} />
          <RepairOrdersCard orders={repairOrders} vehicles={vehicles} />
          <SalesOrdersCard orders={salesOrders} vehicles={vehicles} />
        </Col>
        <Col xs={24} xl={8}>
          <ContactCard customer={customer} />
          <ClassesCard customerId={customer.id} />
          <InteractionsCard customerId={customer.id} items={interactions} />
          <ContactPrefsCard customerId={customer.id} prefs={customer.preferencesContact} />
          <ConsentsCard consents={consents} />
        </Col>
      </Row>
      <CustomerFormDrawer open={editing} customer={customer} onClose={() => setEditing(false)} />
    </div>
  );
};
