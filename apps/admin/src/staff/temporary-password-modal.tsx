import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../i18n.ts';

export type IssuedPassword = { name: string; password: string };

/** An admin's reset: the temporary password, shown this once, with a copy button. */
export const TemporaryPasswordModal = ({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) => {
  const { t } = useI18n();
  return (
    <Modal
      open={issued !== null}
      title={t('staff.resetTitle', { name: issued?.name ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('staff.resetClose')}
      okButtonProps={{ 'data-testid': 'staff-reset-done' }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('staff.resetHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: issued?.password ?? '', tooltips: [t('staff.resetCopy'), t('staff.resetCopied')] }}
        data-testid="staff-temporary-password"
        style={{ fontSize: 18 }}
      >
        {issued?.password}
      </Typography.Paragraph>
    </Modal>
  );
};
