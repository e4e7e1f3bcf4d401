import { Typography } from 'antd';
import { useI18n } from '../i18n.ts';

/**
 * A consultant or advisor an imported file named when no staff member had that name: the name as the file
 * gave it, with a small note that it is not anyone on the staff (imports keep it as text, docs/imports.md).
 */
export const KeptStaffName = ({ name }: { name: string }) => {
  const { t } = useI18n();
  return (
    <span data-testid="staff-unmatched">
      {name}
      <Typography.Text type="secondary">{t('customer.staffUnmatched')}</Typography.Text>
    </span>
  );
};
