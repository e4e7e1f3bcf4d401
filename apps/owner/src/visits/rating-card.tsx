import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { SmileOutline } from 'antd-mobile-icons';
import type { OwnerVisitDetail } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useNavigate } from 'react-router-dom';
import { useRateVisit } from './visits-api.ts';
import { useOwnerSurveys } from '../surveys/surveys-api.ts';
import './rating-card.css';

const scores = Array.from({ length: 11 }, (_, i) => i);

/** 服务评价 after delivery: 0–10 and a comment, once; afterwards the score given. */
export const RatingCard = ({ visit }: { visit: OwnerVisitDetail }) => {
  const { t } = useI18n();
  const rate = useRateVisit(visit.id);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const navigate = useNavigate();
  // The rating is the first question of the visit's survey (docs/surveys.md): the rest is one tap away.
  const surveys = useOwnerSurveys();
  const survey = surveys.data?.items.find(
    (s) => s.visitId === visit.id && (s.status === 'invited' || s.status === 'partial'),
  );

  if (visit.rating)
    return (
      <section className="visit-card" data-testid="rating-done">
        <div className="rating-done">
          <SmileOutline className="rating-done-icon" />
          <div>
            <div className="visit-card-title">{t('rating.thanks')}</div>
            <div className="visit-card-hint">{t('rating.yourScore', { score: visit.rating.score })}</div>
            {visit.rating.comment ? <p className="rating-comment-text">{visit.rating.comment}</p> : null}
          </div>
        </div>
        {survey ? (
          <Button
            block
            shape="rounded"
            color="primary"
            fill="outline"
            style={{ marginTop: 12 }}
            onClick={() => void navigate(`/surveys/${survey.id}`)}
            data-testid="survey-continue"
          >
            {t('survey.continue')}
          </Button>
        ) : null}
      </section>
    );
  if (!visit.canRate) return null;

  const submit = () => {
    if (score === null) {
      Toast.show({ content: t('rating.pick') });
      return;
    }
    rate.mutate(
      { score, comment: comment.trim() || null },
      { onError: (error) => Toast.show({ content: errorText(error, t('rating.failed')) }) },
    );
  };

  return (
    <section className="visit-card" data-testid="rating">
      <h2 className="visit-card-title">{t('rating.title')}</h2>
      <p className="visit-card-hint">{t('rating.question')}</p>
      <div className="rating-scores" role="radiogroup" aria-label={t('rating.question')}>
        {scores.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={score === n}
            className={`rating-score${score === n ? ' rating-score-on' : ''}${score !== null && n <= score ? ' rating-score-fill' : ''}`}
            onClick={() => setScore(n)}
            data-testid={`rating-score-${n}`}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="rating-ends">
        <span>{t('rating.low')}</span>
        <span>{t('rating.high')}</span>
      </div>
      <textarea
        className="text-box rating-comment"
        placeholder={t('rating.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        rows={3}
        data-testid="rating-comment"
      />
      <Button
        block
        color="primary"
        shape="rounded"
        loading={rate.isPending}
        onClick={submit}
        data-testid="rating-submit"
      >
        {t('rating.submit')}
      </Button>
    </section>
  );
};
