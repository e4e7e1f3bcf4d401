import { Alert } from 'antd';
import { useI18n } from '../i18n.ts';

/** A query that could not load: the server's message (or the network's) above whatever the page still shows. */
export const LoadFailedAlert = ({ error }: { error: Error | null }) => {
  const { t } = useI18n();
  return error ? (
    <Alert type="error" showIcon className="form-alert" title={t('common.loadFailed', { message: error.message })} />
  ) : null;
};
