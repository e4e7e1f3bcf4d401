import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Store } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { actionsColumn, CreateButton, EditLink } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { useEditing } from '../lib/use-editing.ts';
import { StoreFormDrawer } from './store-form.tsx';
import { useStores } from './store-api.ts';
import { summarizeHours } from './opening-hours.ts';

export const StoresPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const stores = useStores();
  const editing = useEditing<Store>();
  const canWrite = can('store.write');

  const hours = (store: Store) =>
    summarizeHours(store.openingHours).map((run) => (
      <div key={run.from}>
        {run.from === run.to ? t(`day.${run.from}`) : `${t(`day.${run.from}`)}–${t(`day.${run.to}`)}`}{' '}
        {run.text ? (
          // Each period stays whole; a long day breaks between periods, never inside one.
          run.text.split(', ').map((period, i) => (
            <span key={period} className="nowrap">
              {i > 0 && ', '}
              {period}
            </span>
          ))
        ) : (
          <Typography.Text type="secondary">{t('hours.summaryClosed')}</Typography.Text>
        )}
      </div>
    ));

  const columns: TableColumnsType<Store> = [
    {
      title: t('stores.code'),
      className: 'nowrap',
      dataIndex: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('stores.name'),
      className: 'nowrap',
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('stores.brand'),
      className: 'nowrap',
      dataIndex: 'brand',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('stores.city'),
      className: 'nowrap',
      key: 'city',
      // The province is one hover away; the city is what people scan for.
      render: (_, s) => <span title={s.province ?? undefined}>{s.city ?? s.province ?? t('common.none')}</span>,
    },
    { title: t('stores.address'), dataIndex: 'address', width: 180 },
    {
      title: t('stores.phone'),
      className: 'nowrap',
      dataIndex: 'phone',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('stores.hours'), key: 'hours', width: 190, render: (_, s) => hours(s) },
    {
      title: t('stores.status'),
      className: 'nowrap',
      dataIndex: 'status',
      width: 90,
      render: (status: Store['status']) => (
        <Tag color={status === 'active' ? 'green' : 'default'}>{t(`stores.status.${status}`)}</Tag>
      ),
    },
  ];
  if (canWrite) {
    columns.push(
      actionsColumn(t('common.actions'), 90, (s) => (
        <EditLink onClick={() => editing.edit(s)} testId={`store-edit-${s.code}`} />
      )),
    );
  }

  return (
    <>
      <PageHeader
        title={t('stores.title')}
        subtitle={t('stores.subtitle')}
        extra={
          canWrite && (
            <CreateButton onClick={editing.create} testId="store-create">
              {t('stores.create')}
            </CreateButton>
          )
        }
      />
      <Card
        title={stores.data ? t('stores.count', { count: stores.data.length }) : undefined}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => void stores.refetch()}
            aria-label={t('common.refresh')}
          />
        }
      >
        <QueryTable<Store>
          query={stores}
          columns={columns}
          scroll={{ x: 'max-content' }}
          emptyText={t('stores.empty')}
          testId="stores-table"
        />
      </Card>
      <StoreFormDrawer open={editing.open} store={editing.item} onClose={editing.close} />
    </>
  );
};
