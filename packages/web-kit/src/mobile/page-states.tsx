import { Button, DotLoading } from 'antd-mobile';
import { ExclamationCircleOutline } from 'antd-mobile-icons';
import { EmptyState } from './empty-state.tsx';
import { useMobileI18n } from './messages.ts';

export const PageLoading = () => {
  const { t } = useMobileI18n();
  return (
    <div className="page-center" role="status">
      <DotLoading color="primary" />
      <span className="page-center-text">{t('app.loading')}</span>
    </div>
  );
};

/** The server could not be reached: say so and offer a retry, never a blank page. */
export const LoadFailed = ({ onRetry }: { onRetry: () => void }) => {
  const { t } = useMobileI18n();
  return (
    <div className="page-center">
      <EmptyState
        variant="page"
        icon={<ExclamationCircleOutline />}
        title={t('app.loadFailed')}
        description={t('app.loadFailedHint')}
      >
        <Button color="primary" fill="outline" shape="rounded" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      </EmptyState>
    </div>
  );
};
