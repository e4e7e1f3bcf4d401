import { useState } from 'react';
import { App, Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { tenantRoutes } from '@m4s/contracts';
import { api, download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useOwnerAppInstall } from './branding-api.ts';

/**
 * 车主端安装: the owner app's install link, its QR code and the printable A4 poster — drawn by the same builder as
 * `m4s brand-apps` and the installed app's icons (server: platform/web/brand).
 */
export const InstallCard = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const install = useOwnerAppInstall();
  const [busy, setBusy] = useState(false);

  const poster = async () => {
    setBusy(true);
    try {
      const name = await download(api.href(tenantRoutes.ownerAppPoster));
      void message.success(t('branding.installPosterDone', { name }));
    } catch (error) {
      void message.error(t('branding.installPosterFailed', { message: errorText(error, t('common.networkError')) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('branding.install')} style={{ marginTop: 20 }} data-testid="branding-install">
      <LoadFailedAlert error={install.error} />
      <Typography.Paragraph type="secondary">{t('branding.installHint')}</Typography.Paragraph>
      {install.data && (
        <div style={{ textAlign: 'center' }}>
          <img
            src={install.data.qrPng}
            alt={t('branding.installQrAlt')}
            width={200}
            height={200}
            data-testid="branding-install-qr"
          />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('branding.installLink')}:{' '}
            <Typography.Link href={install.data.url} target="_blank" copyable data-testid="branding-install-url">
              {install.data.url}
            </Typography.Link>
          </Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => void poster()}
            data-testid="branding-poster"
          >
            {t('branding.installPoster')}
          </Button>
        </div>
      )}
    </Card>
  );
};
