import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, CheckList, Popup, PullToRefresh, Selector, Switch, Tabs, Toast } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { roleNames, type AgentLoad, type CallItem } from '@m4s/contracts';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { useStaffSession } from '../session/staff-session.ts';
import { useColleagues } from '../tasks/api.ts';
import { useCallQueue, useReassignCalls, type QueueFilter } from './api.ts';
import { CallRow } from './call-row.tsx';
import './calls.css';

const LoadTable = ({ loads }: { loads: AgentLoad[] }) => {
  const { t, locale } = useI18n();
  const names = roleNames[locale === 'en' ? 'en' : 'zh-CN'];
  return (
    <table className="call-loads" data-testid="call-loads">
      <caption>{t('calls.loads')}</caption>
      <thead>
        <tr>
          <th>{t('calls.agent')}</th>
          <th>{t('calls.loadDue')}</th>
          <th>{t('calls.loadLate')}</th>
          <th>{t('calls.loadAttempts')}</th>
          <th>{t('calls.loadCompleted')}</th>
          <th>{t('calls.loadTarget')}</th>
        </tr>
      </thead>
      <tbody>
        {loads.map((l) => (
          <tr key={`${l.staffId ?? 'pool'}-${l.role}`} data-testid="call-load-row">
            <td>{l.staffId ? l.name : t('calls.pool', { role: names[l.role as keyof typeof names] ?? l.role })}</td>
            <td>{l.dueToday}</td>
            <td className={l.late > 0 ? 'call-loads-late' : undefined}>{l.late}</td>
            <td>{l.attemptsToday}</td>
            <td>{l.completedToday}</td>
            <td className={l.staffId && l.dueToday > l.target ? 'call-loads-late' : undefined}>
              {l.staffId ? l.target : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const ReassignSheet = ({ call, onClose }: { call: CallItem | null; onClose: () => void }) => {
  const { t } = useI18n();
  const colleagues = useColleagues(call?.storeId ?? null);
  const reassign = useReassignCalls();
  const options = (colleagues.data ?? []).filter((s) => s.id !== call?.assigneeId);
  return (
    <Popup visible={call !== null} onMaskClick={onClose} onClose={onClose} destroyOnClose>
      <div className="call-sheet" data-testid="call-reassign-sheet">
        <h3 className="call-sheet-title">{t('calls.reassignTitle')}</h3>
        <CheckList
          onChange={(v) => {
            const assigneeId = String(v[0] ?? '');
            if (!call || !assigneeId) return;
            reassign.mutate(
              { taskIds: [call.id], assigneeId },
              {
                onSuccess: () => {
                  Toast.show({ icon: 'success', content: t('calls.reassigned') });
                  onClose();
                },
                onError: (e) => Toast.show({ content: e.message }),
              },
            );
          }}
        >
          {options.map((s) => (
            <CheckList.Item key={s.id} value={s.id}>
              {s.name}
            </CheckList.Item>
          ))}
        </CheckList>
      </div>
    </Popup>
  );
};

/**
 * 回访工作台: my queue (today's calls, late ones first, in each customer's slot) and — for a supervisor
 * (calls.supervise) — the store's queue with every agent's day and reassignment. Pages of 50.
 */
export const CallsPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { me } = useStaffSession();
  const supervises = me?.permissions.includes('calls.supervise') ?? false;
  const [filter, setFilter] = useState<QueueFilter>({ scope: 'mine', when: 'today', late: false, page: 1 });
  const [moving, setMoving] = useState<CallItem | null>(null);
  const queue = useCallQueue(filter);
  const set = (patch: Partial<QueueFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const data = queue.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const myDay = filter.scope === 'mine' ? data?.loads[0] : undefined;
  const list = () => {
    if (queue.isLoading) return <PageLoading />;
    if (queue.isError) return <LoadFailed onRetry={() => void queue.refetch()} />;
    if (!data || data.items.length === 0)
      return (
        <EmptyState
          icon={<PhoneFill />}
          title={t('calls.empty')}
          description={t('calls.emptyHint')}
          testId="calls-empty"
        />
      );
    return (
      <div className="call-list" data-testid="call-list">
        {data.items.map((call) => (
          <CallRow
            key={call.id}
            call={call}
            onOpen={() => void navigate(`/calls/${call.id}`)}
            showAssignee={filter.scope === 'store'}
            onReassign={filter.scope === 'store' ? () => setMoving(call) : undefined}
          />
        ))}
      </div>
    );
  };
  return (
    <div className="calls">
      <PageBar title={t('calls.title')} />
      {supervises ? (
        <Tabs activeKey={filter.scope} onChange={(k) => set({ scope: k === 'store' ? 'store' : 'mine' })}>
          <Tabs.Tab title={t('calls.mine')} key="mine" data-testid="calls-tab-mine" />
          <Tabs.Tab title={t('calls.store')} key="store" data-testid="calls-tab-store" />
        </Tabs>
      ) : null}
      <div className="calls-filters">
        <Selector
          options={[
            { label: t('calls.today'), value: 'today' },
            { label: t('calls.all'), value: 'all' },
          ]}
          value={[filter.when]}
          onChange={(v) => v[0] && set({ when: v[0] === 'all' ? 'all' : 'today' })}
          data-testid="calls-when"
        />
        <label className="calls-late-switch">
          <Switch checked={filter.late} onChange={(late) => set({ late })} data-testid="calls-late-only" />
          {t('calls.lateOnly')}
        </label>
        {data ? (
          <span className="calls-total" data-testid="calls-total">
            {t('calls.total', { total: data.total })}
          </span>
        ) : null}
      </div>
      {myDay ? (
        <p className="calls-my-day" data-testid="calls-my-day">
          {t('calls.myDay', {
            due: myDay.dueToday,
            attempts: myDay.attemptsToday,
            completed: myDay.completedToday,
            target: myDay.target,
          })}
        </p>
      ) : null}
      {filter.scope === 'store' && data ? <LoadTable loads={data.loads} /> : null}
      <PullToRefresh onRefresh={async () => void (await queue.refetch())}>{list()}</PullToRefresh>
      {pages > 1 ? (
        <div className="calls-pager">
          <Button
            size="small"
            disabled={filter.page <= 1}
            onClick={() => setFilter((f) => ({ ...f, page: f.page - 1 }))}
          >
            {t('calls.prev')}
          </Button>
          <span>{t('calls.page', { page: filter.page, pages })}</span>
          <Button
            size="small"
            disabled={filter.page >= pages}
            onClick={() => setFilter((f) => ({ ...f, page: f.page + 1 }))}
            data-testid="calls-next"
          >
            {t('calls.next')}
          </Button>
        </div>
      ) : null}
      <ReassignSheet call={moving} onClose={() => setMoving(null)} />
    </div>
  );
};
