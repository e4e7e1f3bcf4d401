import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Input, Selector, TextArea } from 'antd-mobile';
import {
  optionsOf,
  surveyRoutes,
  walk,
  withAnswer,
  type CallItem,
  type SurveyAnswer,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import '../recovery/recovery.css';

/** The questionnaire being asked on a call: the published version, and the answers given so far. */
export type CallSurvey = { versionId: string; definition: SurveyDefinition; answers: SurveyAnswers };

/** Which shipped questionnaire a call asks by default (the agent may pick another). */
const defaultTemplate = (call: CallItem): string => {
  switch (call.ruleKey) {
    case 'follow_up_3d':
    case 'follow_up_7d':
    case 'delivery_care':
      return 'delivery_7day';
    case 'post_repair':
    case 'follow_up_1m':
      return 'repair_followup';
    default:
      return call.kind === 'callback' ? 'repair_followup' : 'post_service';
  }
};

const scale = (q: SurveyQuestion) =>
  Array.from({ length: q.type === 'scale_1_5' ? 5 : 11 }, (_, i) => (q.type === 'scale_1_5' ? i + 1 : i));

/** One question as the agent asks it: the text, its marks, and the input its type calls for. */
const Question = ({
  q,
  answer,
  onChange,
}: {
  q: SurveyQuestion;
  answer: SurveyAnswer | undefined;
  onChange: (a: SurveyAnswer | undefined) => void;
}) => {
  const { t } = useI18n();
  const options = optionsOf(q);
  const chosen = options.find((o) => o.key === answer?.choice);
  const needsText =
    (q.type === 'choice_other' && chosen?.other) ||
    (q.type === 'yes_no_reason' &&
      answer?.choice !== undefined &&
      (q.reasonOn === 'always' || q.reasonOn === answer.choice));
  const isScale = q.type === 'scale_0_10' || q.type === 'scale_1_5';
  return (
    <div className="survey-question" data-testid={`survey-q-${q.key}`}>
      <div className="survey-question-text">
        {q.key}. {q.text}
      </div>
      <div className="survey-marks">
        {q.required ? <span>{t('survey.required')}</span> : null}
        {options.length > 0 || isScale ? (
          <span>{q.readAloud ? t('survey.readAloud') : t('survey.notReadAloud')}</span>
        ) : null}
        {q.note ? <span>{q.note}</span> : null}
      </div>
      {isScale ? (
        <Selector
          className="survey-scale"
          options={scale(q).map((n) => ({ label: String(n), value: String(n) }))}
          value={answer?.score === undefined ? [] : [String(answer.score)]}
          onChange={(v) => onChange(v[0] === undefined ? undefined : { score: Number(v[0]) })}
        />
      ) : q.type === 'text' ? (
        <TextArea
          value={answer?.text ?? ''}
          onChange={(text) => onChange(text.trim() ? { text } : undefined)}
          rows={2}
          maxLength={2000}
        />
      ) : q.type === 'multiple' ? (
        <Selector
          multiple
          options={options.map((o) => ({ label: o.label, value: o.key }))}
          value={answer?.choices ?? []}
          onChange={(v) =>
            onChange(v.length > 0 ? { choices: v, ...(answer?.text ? { text: answer.text } : {}) } : undefined)
          }
        />
      ) : (
        <Selector
          options={options.map((o) => ({ label: o.label, value: o.key }))}
          value={answer?.choice === undefined ? [] : [answer.choice]}
          onChange={(v) => onChange(v[0] === undefined ? undefined : { choice: v[0] })}
        />
      )}
      {needsText ? (
        <Input
          value={answer?.text ?? ''}
          onChange={(text) => onChange({ ...answer, text })}
          placeholder={q.type === 'yes_no_reason' ? t('survey.reason') : t('survey.other')}
          maxLength={2000}
          data-testid={`survey-text-${q.key}`}
        />
      ) : null}
    </div>
  );
};

/**
 * The questionnaire on the call screen (ch3-4 §4): the sections' scripts and only the questions the answers'
 * path reaches (the routing is contracts' `walk`, the server's own), with the read-aloud marks. The answers
 * are saved with the completed outcome (OutcomeSheet), checked by the same contract functions the server uses.
 */
export const QuestionnairePanel = ({
  call,
  value,
  onChange,
}: {
  call: CallItem;
  value: CallSurvey | null;
  onChange: (s: CallSurvey | null) => void;
}) => {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['questionnaires'],
    queryFn: () => api.call(surveyRoutes.list),
    staleTime: 5 * 60_000,
  });
  const usable = useMemo(() => (list.data?.items ?? []).filter((q) => q.published), [list.data]);
  const [picked, setPicked] = useState<string | null>(null);
  const fallback = usable.find((q) => q.templateKey === defaultTemplate(call)) ?? usable[0];
  const pickedId = picked ?? fallback?.id ?? null;
  const detail = useQuery({
    queryKey: ['questionnaires', pickedId],
    queryFn: () => api.call(surveyRoutes.get, { params: { id: pickedId ?? '' } }),
    enabled: pickedId !== null,
    staleTime: 5 * 60_000,
  });
  const published = detail.data?.versions.find((v) => v.status === 'published');
  useEffect(() => {
    if (published && value?.versionId !== published.id)
      onChange({ versionId: published.id, definition: published.definition, answers: {} });
  }, [published, value?.versionId, onChange]);
  if (list.isSuccess && usable.length === 0) return <p className="call-muted">{t('survey.none')}</p>;
  if (!value || !published) return null;
  const route = walk(value.definition, value.answers);
  const onPath = new Set(route.path);
  const setAnswer = (key: string, a: SurveyAnswer | undefined) =>
    onChange({ ...value, answers: withAnswer(value.answers, key, a) });
  return (
    <section className="call-panel" data-testid="call-questionnaire">
      <h3 className="call-panel-title">{t('survey.title')}</h3>
      <select
        className="call-datetime"
        aria-label={t('survey.pick')}
        value={pickedId ?? ''}
        onChange={(e) => {
          setPicked(e.target.value);
          onChange(null);
        }}
        data-testid="survey-pick"
      >
        {usable.map((q) => (
          <option key={q.id} value={q.id}>
            {q.name}
          </option>
        ))}
      </select>
      {value.definition.sections.map((s) => {
        const asked = s.questions.filter((q) => onPath.has(q.key));
        if (asked.length === 0 && !(s.kind === 'header' && s.script)) return null;
        return (
          <div key={s.key} data-testid={`survey-section-${s.key}`}>
            {s.title ? <h4>{s.title}</h4> : null}
            {s.script ? (
              <p className="survey-section-script">{s.script.replace(/××先生\/女士/g, call.customerName)}</p>
            ) : null}
            {asked.map((q) => (
              <Question key={q.key} q={q} answer={value.answers[q.key]} onChange={(a) => setAnswer(q.key, a)} />
            ))}
          </div>
        );
      })}
      {route.terminatedAt ? <p className="call-sheet-hint">{t('survey.terminated')}</p> : null}
    </section>
  );
};
