import { Button, Ellipsis, Tag } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import type { CareTask } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

type Props = { task: CareTask; onDone: () => void; onSnooze: () => void; onReassign: () => void };

const dueText = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** One call to make: who, when, the number, the script, and what to do with it. */
export const TaskCard = ({ task, onDone, onSnooze, onReassign }: Props) => {
  const { t, locale } = useI18n();
  return (
    <article className="task-card" data-testid="task-card">
      <header className="task-card-head">
        <span className="task-card-title">{task.title}</span>
        {task.overdue ? (
          <Tag color="danger" fill="outline">
            {t('tasks.overdue')}
          </Tag>
        ) : null}
      </header>
      <div className="task-card-meta">
        <span>{task.customerName}</span>
        {task.plate ? <span>{task.plate}</span> : null}
        <span>{t('tasks.due', { time: dueText(task.dueAt, locale) })}</span>
      </div>
      {task.phone ? (
        <a className="task-card-phone" href={`tel:${task.phone}`} data-testid="task-call">
          <PhoneFill /> {t('tasks.call')} {task.phone}
        </a>
      ) : null}
      <div className="task-card-script">
        <span className="task-card-label">{t('tasks.script')}</span>
        <Ellipsis content={task.script} rows={3} expandText={t('tasks.expand')} collapseText={t('tasks.collapse')} />
      </div>
      <footer className="task-card-actions">
        <Button size="small" color="primary" onClick={onDone} data-testid="task-done">
          {t('tasks.done')}
        </Button>
        <Button size="small" onClick={onSnooze} data-testid="task-snooze">
          {t('tasks.snooze')}
        </Button>
        <Button size="small" onClick={onReassign} data-testid="task-reassign">
          {t('tasks.reassign')}
        </Button>
      </footer>
    </article>
  );
};
