import { useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { ReportFormat, ReportSubscription } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useSignedInMe } from '../auth/session.ts';
import { useStores } from '../stores/store-api.ts';
import { useSubscribe, useSubscriptions, useUnsubscribe } from './reports-api.ts';

const formats: ReportFormat[] = ['both', 'pdf', 'xlsx'];

/** The signed-in manager's subscriptions: which report (group or a store), the format, the e-mail address. */
export const ReportSubscriptions = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const stores = useStores();
  const subs = useSubscriptions();
  const subscribe = useSubscribe();
  const unsubscribe = useUnsubscribe();
  const own = me.staff.store?.id ?? null;
  const [scope, setScope] = useState<string>(own ?? '');
  const [format, setFormat] = useState<ReportFormat>('both');
  const [email, setEmail] = useState('');
  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t('common.networkError')));
    }
  };
  const columns: TableColumnsType<ReportSubscription> = [
    { title: t('reports.subs.scope'), key: 'scope', render: (_, s) => s.storeName ?? t('reports.group') },
    { title: t('reports.subs.format'), key: 'format', render: (_, s) => t(`reports.format.${s.format}`) },
    {
      title: t('reports.subs.email'),
      key: 'email',
      render: (_, s) => s.email ?? <Tag color="warning">{t('reports.subs.noEmail')}</Tag>,
    },
    {
      title: '',
      key: 'remove',
      render: (_, s) => (
        <Button size="small" danger onClick={() => void run(() => unsubscribe.mutateAsync(s.id))}>
          {t('reports.subs.remove')}
        </Button>
      ),
    },
  ];
  const scopes = own
    ? (stores.data ?? []).filter((s) => s.id === own)
    : [{ id: '', name: t('reports.group') }, ...(stores.data ?? [])];
  return (
    <Card title={t('reports.subs.title')} size="small" style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={scope}
          onChange={setScope}
          options={scopes.map((s) => ({ value: s.id, label: s.name }))}
          data-testid="sub-scope"
        />
        <Select
          style={{ width: 140 }}
          value={format}
          onChange={setFormat}
          options={formats.map((f) => ({ value: f, label: t(`reports.format.${f}`) }))}
        />
        <Input
          style={{ width: 240 }}
          placeholder={t('reports.subs.email')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="sub-email"
        />
        <Button
          type="primary"
          loading={subscribe.isPending}
          onClick={() =>
            void run(
              () => subscribe.mutateAsync({ storeId: scope || null, format, email: email.trim() || null }),
              t('reports.subs.saved'),
            )
          }
        >
          {t('reports.subs.add')}
        </Button>
      </Space>
      {!email.trim() && <Alert type="info" showIcon message={t('reports.subs.noEmail')} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={subs.data ?? []}
        locale={{ emptyText: t('reports.subs.none') }}
      />
    </Card>
  );
};
