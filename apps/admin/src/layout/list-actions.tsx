import type { ReactNode } from 'react';
import { Button, type TableColumnType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';

type ButtonProps = { onClick: () => void; testId: string };

/** A list page's "new …" button, in its header. */
export const CreateButton = ({ onClick, testId, children }: ButtonProps & { children: ReactNode }) => (
  <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
    {children}
  </Button>
);

/** A row's edit link, in the table's actions column. */
export const EditLink = ({ onClick, testId }: ButtonProps) => {
  const { t } = useI18n();
  return (
    <Button type="link" icon={<EditOutlined />} onClick={onClick} data-testid={testId}>
      {t('common.edit')}
    </Button>
  );
};

/** The table's last column, pinned right so the actions stay in reach on a wide table. */
export const actionsColumn = <T,>(title: string, width: number, render: (row: T) => ReactNode): TableColumnType<T> => ({
  title,
  className: 'nowrap',
  fixed: 'right',
  key: 'actions',
  width,
  render: (_, row) => render(row),
});
