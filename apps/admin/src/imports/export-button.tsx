import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';

/**
 * 导出Excel on the customer search: the customers the search finds (all of them, up to the server's cap,
 * when nothing is typed). Only for roles that may take data out; the server audits every export.
 */
export const CustomerExportButton = ({ q, disabled }: { q: string; disabled?: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  if (!can('customer.export')) return null;

  const run = async () => {
    setBusy(true);
    try {
      const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() }).toString()}` : '';
      const name = await download(`/api/customers/export.xlsx${query}`);
      void message.success(t('export.done', { name }));
    } catch (error) {
      void message.error(t('export.failed', { message: errorText(error, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={q.trim() ? t('export.hintSearch') : t('export.hintAll')}>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy}
        disabled={disabled}
        onClick={() => void run()}
        data-testid="customer-export"
      >
        {t('export.button')}
      </Button>
    </Tooltip>
  );
};
