import { StarOutline } from 'antd-mobile-icons';
import { HomeEntry } from '../home/home-entry.tsx';
import { useI18n } from '../i18n.ts';
import { useMyScorecard } from './api.ts';

/** The home screen's 我的绩效: this month's total and rank at a glance. */
export const ScorecardEntry = () => {
  const { t } = useI18n();
  const card = useMyScorecard().data;
  return (
    <HomeEntry
      testIds={{ section: 'section-scorecard', open: 'open-scorecard', hint: 'scorecard-summary' }}
      icon={<StarOutline />}
      title={t('score.title')}
      hint={
        !card
          ? t('score.open')
          : card.total === null
            ? t('score.hintNoData')
            : t('score.hint', { total: card.total, rank: card.rank ?? '—', of: card.of })
      }
      to="/scorecard"
    />
  );
};
