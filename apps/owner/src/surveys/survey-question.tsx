import { Checkbox, Radio } from 'antd-mobile';
import { optionsOf, type SurveyAnswer, type SurveyQuestion } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import '../visits/rating-card.css';

type Props = {
  question: SurveyQuestion;
  value: SurveyAnswer | undefined;
  locked: boolean;
  onChange: (a: SurveyAnswer | undefined) => void;
};

/** A 0–10 or 1–5 row of score buttons, as the visit page's rating. */
const Scale = ({ question: q, value, locked, onChange }: Props) => {
  const { t } = useI18n();
  const [min, max] = q.type === 'scale_1_5' ? [1, 5] : [0, 10];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <>
      <div className={`rating-scores${max === 5 ? ' survey-scale-5' : ''}`} role="radiogroup">
        {scores.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            disabled={locked}
            aria-checked={value?.score === n}
            className={`rating-score${value?.score === n ? ' rating-score-on' : ''}${value?.score !== undefined && n <= value.score ? ' rating-score-fill' : ''}`}
            onClick={() => onChange({ score: n })}
            data-testid={`survey-${q.key}-${n}`}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="rating-ends">
        <span>{t('survey.low')}</span>
        <span>{t('survey.high')}</span>
      </div>
    </>
  );
};

/** One question of the owner's survey; "other" and a required reason ask for their text beneath. */
export const SurveyQuestionField = (props: Props) => {
  const { t } = useI18n();
  const { question: q, value, onChange } = props;
  if (q.type === 'scale_0_10' || q.type === 'scale_1_5') return <Scale {...props} />;
  if (q.type === 'text')
    return (
      <textarea
        className="text-box"
        rows={3}
        maxLength={2000}
        value={value?.text ?? ''}
        onChange={(e) => onChange(e.target.value.trim() ? { text: e.target.value } : undefined)}
        data-testid={`survey-${q.key}-text`}
      />
    );
  const options = optionsOf(q);
  const other = options.find((o) => o.other)?.key;
  const reason =
    q.type === 'yes_no_reason' &&
    value?.choice !== undefined &&
    (q.reasonOn === 'always' || q.reasonOn === value.choice);
  const otherChosen = other !== undefined && (value?.choice === other || value?.choices?.includes(other));
  const text =
    reason || otherChosen ? (
      <textarea
        className="text-box survey-text"
        rows={2}
        maxLength={2000}
        placeholder={reason ? t('survey.reason') : t('survey.other')}
        value={value?.text ?? ''}
        onChange={(e) => onChange({ ...value, text: e.target.value.trim() ? e.target.value : undefined })}
        data-testid={`survey-${q.key}-text`}
      />
    ) : null;
  if (q.type === 'multiple')
    return (
      <>
        <Checkbox.Group
          value={value?.choices ?? []}
          onChange={(v) =>
            onChange(
              v.length > 0 ? { choices: v.map(String), ...(value?.text ? { text: value.text } : {}) } : undefined,
            )
          }
        >
          <div className="survey-options">
            {options.map((o) => (
              <Checkbox key={o.key} value={o.key} data-testid={`survey-${q.key}-${o.key}`}>
                {o.label}
              </Checkbox>
            ))}
          </div>
        </Checkbox.Group>
        {text}
      </>
    );
  return (
    <>
      <Radio.Group value={value?.choice ?? null} onChange={(v) => onChange({ choice: String(v) })}>
        <div className="survey-options">
          {options.map((o) => (
            <Radio key={o.key} value={o.key} data-testid={`survey-${q.key}-${o.key}`}>
              {o.label}
            </Radio>
          ))}
        </div>
      </Radio.Group>
      {text}
    </>
  );
};
