import { CheckCircleOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useTasks } from './api.ts';
import './tasks.css';

/** The home screen's 我的任务 section: how many calls are waiting, how many overdue. */
export const TasksEntry = () => {
  const { t } = useI18n();
  const items = useTasks('mine').data ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <HomeEntry
      testIds={{ section: 'section-tasks', open: 'open-tasks', hint: 'tasks-summary' }}
      icon={<CheckCircleOutline />}
      title={t('home.myTasks')}
      hint={items.length > 0 ? t('tasks.entryHint', { open: items.length, overdue }) : t('tasks.entryEmpty')}
      to="/tasks"
    />
  );
};
