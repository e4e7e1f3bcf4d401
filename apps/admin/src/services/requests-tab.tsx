import { useState } from 'react';
import { Segmented, Table, Tag } from 'antd';
import type { StaffRequestSummary } from '@m4s/contracts';
import { roleNames } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { pick, useAllRequests } from './services-api.ts';

const stamp = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Every store's service requests (the admin's store, or the group's): open ones by priority and deadline. */
export const RequestsTab = () => {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const requests = useAllRequests(status);
  return (
    <>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v === 'all' ? 'all' : 'open')}
        options={[
          { value: 'open', label: t('svcAdmin.open') },
          { value: 'all', label: t('svcAdmin.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<StaffRequestSummary>
        rowKey="id"
        size="middle"
        loading={requests.isLoading}
        dataSource={requests.data ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="svc-requests"
        columns={[
          {
            title: t('svcAdmin.service'),
            render: (_, r) => (
              <>
                {r.priority === 1 ? <Tag color="red">{t('svcAdmin.urgent')}</Tag> : null}
                {pick(r.serviceName, locale)}
              </>
            ),
          },
          { title: t('svcAdmin.store'), dataIndex: 'storeName' },
          { title: t('svcAdmin.customer'), render: (_, r) => [r.customerName, r.plate].filter(Boolean).join(' · ') },
          { title: t('svcAdmin.handler'), render: (_, r) => roleNames[locale][r.handlerRole] },
          { title: t('svcAdmin.status'), render: (_, r) => <Tag>{pick(r.statusLabel, locale)}</Tag> },
          {
            title: t('svcAdmin.due'),
            render: (_, r) =>
              r.closed ? (
                '—'
              ) : (
                <Tag color={Date.parse(r.dueAt) < Date.now() ? 'red' : 'blue'}>
                  {stamp(new Date(r.dueAt).toISOString())}
                </Tag>
              ),
          },
          { title: t('svcAdmin.created'), render: (_, r) => stamp(r.createdAt) },
        ]}
      />
    </>
  );
};
