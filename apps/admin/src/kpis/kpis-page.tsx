import { Result, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { KpiBoard } from './kpi-board.tsx';
import { KpiPlans } from './kpi-plans.tsx';
import { KpiTargets } from './kpi-targets.tsx';

/** 指标体系: chapter 7's KPIs against targets with their drill-down, the targets, the improvement plans (docs/kpis.md). */
export const KpisPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const me = useSignedInMe();
  const [params, setParams] = useSearchParams();
  if (!can('kpi.read')) return <Result status="403" title={t('common.forbidden')} />;
  const tab = params.get('tab') ?? 'board';
  return (
    <>
      <PageHeader title={t('kpis.title')} subtitle={t('kpis.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams((p) => ({ ...Object.fromEntries(p), tab: key }), { replace: true })}
        destroyInactiveTabPane
        items={[
          { key: 'board', label: t('kpis.tab.board'), children: <KpiBoard storeId={me.staff.store?.id} /> },
          { key: 'targets', label: t('kpis.tab.targets'), children: <KpiTargets /> },
          { key: 'plans', label: t('kpis.tab.plans'), children: <KpiPlans /> },
        ]}
      />
    </>
  );
};
