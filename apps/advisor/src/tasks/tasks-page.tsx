import { useState } from 'react';
import { PullToRefresh, Tabs } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { AlertList } from '../recovery/alert-list.tsx';
import { useTasks, type TaskScope } from './api.ts';
import { TaskCard } from './task-card.tsx';
import { TaskSheets, type Sheet } from './task-sheets.tsx';
import './tasks.css';

/** 我的任务: today's and overdue calls first, each done, snoozed or handed to a colleague from here. */
export const TasksPage = () => {
  const { t } = useI18n();
  const [scope, setScope] = useState<TaskScope>('mine');
  const [sheet, setSheet] = useState<Sheet>(null);
  const tasks = useTasks(scope);
  const list = () => {
    if (tasks.isLoading) return <PageLoading />;
    if (tasks.isError) return <LoadFailed onRetry={() => void tasks.refetch()} />;
    const items = tasks.data ?? [];
    if (items.length === 0)
      return (
        <EmptyState
          icon={<CheckCircleOutline />}
          title={t('tasks.empty')}
          description={t('tasks.emptyHint')}
          testId="tasks-empty"
        />
      );
    return (
      <div className="task-list" data-testid="task-list">
        {items.map((task) => (
          <TaskCard
            key={task.id}
            task={task}
            onDone={() => setSheet({ kind: 'done', task })}
            onSnooze={() => setSheet({ kind: 'snooze', task })}
            onReassign={() => setSheet({ kind: 'reassign', task })}
          />
        ))}
      </div>
    );
  };
  return (
    <div className="tasks">
      <PageBar title={t('tasks.title')} />
      <Tabs activeKey={scope} onChange={(k) => setScope(k === 'store' ? 'store' : 'mine')} className="tasks-tabs">
        <Tabs.Tab title={t('tasks.mine')} key="mine" />
        <Tabs.Tab title={t('tasks.store')} key="store" />
      </Tabs>
      <PullToRefresh onRefresh={async () => void (await tasks.refetch())}>
        {/* Hot alerts come before every other task: they are due within the hour. */}
        {scope === 'mine' ? <AlertList /> : null}
        {list()}
      </PullToRefresh>
      <TaskSheets sheet={sheet} onClose={() => setSheet(null)} />
    </div>
  );
};
