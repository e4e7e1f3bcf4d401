import { useState } from 'react';
import { Button, Form, Input, Popup, Selector, TextArea, Toast } from 'antd-mobile';
import {
  answerIssues,
  followUpSlots,
  surveyIssueMessage,
  type CallItem,
  type CallOutcome,
  type FollowUpSlot,
} from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useColleagues } from '../tasks/api.ts';
import { useRecordOutcome, useRecordWithAnswers } from './api.ts';
import type { CallSurvey } from './questionnaire-panel.tsx';

type Issue = { summary: string; assigneeId: string; callbackAt: string };
type Props = { call: CallItem; outcome: CallOutcome | null; survey: CallSurvey | null; onClose: () => void };

/** A datetime-local value (the device's own zone) as an instant with its offset. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');
const hintKey = (o: CallOutcome) =>
  o === 'wrong_number' || o === 'disconnected' || o === 'empty_number'
    ? ('calls.hint.bad_number' as const)
    : (`calls.hint.${o}` as const);

/** The outcome of one attempt with its follow-up fields: the agreed time, the slot, the issues raised, a note. */
export const OutcomeSheet = ({ call, outcome, survey, onClose }: Props) => {
  const { t, locale } = useI18n();
  const record = useRecordOutcome(call.id);
  const withAnswers = useRecordWithAnswers(call.id);
  const colleagues = useColleagues(call.storeId);
  const [callbackAt, setCallbackAt] = useState('');
  const [slot, setSlot] = useState<FollowUpSlot | ''>('');
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const agreed = outcome === 'non_owner' || outcome === 'not_convenient';
  const asksSlot = outcome === 'not_convenient' || outcome === 'completed';
  const save = () => {
    if (!outcome) return;
    if (agreed && !callbackAt) return setError(t('calls.callbackRequired'));
    if (issues.some((i) => !i.summary.trim() || !i.assigneeId || !i.callbackAt))
      return setError(t('calls.issueIncomplete'));
    const base = { attempts: call.attempts, ...(note.trim() ? { note: note.trim() } : {}) };
    const preferredSlot = slot ? { preferredSlot: slot } : {};
    const body =
      outcome === 'non_owner'
        ? { outcome, ...base, callbackAt: instant(callbackAt) }
        : outcome === 'not_convenient'
          ? { outcome, ...base, ...preferredSlot, callbackAt: instant(callbackAt) }
          : outcome === 'completed'
            ? {
                outcome,
                ...base,
                ...preferredSlot,
                issues: issues.map((i) => ({ ...i, summary: i.summary.trim(), callbackAt: instant(i.callbackAt) })),
              }
            : { outcome, ...base };
    const done = {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: t('calls.saved') });
        onClose();
      },
      onError: (e: Error) =>
        setError(e instanceof ApiError ? (Object.values(e.fieldErrors())[0] ?? e.message) : t('calls.failed')),
    };
    // Completed with the questionnaire answered: the answers and the outcome in one request (one transaction),
    // checked first by the same contract function the server uses.
    if (body.outcome === 'completed' && survey && Object.keys(survey.answers).length > 0) {
      const problems = answerIssues(survey.definition, survey.answers, { complete: true });
      if (problems.length > 0) return setError(problems.map((i) => surveyIssueMessage(locale, i)).join('；'));
      const { outcome: _completed, ...rest } = body;
      return withAnswers.mutate(
        {
          versionId: survey.versionId,
          customerId: call.customerId,
          vehicleId: call.vehicleId,
          taskId: call.id,
          answers: survey.answers,
          outcome: rest,
        },
        done,
      );
    }
    record.mutate(body, done);
  };
  const setIssue = (n: number, patch: Partial<Issue>) =>
    setIssues((list) => list.map((i, k) => (k === n ? { ...i, ...patch } : i)));
  return (
    <Popup visible={outcome !== null} onMaskClick={onClose} onClose={onClose} destroyOnClose bodyClassName="call-popup">
      {outcome ? (
        <div className="call-sheet" data-testid="call-outcome-sheet">
          <h3 className="call-sheet-title">{t(`calls.outcome.${outcome}`)}</h3>
          <p className="call-sheet-hint">{t(hintKey(outcome))}</p>
          <Form layout="vertical">
            {agreed ? (
              <Form.Item label={t(outcome === 'non_owner' ? 'calls.ownerFreeAt' : 'calls.callbackAt')}>
                <input
                  type="datetime-local"
                  className="call-datetime"
                  value={callbackAt}
                  onChange={(e) => setCallbackAt(e.target.value)}
                  data-testid="call-callback-at"
                />
              </Form.Item>
            ) : null}
            {asksSlot ? (
              <Form.Item label={t('calls.preferredSlot')}>
                <Selector
                  options={[
                    { label: t('calls.slotUnchanged'), value: '' },
                    ...followUpSlots.map((s) => ({ label: t(`calls.slot.${s}`), value: s })),
                  ]}
                  value={[slot]}
                  onChange={(v) => setSlot(v[0] ?? '')}
                  data-testid="call-slot"
                />
              </Form.Item>
            ) : null}
            {outcome === 'completed' ? (
              <Form.Item label={t('calls.issues')}>
                {issues.map((issue, n) => (
                  <div className="call-issue" key={n} data-testid="call-issue">
                    <Input
                      value={issue.summary}
                      onChange={(summary) => setIssue(n, { summary })}
                      placeholder={t('calls.issueSummary')}
                      maxLength={500}
                      data-testid="call-issue-summary"
                    />
                    <select
                      value={issue.assigneeId}
                      onChange={(e) => setIssue(n, { assigneeId: e.target.value })}
                      data-testid="call-issue-assignee"
                      aria-label={t('calls.issueAssignee')}
                    >
                      <option value="">{`${t('calls.issueAssignee')}：${t('calls.choose')}`}</option>
                      {(colleagues.data ?? []).map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                    <input
                      type="datetime-local"
                      className="call-datetime"
                      value={issue.callbackAt}
                      onChange={(e) => setIssue(n, { callbackAt: e.target.value })}
                      aria-label={t('calls.issueCallback')}
                      data-testid="call-issue-callback"
                    />
                    <button
                      type="button"
                      className="call-row-link"
                      onClick={() => setIssues((list) => list.filter((_, k) => k !== n))}
                    >
                      {t('calls.removeIssue')}
                    </button>
                  </div>
                ))}
                <Button
                  size="small"
                  onClick={() => setIssues((list) => [...list, { summary: '', assigneeId: '', callbackAt: '' }])}
                  data-testid="call-add-issue"
                >
                  {t('calls.addIssue')}
                </Button>
              </Form.Item>
            ) : null}
            <Form.Item label={t('calls.note')}>
              <TextArea
                value={note}
                onChange={setNote}
                rows={2}
                maxLength={1000}
                placeholder={t('calls.notePlaceholder')}
                data-testid="call-note"
              />
            </Form.Item>
          </Form>
          {error ? (
            <p className="call-sheet-error" role="alert" data-testid="call-outcome-error">
              {error}
            </p>
          ) : null}
          <div className="call-sheet-buttons">
            <Button block onClick={onClose}>
              {t('calls.cancel')}
            </Button>
            <Button
              block
              color="primary"
              loading={record.isPending || withAnswers.isPending}
              onClick={save}
              data-testid="call-outcome-save"
            >
              {t('calls.save')}
            </Button>
          </div>
        </div>
      ) : null}
    </Popup>
  );
};
