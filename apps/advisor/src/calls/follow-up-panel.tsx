import { useState } from 'react';
import { Button, Selector, Toast } from 'antd-mobile';
import { recoveryFollowUpAnswers, type CallItem, type RecoveryFollowUpAnswer } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useFollowUpAnswer } from '../recovery/api.ts';

/**
 * A recovery follow-up call (kind `recovery_followup`, docs/recovery.md): its one question — was the problem
 * resolved? — answered here completes the call and is kept on the hot alert.
 */
export const FollowUpPanel = ({ call }: { call: CallItem }) => {
  const { t } = useI18n();
  const save = useFollowUpAnswer(call.id);
  const [answer, setAnswer] = useState<RecoveryFollowUpAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="call-panel" data-testid="call-follow-up">
      <h3 className="call-panel-title">{t('survey.followUp.title')}</h3>
      <p className="survey-question-text">{t('survey.followUp.question')}</p>
      <Selector
        options={recoveryFollowUpAnswers.map((a) => ({ label: t(`survey.followUp.${a}`), value: a }))}
        value={answer ? [answer] : []}
        onChange={(v) => setAnswer(v[0] ?? null)}
        data-testid="follow-up-answer"
      />
      {error ? (
        <p className="call-sheet-error" role="alert">
          {error}
        </p>
      ) : null}
      <Button
        color="primary"
        disabled={!answer}
        loading={save.isPending}
        onClick={() => {
          if (!answer) return;
          save.mutate(
            { answer, attempts: call.attempts },
            {
              onSuccess: () => Toast.show({ icon: 'success', content: t('survey.followUp.saved') }),
              onError: (e) => setError(e instanceof ApiError ? e.message : t('calls.failed')),
            },
          );
        }}
        data-testid="follow-up-save"
      >
        {t('survey.followUp.save')}
      </Button>
    </section>
  );
};
