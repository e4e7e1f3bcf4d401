import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../i18n.ts';

/** The secret, shown this once (after creation or rotation), with a copy button. */
export const SecretModal = ({ secret, onClose }: { secret: string | null; onClose: () => void }) => {
  const { t } = useI18n();
  return (
    <Modal
      open={secret !== null}
      title={t('webhooks.secret.title')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('webhooks.secret.done')}
      okButtonProps={{ 'data-testid': 'webhook-secret-done' }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('webhooks.secret.once')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret ?? '', tooltips: [t('webhooks.secret.copy'), t('webhooks.secret.copied')] }}
        data-testid="webhook-secret"
        style={{ wordBreak: 'break-all' }}
      >
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('webhooks.secret.howTo')}</Typography.Text>
    </Modal>
  );
};
