import { Button, Card, Result, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ServiceType } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { actionsColumn, CreateButton, EditLink } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { useEditing } from '../lib/use-editing.ts';
import { useStores } from '../stores/store-api.ts';
import { useServiceTypes } from './service-api.ts';
import { ServiceTypeDrawer } from './service-type-form.tsx';

/** 服务项目: the catalogue owners book from and the desk quotes from, group-wide or per store. */
export const ServiceTypesPage = () => {
  const { t, locale } = useI18n();
  const can = useCan();
  const types = useServiceTypes();
  const stores = useStores();
  const editing = useEditing<ServiceType>();
  if (!can('service.setup')) return <Result status="403" title={t('common.forbidden')} />;
  const storeName = (id: string | null) =>
    id ? (stores.data?.find((s) => s.id === id)?.name ?? t('common.none')) : t('types.groupWide');

  const price = (s: ServiceType) => {
    if (s.priceMaxFen === 0) return <Typography.Text type="success">{t('types.priceFree')}</Typography.Text>;
    if (s.priceMinFen === s.priceMaxFen) return yuan(s.priceMinFen, locale);
    return `${yuan(s.priceMinFen, locale)} – ${yuan(s.priceMaxFen, locale)}`;
  };

  const columns: TableColumnsType<ServiceType> = [
    { title: t('types.position'), dataIndex: 'position', width: 70, className: 'tabular' },
    {
      title: t('types.code'),
      dataIndex: 'code',
      className: 'nowrap',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('types.name'),
      dataIndex: 'name',
      className: 'nowrap',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('types.category'),
      dataIndex: 'category',
      className: 'nowrap',
      render: (c: ServiceType['category']) => t(`category.${c}`),
    },
    { title: t('types.store'), dataIndex: 'storeId', className: 'nowrap', render: storeName },
    {
      title: t('types.duration'),
      dataIndex: 'durationMinutes',
      className: 'nowrap tabular',
      render: (m: number) => `${m} ${t('types.durationUnit')}`,
    },
    { title: t('types.price'), key: 'price', className: 'nowrap tabular', render: (_, s) => price(s) },
    { title: t('types.bring'), dataIndex: 'bring', render: (b: string | null) => b ?? t('common.none') },
    {
      title: t('types.online'),
      dataIndex: 'onlineBookable',
      className: 'nowrap',
      render: (on: boolean) => (
        <Tag color={on ? 'blue' : 'default'}>{t(on ? 'types.onlineYes' : 'types.onlineNo')}</Tag>
      ),
    },
    {
      title: t('types.active'),
      dataIndex: 'active',
      className: 'nowrap',
      render: (on: boolean) => (
        <Tag color={on ? 'green' : 'default'}>{t(on ? 'types.activeOn' : 'types.activeOff')}</Tag>
      ),
    },
    actionsColumn(t('common.actions'), 90, (s) => (
      <EditLink onClick={() => editing.edit(s)} testId={`type-edit-${s.code}`} />
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('types.title')}
        subtitle={t('types.subtitle')}
        extra={
          <CreateButton onClick={editing.create} testId="type-create">
            {t('types.create')}
          </CreateButton>
        }
      />
      <Card
        title={types.data ? t('types.count', { count: types.data.length }) : undefined}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => void types.refetch()}
            aria-label={t('common.refresh')}
          />
        }
      >
        <QueryTable<ServiceType>
          query={types}
          columns={columns}
          scroll={{ x: 'max-content' }}
          emptyText={t('types.empty')}
          testId="types-table"
        />
      </Card>
      <ServiceTypeDrawer open={editing.open} item={editing.item} onClose={editing.close} />
    </>
  );
};
