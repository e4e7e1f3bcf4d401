import { FileOutline } from 'antd-mobile-icons';
import { EmptyState } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { HotlineList } from '../ui/hotline-list.tsx';

/** 维修档案: the owner's side of the service history (capability 2); empty until repair orders exist. */
export const RecordsTab = () => {
  const tenant = useTenant();
  const { t } = useI18n();
  return (
    <div className="tab-page" data-testid="page-records">
      <EmptyState
        testId="records-empty"
        icon={<FileOutline />}
        title={t('records.emptyTitle')}
        description={t('records.emptyHint', { name: tenant.shortName })}
      />
      {tenant.dealerHotline || tenant.oemHotline ? <HotlineList header={t('records.askHotline')} /> : null}
    </div>
  );
};
