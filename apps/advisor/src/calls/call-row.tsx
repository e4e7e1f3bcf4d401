import { Tag } from 'antd-mobile';
import type { CallItem } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

export const dueText = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** The state of a call as a tag (late in red, closed in grey). */
export const StateTag = ({ call }: { call: CallItem }) => {
  const { t } = useI18n();
  const closed = !['scheduled', 'retry', 'rescheduled'].includes(call.state);
  return (
    <Tag color={closed ? 'default' : call.state === 'scheduled' ? 'primary' : 'warning'} fill="outline">
      {t(`calls.state.${call.state}`)}
    </Tag>
  );
};

type Props = { call: CallItem; onOpen: () => void; showAssignee?: boolean; onReassign?: (() => void) | undefined };

/** One line of a queue: when, who, which follow-up, where it stands; a tap opens the call screen. */
export const CallRow = ({ call, onOpen, showAssignee, onReassign }: Props) => {
  const { t, locale } = useI18n();
  return (
    <article className="call-row" data-testid="call-row" data-call-id={call.id}>
      <button type="button" className="call-row-main" onClick={onOpen} data-testid="call-open">
        <span className="call-row-due" data-testid="call-due">
          {dueText(call.dueAt, locale)}
        </span>
        <span className="call-row-who">
          <span className="call-row-name">{call.customerName}</span>
          {call.plate ? <span className="call-row-plate">{call.plate}</span> : null}
        </span>
        <span className="call-row-title">
          {call.kind === 'callback' ? `${t('calls.kind.callback')} · ` : ''}
          {call.title}
        </span>
        <span className="call-row-tags">
          {call.late ? (
            <Tag color="danger" fill="outline" data-testid="call-late">
              {t('calls.late')}
            </Tag>
          ) : null}
          <StateTag call={call} />
          {call.attempts > 0 ? (
            <span className="call-row-attempts">{t('calls.attempts', { n: call.attempts })}</span>
          ) : null}
        </span>
      </button>
      {showAssignee ? (
        <div className="call-row-assignee">
          <span>{call.assigneeName ?? t('calls.unassigned')}</span>
          {onReassign ? (
            <button type="button" className="call-row-link" onClick={onReassign} data-testid="call-reassign">
              {t('calls.reassign')}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
};
