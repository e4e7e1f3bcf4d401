import { Result, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { FactorSetsTab } from './factor-sets-tab.tsx';
import { FiguresTab } from './figures-tab.tsx';
import { KpiTab } from './kpi-tab.tsx';

/** 满意度与回访: the indices, the follow-up KPIs with their export, the factor sets (docs/indices.md). */
export const IndicesPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  if (!can('calls.supervise')) return <Result status="403" title={t('common.forbidden')} />;
  const tab = params.get('tab') ?? 'figures';
  return (
    <>
      <PageHeader title={t('indices.title')} subtitle={t('indices.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams((p) => ({ ...Object.fromEntries(p), tab: key }), { replace: true })}
        destroyInactiveTabPane
        items={[
          { key: 'figures', label: t('indices.tab.figures'), children: <FiguresTab /> },
          { key: 'kpis', label: t('indices.tab.kpis'), children: <KpiTab /> },
          { key: 'factors', label: t('indices.tab.factors'), children: <FactorSetsTab /> },
        ]}
      />
    </>
  );
};
