import { List, PullToRefresh, Space, Tag } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { pick, useServiceQueue } from './api.ts';
import { DueTag } from './countdown.tsx';

/** 服务请求: the queue of my role in my store, by priority (rescue first), then the nearest deadline. */
export const ServiceRequestsPage = () => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queue = useServiceQueue();
  const list = () => {
    if (queue.isLoading) return <PageLoading />;
    if (queue.isError) return <LoadFailed onRetry={() => void queue.refetch()} />;
    const items = queue.data ?? [];
    if (items.length === 0)
      return (
        <EmptyState
          icon={<CheckCircleOutline />}
          title={t('sr.empty')}
          description={t('sr.entryEmpty')}
          testId="sr-empty"
        />
      );
    return (
      <List data-testid="sr-list">
        {items.map((r) => (
          <List.Item
            key={r.id}
            onClick={() => void navigate(`/service-requests/${r.id}`)}
            description={[r.customerName, r.plate, pick(r.statusLabel, locale)].filter(Boolean).join(' · ')}
            extra={<DueTag dueAt={r.dueAt} />}
            data-testid="sr-item"
          >
            <Space>
              {r.priority === 1 ? (
                <Tag color="danger">{t('sr.urgent')}</Tag>
              ) : (
                <Tag>{t('sr.priority', { p: r.priority })}</Tag>
              )}
              <span>{pick(r.serviceName, locale)}</span>
            </Space>
          </List.Item>
        ))}
      </List>
    );
  };
  return (
    <div>
      <PageBar title={t('sr.title')} />
      <PullToRefresh onRefresh={async () => void (await queue.refetch())}>{list()}</PullToRefresh>
    </div>
  );
};
