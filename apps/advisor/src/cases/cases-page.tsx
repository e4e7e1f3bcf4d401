import { List, PullToRefresh, Tag } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import type { Complaint } from '@m4s/contracts';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { useMyCases } from './api.ts';
import { nextDue, span } from './countdown.ts';
import { CaseNotices } from './notices.tsx';

/** The countdown of a case's next deadline, red once it has passed. */
export const CaseCountdown = ({ c }: { c: Complaint }) => {
  const { t } = useI18n();
  const next = nextDue(c, Date.now());
  if (!next) return null;
  const kind = t(`cases.deadline.${next.deadline.kind}`);
  return (
    <Tag
      color={next.ms < 0 ? 'danger' : next.deadline.state === 'warning' ? 'warning' : 'primary'}
      data-testid="case-countdown"
    >
      {next.ms < 0 ? t('cases.over', { kind, time: span(next.ms) }) : t('cases.left', { kind, time: span(next.ms) })}
    </Tag>
  );
};

/** 我的投诉案件: the cases the advisor handles, nearest deadline first. */
export const CasesPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const cases = useMyCases();
  const now = Date.now();
  const items = [...(cases.data ?? [])]
    .filter((c) => c.status === 'open')
    .sort((a, b) => (nextDue(a, now)?.ms ?? Infinity) - (nextDue(b, now)?.ms ?? Infinity));
  const list = () => {
    if (cases.isLoading) return <PageLoading />;
    if (cases.isError) return <LoadFailed onRetry={() => void cases.refetch()} />;
    if (items.length === 0)
      return (
        <EmptyState
          icon={<CheckCircleOutline />}
          title={t('cases.empty')}
          description={t('cases.entryEmpty')}
          testId="cases-empty"
        />
      );
    return (
      <List data-testid="case-list">
        {items.map((c) => (
          <List.Item
            key={c.id}
            onClick={() => void navigate(`/complaints/${c.id}`)}
            description={c.summary}
            extra={<CaseCountdown c={c} />}
            data-testid="case-item"
          >
            {c.customerName} · {t(`cases.stage.${c.stage}`)}
          </List.Item>
        ))}
      </List>
    );
  };
  return (
    <div>
      <PageBar title={t('cases.title')} />
      <PullToRefresh onRefresh={async () => void (await cases.refetch())}>
        <CaseNotices />
        {list()}
      </PullToRefresh>
    </div>
  );
};
