import { useState } from 'react';
import { Button, Card, Input, Popup, Selector, Space, Steps, TextArea, Toast } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import { errorText } from '@m4s/web-kit';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { useAdvisorCase, useCaseColleagues, useHandlerAction, type HandlerAction } from './api.ts';
import { CaseCountdown } from './cases-page.tsx';

const handlerActions: readonly HandlerAction[] = ['accept', 'answer', 'resolve', 'escalate', 'transfer', 'note'];
/** Today in the viewer's zone (the UTC date is yesterday's before 08:00 in China). */
const today = () => new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }).format();
/** A log entry's moment in the viewer's zone, not the UTC digits of its ISO text. */
const clock = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const stamp = (iso: string) => clock.format(new Date(iso));

/**
 * One case for its handler: the record, the countdown, the log, and accept → answer → resolve (or escalate,
 * or hand it to a colleague with the reason: they sign for it in turn).
 */
export const CasePage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = useAdvisorCase(id);
  const run = useHandlerAction(id);
  const [open, setOpen] = useState<HandlerAction | null>(null);
  const [text, setText] = useState('');
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState<'authority' | 'difficulty' | 'repeated'>('authority');
  const [toId, setToId] = useState<string | null>(null);
  const colleagues = useCaseColleagues(query.data?.complaint.storeId ?? null);
  if (query.isLoading) return <PageLoading />;
  if (query.isError || !query.data) return <LoadFailed onRetry={() => void query.refetch()} />;
  const { complaint: c, events, actions } = query.data;
  const bodyOf = (action: HandlerAction): Record<string, unknown> =>
    action === 'accept'
      ? {}
      : action === 'answer'
        ? { answer: text }
        : action === 'resolve'
          ? { solution: text, completionDate: date }
          : action === 'escalate'
            ? { reason, note: text }
            : action === 'transfer'
              ? { toId, reason: text }
              : { text, public: false };
  const go = (action: HandlerAction) =>
    run.mutate(
      { action, body: bodyOf(action) },
      {
        onSuccess: () => {
          setOpen(null);
          setText('');
        },
        onError: (e) => Toast.show({ content: errorText(e, t('cases.failed')) }),
      },
    );
  const allowed = handlerActions.filter((a) => actions.includes(a));
  return (
    <div data-testid="advisor-case">
      <PageBar title={query.data.customerName} />
      <Card>
        <Space wrap>
          <CaseCountdown c={c} />
          <span data-testid="advisor-case-stage">{t(`cases.stage.${c.stage}`)}</span>
        </Space>
        <p>{c.summary}</p>
        {c.customerRequest ? (
          <p>
            {t('cases.request')}：{c.customerRequest}
          </p>
        ) : null}
        <Space wrap>
          {allowed.map((a) => (
            <Button
              key={a}
              size="small"
              color={a === 'escalate' || a === 'note' ? 'default' : 'primary'}
              onClick={() => (a === 'accept' ? go(a) : setOpen(a))}
              loading={run.isPending && a === 'accept'}
              data-testid={`advisor-case-${a}`}
            >
              {t(`cases.action.${a}`)}
            </Button>
          ))}
        </Space>
      </Card>
      <Card title={t('cases.log')}>
        <Steps direction="vertical" current={events.length - 1}>
          {events.map((e) => (
            <Steps.Step
              key={e.id}
              title={t(`cases.event.${e.kind as 'received'}`)}
              description={`${stamp(e.at)} ${e.text ?? ''}`}
            />
          ))}
        </Steps>
      </Card>
      <Popup visible={open !== null} onMaskClick={() => setOpen(null)} bodyStyle={{ padding: 16 }}>
        {open === 'escalate' && (
          <Selector
            value={[reason]}
            onChange={(v) => v[0] && setReason(v[0])}
            options={(['authority', 'difficulty', 'repeated'] as const).map((r) => ({
              value: r,
              label: t(`cases.reason.${r}`),
            }))}
          />
        )}
        {open === 'transfer' && (
          <>
            <div>{t('cases.transferTo')}</div>
            <Selector
              columns={2}
              value={toId ? [toId] : []}
              onChange={(v) => setToId(v[0] ?? null)}
              options={(colleagues.data ?? [])
                .filter((s) => s.id !== c.handler?.id)
                .map((s) => ({ value: s.id, label: s.name }))}
              data-testid="advisor-case-transfer-to"
            />
            <div>{t('cases.transferReason')}</div>
          </>
        )}
        <TextArea
          value={text}
          onChange={setText}
          placeholder={t('cases.text')}
          rows={4}
          data-testid="advisor-case-text"
        />
        {open === 'resolve' && (
          <Input value={date} onChange={setDate} placeholder={t('cases.completionDate')} type="date" />
        )}
        <Button
          block
          color="primary"
          disabled={!text.trim() || (open === 'transfer' && !toId)}
          loading={run.isPending}
          onClick={() => {
            if (open) go(open);
          }}
          data-testid="advisor-case-send"
        >
          {t('cases.send')}
        </Button>
      </Popup>
    </div>
  );
};
