import { Col, Result, Row } from 'antd';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ClosuresCard } from './closures-card.tsx';
import { LeaveCard } from './leave-card.tsx';
import { SettingsCard } from './settings-card.tsx';
import { StoreSelect, useStoreChoice } from './store-select.tsx';

/** 预约设置: one store's capacity on the left, its closures and its advisors' leave on the right. */
export const BookingSetupPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const { storeId, choose } = useStoreChoice();
  if (!can('service.setup')) return <Result status="403" title={t('common.forbidden')} />;
  return (
    <>
      <PageHeader
        title={t('setup.title')}
        subtitle={t('setup.subtitle')}
        extra={<StoreSelect value={storeId} onChange={choose} />}
      />
      {storeId && (
        <Row gutter={[16, 16]} key={storeId}>
          <Col xs={24} xl={11}>
            <SettingsCard storeId={storeId} canWrite />
          </Col>
          <Col xs={24} xl={13}>
            <ClosuresCard storeId={storeId} canWrite />
            <LeaveCard storeId={storeId} canWrite />
          </Col>
        </Row>
      )}
    </>
  );
};
