import { useMemo, useState } from 'react';
import { Button, Card, Result, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { auditRoutes, roleNames, type AuditEntry } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { isMessageKey, useI18n } from '../i18n.ts';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { useStores } from '../stores/store-api.ts';
import { useStaffList } from '../staff/staff-api.ts';

const limits = [50, 100, 200];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const actorColors: Record<AuditEntry['actorKind'], string> = {
  staff: 'blue',
  owner: 'green',
  system: 'purple',
  anonymous: 'default',
};

export const AuditPage = () => {
  const { t } = useI18n();
  const can = useCan();
  return can('audit.read') ? <AuditLog /> : <Result status="403" title={t('common.forbidden')} />;
};

const AuditLog = () => {
  const { t, locale } = useI18n();
  const me = useSignedInMe();
  const [limit, setLimit] = useState(50);
  const audit = useQuery({
    queryKey: ['audit', limit],
    queryFn: async () => (await api.call(auditRoutes.list, { query: { limit } })).items,
  });
  // Ids mean nothing to a manager; show the names we already know.
  const staff = useStaffList({ storeId: null, q: '' });
  const stores = useStores();
  const names = useMemo(
    () =>
      new Map<string, string>([me.tenant, ...(staff.data ?? []), ...(stores.data ?? [])].map((x) => [x.id, x.name])),
    [me.tenant, staff.data, stores.data],
  );

  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  const shortId = (id: string) => names.get(id) ?? `${id.slice(0, 8)}…`;

  // Details in words: known keys named, ids as the names we know, times and amounts as people write them.
  const detailValue = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('common.none');
    if (typeof v === 'boolean') return t(v ? 'audit.detail.yes' : 'audit.detail.no');
    if (typeof v === 'number') return key.endsWith('Fen') ? `¥${(v / 100).toLocaleString(locale)}` : String(v);
    if (typeof v === 'string') {
      if (uuidPattern.test(v)) return shortId(v);
      if (key === 'role' && Object.hasOwn(roleNames[locale], v))
        return roleNames[locale][v as keyof (typeof roleNames)['en']];
      if (isoTimePattern.test(v)) return formatDateTime(v, locale) ?? v;
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => detailValue(key, x)).join(key === 'changed' ? '、' : ', ');
    if (typeof v === 'object') return `{ ${detailsText(v as Record<string, unknown>)} }`;
    return JSON.stringify(v);
  };
  const detailsText = (details: Record<string, unknown>): string =>
    Object.entries(details)
      .map(([k, v]) => `${label('audit.detail', k)}: ${detailValue(k, k === 'changed' ? changedFields(v) : v)}`)
      .join('  ');
  // `changed` lists field names; the ones we can name read as words.
  const changedFields = (v: unknown) => (Array.isArray(v) ? v.map((f) => label('audit.detail', String(f))) : v);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      className: 'nowrap',
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('audit.actor'),
      className: 'nowrap',
      key: 'actor',
      width: 200,
      render: (_, e) => (
        <Space size={4}>
          <Tag color={actorColors[e.actorKind]}>{t(`audit.actor.${e.actorKind}`)}</Tag>
          {e.actorId && <Typography.Text title={e.actorId}>{shortId(e.actorId)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      className: 'nowrap',
      dataIndex: 'action',
      // The code stays visible on hover: it is what support and the API docs talk about.
      render: (action: string) => <span title={action}>{label('action', action)}</span>,
    },
    {
      title: t('audit.target'),
      className: 'nowrap',
      key: 'target',
      render: (_, e) =>
        e.targetType ? (
          <span title={e.targetId ?? undefined}>
            {label('audit.target', e.targetType)}
            {e.targetId && ` · ${shortId(e.targetId)}`}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('audit.details'),
      dataIndex: 'details',
      ellipsis: true,
      render: (details: AuditEntry['details']) => {
        const text = detailsText(details);
        if (!text) return t('common.none');
        return (
          <Typography.Text type="secondary" title={text}>
            {text}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Space>
            <Select
              value={limit}
              onChange={setLimit}
              style={{ width: 160 }}
              options={limits.map((n) => ({ value: n, label: t('audit.limit', { count: n }) }))}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()} loading={audit.isFetching}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Card>
        <QueryTable<AuditEntry>
          query={audit}
          columns={columns}
          pageSize={25}
          emptyText={t('audit.empty')}
          testId="audit-table"
        />
      </Card>
    </>
  );
};
