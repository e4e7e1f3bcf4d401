import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Form, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { recoveryReactions, type RecoveryReaction } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { useAlert, useCloseAlert, useRecoveryPolicy } from './api.ts';
import { AlertTags, Countdown, timeText } from './alert-list.tsx';
import './recovery.css';

/** The close form: what was done and how the customer took it — the server refuses a close without them. */
const CloseForm = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const close = useCloseAlert(id);
  const policy = useRecoveryPolicy();
  const [action, setAction] = useState('');
  const [reaction, setReaction] = useState('');
  const [code, setCode] = useState<RecoveryReaction | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const save = () =>
    close.mutate(
      { action, reaction, reactionCode: code },
      {
        onSuccess: () => {
          setErrors([]);
          Toast.show({ icon: 'success', content: t('recovery.saved', { days: policy.data?.followUpDays ?? 3 }) });
        },
        onError: (e) => setErrors(e instanceof ApiError ? Object.values(e.fieldErrors()) : [t('recovery.failed')]),
      },
    );
  return (
    <section className="alert-panel" data-testid="alert-close">
      <h3>{t('recovery.close')}</h3>
      <Form layout="vertical">
        <Form.Item label={t('recovery.action')}>
          <TextArea
            value={action}
            onChange={setAction}
            rows={3}
            maxLength={2000}
            placeholder={t('recovery.actionPlaceholder')}
            data-testid="alert-action"
          />
        </Form.Item>
        <Form.Item label={t('recovery.reaction')}>
          <TextArea
            value={reaction}
            onChange={setReaction}
            rows={2}
            maxLength={2000}
            placeholder={t('recovery.reactionPlaceholder')}
            data-testid="alert-reaction"
          />
        </Form.Item>
        <Form.Item label={t('recovery.reactionCode')}>
          <Selector
            options={recoveryReactions.map((r) => ({ label: t(`recovery.reaction.${r}`), value: r }))}
            value={code ? [code] : []}
            onChange={(v) => setCode(v[0] ?? null)}
            data-testid="alert-reaction-code"
          />
        </Form.Item>
      </Form>
      {errors.length > 0 ? (
        <ul className="alert-error" role="alert" data-testid="alert-close-error">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <Button block color="danger" loading={close.isPending} onClick={save} data-testid="alert-close-save">
        {t('recovery.save')}
      </Button>
    </section>
  );
};

/** A hot alert: who, how late, every answer the customer gave (those that opened it marked), and the close. */
export const AlertPage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const detail = useAlert(id);
  if (detail.isLoading) return <PageLoading />;
  if (detail.isError || !detail.data) return <LoadFailed onRetry={() => void detail.refetch()} />;
  const { alert: a, answers } = detail.data;
  return (
    <div className="alert-page" data-testid="alert-page">
      <PageBar title={t('recovery.title')} />
      <section className="alert-panel">
        <div className="alert-card-head">
          <span className="alert-card-name" data-testid="alert-customer">
            {a.customerName}
          </span>
          {a.plate ? <span>{a.plate}</span> : null}
          <Countdown alert={a} skew={detail.data.skew} />
          {a.status === 'closed' ? (
            <Tag color="success" data-testid="alert-status-closed">
              {t('recovery.closed')}
            </Tag>
          ) : null}
        </div>
        <div className="alert-card-meta">
          <AlertTags alert={a} />
          <span>{a.questionnaireName}</span>
          {a.storeName ? <span>{a.storeName}</span> : null}
          {a.assignee ? <span>{`${t('recovery.assignee')}：${a.assignee.name}`}</span> : null}
        </div>
        {a.phone ? (
          <a className="call-dial" href={`tel:${a.phone}`}>
            <PhoneFill /> {a.phone}
          </a>
        ) : null}
      </section>
      <section className="alert-panel" data-testid="alert-answers">
        <h3>{t('recovery.answers')}</h3>
        <ul className="alert-answers">
          {answers.map((x) => (
            <li key={x.key} className={x.hot ? 'alert-hot' : ''}>
              <div className="alert-answer-q">
                {x.key} {x.text}
              </div>
              <div>
                {x.answer} {x.hot ? <Tag color="danger">{t('recovery.hot')}</Tag> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {a.status === 'open' ? (
        <CloseForm id={a.id} />
      ) : (
        <section className="alert-panel" data-testid="alert-outcome">
          <h3>{t('recovery.outcome')}</h3>
          <p>{a.action}</p>
          <p>
            {a.reactionCode ? <Tag>{t(`recovery.reaction.${a.reactionCode}`)}</Tag> : null} {a.reaction}
          </p>
          <p>
            {a.onTime ? t('recovery.onTime') : t('recovery.notOnTime')}
            {a.closedAt ? ` · ${timeText(a.closedAt, locale)}` : ''}
            {a.closedBy ? ` · ${a.closedBy.name}` : ''}
          </p>
          {a.followUpAnswer ? (
            <p>{t(`recovery.followUp.${a.followUpAnswer}`)}</p>
          ) : a.followUpDueAt ? (
            <p>{t('recovery.followUp', { time: timeText(a.followUpDueAt, locale) })}</p>
          ) : null}
          {a.complaintId ? <p>{t('recovery.complaint')}</p> : null}
        </section>
      )}
    </div>
  );
};
