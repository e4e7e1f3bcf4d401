import { useNavigate } from 'react-router-dom';
import { CheckCircleOutline, RightOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { useTasks } from './api.ts';
import './tasks.css';

/** The home screen's 我的任务 section: how many calls are waiting, how many overdue. */
export const TasksEntry = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tasks = useTasks('mine');
  const items = tasks.data ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <section className="home-section" data-testid="section-tasks">
      <button type="button" className="tasks-entry" onClick={() => void navigate('/tasks')} data-testid="open-tasks">
        <span className="home-section-icon">
          <CheckCircleOutline />
        </span>
        <span className="tasks-entry-text">
          <span className="home-section-title">{t('home.myTasks')}</span>
          <span className="home-section-hint" data-testid="tasks-summary">
            {items.length > 0 ? t('tasks.entryHint', { open: items.length, overdue }) : t('tasks.entryEmpty')}
          </span>
        </span>
        <RightOutline className="tasks-entry-arrow" />
      </button>
    </section>
  );
};
