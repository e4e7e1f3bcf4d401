import type { ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import { useI18n } from '../i18n.ts';

type Props = { testId: string; icon: ReactNode; title: string; emptyTitle: string; hint: string };

/** A home section whose module is not built yet: says what will be here instead of showing fake rows. */
export const EmptySection = ({ testId, icon, title, emptyTitle, hint }: Props) => {
  const { t } = useI18n();
  return (
    <section className="home-section" data-testid={testId}>
      <div className="home-section-head">
        <span className="home-section-title">{title}</span>
        <Tag color="primary" fill="outline" className="home-section-tag">
          {t('home.comingSoon')}
        </Tag>
      </div>
      <div className="home-section-empty">
        <span className="home-section-icon">{icon}</span>
        <div className="home-section-text">
          <div className="home-section-empty-title">{emptyTitle}</div>
          <p className="home-section-hint">{hint}</p>
        </div>
      </div>
    </section>
  );
};
