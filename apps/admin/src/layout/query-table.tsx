import { Table, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { LoadFailedAlert } from './load-failed-alert.tsx';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'rowKey' | 'loading' | 'pagination' | 'locale'> & {
  /** The list behind the table: its rows, its load error above the table, its first load as the spinner. */
  query: UseQueryResult<T[]>;
  /** Instead of the first load only, e.g. every refetch when a filter keeps the old rows on screen. */
  loading?: boolean;
  pageSize?: number;
  emptyText: string;
  testId: string;
};

/** A console list page's table: rows by id, 20 to a page, an honest empty text and the load error. */
export const QueryTable = <T extends { id: string }>({
  query,
  loading,
  pageSize = 20,
  emptyText,
  testId,
  ...table
}: Props<T>) => (
  <>
    <LoadFailedAlert error={query.error} />
    <Table<T>
      rowKey="id"
      size="middle"
      dataSource={query.data}
      loading={loading ?? query.isPending}
      pagination={{ pageSize, hideOnSinglePage: true }}
      locale={{ emptyText }}
      data-testid={testId}
      {...table}
    />
  </>
);
