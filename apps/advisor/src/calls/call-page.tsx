import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { callOutcomes, openCallStates, type CallOutcome } from '@m4s/contracts';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { useCall } from './api.ts';
import { StateTag, dueText } from './call-row.tsx';
import { CustomerSummary } from './customer-summary.tsx';
import { FollowUpPanel } from './follow-up-panel.tsx';
import { OutcomeSheet } from './outcome-sheet.tsx';
import { QuestionnairePanel, type CallSurvey } from './questionnaire-panel.tsx';
import './calls.css';

/**
 * The call screen: who and when, one tap to dial, the script with its variables filled in, the customer's
 * 360 summary, every attempt so far, and the outcome buttons (ch3-4 §2.4). Two columns at a desk.
 */
export const CallPage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const call = useCall(id);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [survey, setSurvey] = useState<CallSurvey | null>(null);
  if (call.isLoading) return <PageLoading />;
  if (call.isError || !call.data) return <LoadFailed onRetry={() => void call.refetch()} />;
  const { call: c, attempts } = call.data;
  const open = openCallStates.includes(c.state);
  return (
    <div className="call-screen" data-testid="call-screen">
      <PageBar title={c.title} />
      <div className="call-columns">
        <div className="call-column">
          <section className="call-panel">
            <div className="call-head">
              <span className="call-name" data-testid="call-customer">
                {c.customerName}
              </span>
              {c.plate ? <span>{c.plate}</span> : null}
              <StateTag call={c} />
              {c.late ? (
                <Tag color="danger" fill="outline">
                  {t('calls.late')}
                </Tag>
              ) : null}
            </div>
            <div className="call-meta">
              <span data-testid="call-screen-due">{dueText(c.dueAt, locale)}</span>
              {c.preferredSlot ? <span>{t('calls.slot', { slot: t(`calls.slot.${c.preferredSlot}`) })}</span> : null}
              {c.quietStart && c.quietEnd ? (
                <span>{t('calls.quiet', { start: c.quietStart, end: c.quietEnd })}</span>
              ) : null}
              {c.attempts > 0 ? <span>{t('calls.attempts', { n: c.attempts })}</span> : null}
              {open ? <span>{t('calls.expires', { time: dueText(c.expiresAt, locale) })}</span> : null}
            </div>
            {c.phone ? (
              <a className="call-dial" href={`tel:${c.phone}`} data-testid="call-dial">
                <PhoneFill /> {t('calls.dial', { phone: c.phone })}
              </a>
            ) : (
              <p className="call-warning">{t('calls.noPhone')}</p>
            )}
            {c.phoneFlag ? <p className="call-warning">{t(`calls.phoneFlag.${c.phoneFlag}`)}</p> : null}
          </section>
          <section className="call-panel" data-testid="call-script">
            <h3 className="call-panel-title">{t('calls.script')}</h3>
            {c.state === 'rescheduled' ? <p className="call-sheet-hint">{t('calls.rescheduledHint')}</p> : null}
            <p className="call-script-text">{c.script}</p>
          </section>
          {open && c.kind === 'recovery_followup' ? <FollowUpPanel call={c} /> : null}
          {open && c.kind !== 'recovery_followup' ? (
            <QuestionnairePanel call={c} value={survey} onChange={setSurvey} />
          ) : null}
          <section className="call-panel" data-testid="call-outcomes">
            <h3 className="call-panel-title">{t('calls.outcome')}</h3>
            {open ? (
              <div className="call-outcome-buttons">
                {callOutcomes
                  .filter((o) => o !== 'completed' || c.kind !== 'recovery_followup')
                  .map((o) => (
                    <Button
                      key={o}
                      size="middle"
                      color={o === 'completed' ? 'primary' : o === 'refused' ? 'danger' : 'default'}
                      onClick={() => setOutcome(o)}
                      data-testid={`call-outcome-${o}`}
                    >
                      {t(`calls.outcome.${o}`)}
                    </Button>
                  ))}
              </div>
            ) : (
              <p data-testid="call-closed">{t('calls.closed', { state: t(`calls.state.${c.state}`) })}</p>
            )}
          </section>
        </div>
        <div className="call-column">
          <CustomerSummary customerId={c.customerId} />
          <section className="call-panel" data-testid="call-history">
            <h3 className="call-panel-title">{t('calls.history')}</h3>
            {attempts.length === 0 ? (
              <p className="call-muted">{t('calls.noHistory')}</p>
            ) : (
              <ol className="call-attempts">
                {attempts.map((a) => (
                  <li key={a.seq} data-testid="call-attempt">
                    <span>{dueText(a.at, locale)}</span> <strong>{t(`calls.outcome.${a.outcome}`)}</strong>
                    {a.agentName ? <span> · {a.agentName}</span> : null}
                    {a.callbackAt ? <span> → {dueText(a.callbackAt, locale)}</span> : null}
                    {a.note ? <div className="call-muted">{a.note}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
      <OutcomeSheet call={c} outcome={outcome} survey={survey} onClose={() => setOutcome(null)} />
    </div>
  );
};
