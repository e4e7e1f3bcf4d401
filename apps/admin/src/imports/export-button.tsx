import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { importRoutes } from '@m4s/contracts';
import { api, download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';

/**
 * 导出Excel: downloads the XLSX at `url`. Only for roles that may take data out (customer.export); the
 * server audits every export.
 */
export const ExcelExportButton = (props: { url: string; testId: string; tooltip?: string; disabled?: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  if (!can('customer.export')) return null;

  const run = async () => {
    setBusy(true);
    try {
      const name = await download(props.url);
      void message.success(t('export.done', { name }));
    } catch (error) {
      void message.error(t('export.failed', { message: errorText(error, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      disabled={props.disabled}
      onClick={() => void run()}
      data-testid={props.testId}
    >
      {t('export.button')}
    </Button>
  );
  return props.tooltip ? <Tooltip title={props.tooltip}>{button}</Tooltip> : button;
};

/**
 * 导出Excel on the customer search: the customers the search finds (all of them, up to the server's cap,
 * when nothing is typed).
 */
export const CustomerExportButton = ({ q, disabled }: { q: string; disabled?: boolean }) => {
  const { t } = useI18n();
  const url = api.href(importRoutes.exportCustomers, { query: { q: q.trim() || undefined } });
  return (
    <ExcelExportButton
      url={url}
      testId="customer-export"
      tooltip={q.trim() ? t('export.hintSearch') : t('export.hintAll')}
      {...(disabled === undefined ? {} : { disabled })}
    />
  );
};
