import type { CustomerOverview } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useStaffNames } from './api.ts';
import { stamp } from '@m4s/web-kit';
import { Nothing, Section } from './section.tsx';

type Interaction = CustomerOverview['interactions'][number];

/** 沟通记录: newest first; a promise made to the customer stands out so the next person keeps it. */
export const TimelineSection = ({ items }: { items: Interaction[] }) => {
  const { t } = useI18n();
  const names = useStaffNames();
  return (
    <Section title={t('c360.timeline')} testId="timeline">
      {items.length === 0 ? (
        <Nothing>{t('c360.noTimeline')}</Nothing>
      ) : (
        <ol className="c-timeline">
          {items.map((i) => (
            <li key={i.id} className={`c-event c-event-${i.channel}`} data-testid="interaction-item">
              <div className="c-event-head">
                <span className="c-event-channel">{t(`interaction.channel.${i.channel}`)}</span>
                <span className="c-muted tabular">{stamp(i.at)}</span>
                <span className="c-muted">
                  {i.staffId ? (names.data?.get(i.staffId) ?? '—') : t('interaction.system')}
                </span>
              </div>
              <p className="c-event-text">{i.summary}</p>
              {i.promise && (
                <p className="c-promise">
                  <b>
                    {t('interaction.promise')}
                    {t('common.colon')}
                  </b>
                  {i.promise}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
};
