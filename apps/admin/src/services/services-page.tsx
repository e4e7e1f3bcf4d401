import { Card, Tabs } from 'antd';
import { useI18n } from '../i18n.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { RequestsTab } from './requests-tab.tsx';
import { StoreServicesTab } from './store-services.tsx';

/** 服务项目 (docs/services.md): the one-click services switched on per store, and the requests they bring. */
export const ServicesPage = () => {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('svcAdmin.title')} subtitle={t('svcAdmin.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'setup', label: t('svcAdmin.tab.setup'), children: <StoreServicesTab /> },
            { key: 'requests', label: t('svcAdmin.tab.requests'), children: <RequestsTab /> },
          ]}
        />
      </Card>
    </>
  );
};
