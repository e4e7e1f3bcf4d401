import { useEffect, useState } from 'react';
import { Button, DotLoading, NavBar, Toast } from 'antd-mobile';
import { FileOutline, SmileOutline } from 'antd-mobile-icons';
import { useParams } from 'react-router-dom';
import { walk, withAnswer, questionsOf, type OwnerSurvey, type SurveyAnswers } from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { SurveyQuestionField } from './survey-question.tsx';
import { useAnswerSurvey, useOwnerSurvey } from './surveys-api.ts';
import '../garage/garage.css';
import '../visits/visit.css';
import './survey.css';

/** The questions on the path of the answers so far (the same routing as the server's), to answer once. */
const SurveyForm = ({ survey }: { survey: OwnerSurvey }) => {
  const { t } = useI18n();
  const answer = useAnswerSurvey(survey.id);
  const [answers, setAnswers] = useState<SurveyAnswers>(survey.answers);
  useEffect(() => setAnswers(survey.answers), [survey.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const path = walk(survey.definition, answers).path;
  const byKey = new Map(questionsOf(survey.definition).map((q) => [q.key, q]));
  // One step at a time: up to the first required question still open (what follows may depend on it).
  const open = path.findIndex((k) => answers[k] === undefined && byKey.get(k)?.required);
  const shown = open < 0 ? path : path.slice(0, open + 1);
  const set = (key: string, a: SurveyAnswers[string] | undefined) => setAnswers((prev) => withAnswer(prev, key, a));
  const submit = () => {
    const onPath = Object.fromEntries(path.filter((k) => answers[k]).map((k) => [k, answers[k]])) as SurveyAnswers;
    answer.mutate(onPath, { onError: (error) => Toast.show({ content: errorText(error, t('survey.failed')) }) });
  };
  return (
    <section className="visit-card" data-testid="survey-form">
      <p className="visit-card-hint">{t('survey.intro', { store: survey.storeName ?? '' })}</p>
      {shown.map((key) => {
        const q = byKey.get(key);
        if (!q) return null;
        return (
          <div key={key} className="survey-question" data-testid={`survey-q-${key}`}>
            <div className="survey-question-text">
              {q.text}
              {q.required ? <span className="survey-required">{t('survey.required')}</span> : null}
            </div>
            <SurveyQuestionField
              question={q}
              value={answers[key]}
              locked={survey.answers[key] !== undefined}
              onChange={(a) => set(key, a)}
            />
          </div>
        );
      })}
      <Button
        block
        color="primary"
        shape="rounded"
        loading={answer.isPending}
        onClick={submit}
        data-testid="survey-submit"
      >
        {t('survey.submit')}
      </Button>
    </section>
  );
};

/** 服务评价问卷: opened from the invitation in the inbox (/surveys/<id>) or from the visit page. */
export const SurveyPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const back = useBack('/messages');
  const survey = useOwnerSurvey(id);
  const body = () => {
    if (survey.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (survey.error instanceof ApiError && survey.error.status === 404)
      return (
        <EmptyState
          testId="survey-not-found"
          icon={<FileOutline />}
          title={t('survey.notFoundTitle')}
          description={t('survey.notFoundHint')}
        />
      );
    if (survey.isError) return <LoadFailed onRetry={() => void survey.refetch()} />;
    const s = survey.data;
    if (s.status === 'complete' || s.status === 'terminated')
      return (
        <section className="visit-card rating-done" data-testid="survey-done">
          <SmileOutline className="rating-done-icon" />
          <div>
            <div className="visit-card-title">{t('survey.done')}</div>
            <div className="visit-card-hint">{t('survey.doneHint')}</div>
          </div>
        </section>
      );
    return <SurveyForm survey={s} />;
  };
  return (
    <div className="sub-page" data-testid="page-survey">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('survey.title')}
      </NavBar>
      {body()}
    </div>
  );
};
