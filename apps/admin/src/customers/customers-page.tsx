import { useState } from 'react';
import { Alert, Card, Empty, Flex, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { CreateButton } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { tooFewDigits, useCustomerSearch, type CustomerRow } from './customer-api.ts';
import { CustomerFlags, CustomerTags } from './customer-flags.tsx';
import { CustomerFormDrawer } from './customer-form.tsx';
import { useNames } from './use-names.ts';
import { CustomerExportButton } from '../imports/export-button.tsx';

/** One box for name or phone digits; the query lives in the URL so "back" from a record returns to the list. */
export const CustomersPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canWrite = useCan()('customer.write');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const results = useCustomerSearch(q);
  const names = useNames();

  const search = (value: string) => setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });

  const columns: TableColumnsType<CustomerRow> = [
    {
      title: t('customers.col.name'),
      className: 'nowrap',
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/customers/${row.id}`} data-testid={`customer-link-${row.id}`}>
          <Typography.Text strong>{name}</Typography.Text>
          {row.kind === 'organisation' && (
            <Tag variant="filled" style={{ marginLeft: 8 }}>
              {t('customer.kind.organisation')}
            </Tag>
          )}
        </Link>
      ),
    },
    {
      title: t('customers.col.phone'),
      className: 'nowrap',
      dataIndex: 'primaryPhone',
      render: (phone: string | null) => <span className="tabular">{phone ?? t('common.none')}</span>,
    },
    { title: t('customers.col.tags'), dataIndex: 'tags', render: (tags: string[]) => <CustomerTags tags={tags} /> },
    {
      title: t('customers.col.flags'),
      key: 'flags',
      render: (_, row) => <CustomerFlags malicious={row.malicious} seasonal={row.seasonal} />,
    },
    {
      title: t('customers.col.store'),
      className: 'nowrap',
      dataIndex: 'homeStoreId',
      render: (id: string | null) => names.storeName(id) ?? t('common.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'nowrap',
      width: 110,
      render: (_, row) => <Link to={`/customers/${row.id}`}>{t('customers.view')}</Link>,
    },
  ];

  const searched = q.length > 0 && !tooFewDigits(q);
  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          <Space>
            <CustomerExportButton q={q} disabled={tooFewDigits(q)} />
            {canWrite && (
              <CreateButton onClick={() => setCreating(true)} testId="customer-create">
                {t('customers.create')}
              </CreateButton>
            )}
          </Space>
        }
      />
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            size="large"
            style={{ maxWidth: 520 }}
            prefix={<SearchOutlined />}
            placeholder={t('customers.search')}
            enterButton={t('customers.searchButton')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={search}
            data-testid="customer-search"
          />
          {results.data && searched && (
            <Typography.Text type="secondary" data-testid="customer-count">
              {t('customers.count', { count: results.data.length })}
            </Typography.Text>
          )}
        </Flex>
        {tooFewDigits(q) && <Alert type="warning" showIcon className="form-alert" title={t('customers.shortDigits')} />}
        {searched ? (
          <QueryTable<CustomerRow>
            query={results}
            loading={results.isFetching}
            columns={columns}
            scroll={{ x: 'max-content' }}
            emptyText={t('customers.empty', { q })}
            testId="customer-results"
            onRow={(row) => ({ onDoubleClick: () => void navigate(`/customers/${row.id}`) })}
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <Typography.Text strong>{t('customers.promptTitle')}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('customers.promptText')}</Typography.Text>
              </>
            }
            data-testid="customer-search-prompt"
          />
        )}
      </Card>
      <CustomerFormDrawer
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate(`/customers/${saved.id}`)}
      />
    </>
  );
};
