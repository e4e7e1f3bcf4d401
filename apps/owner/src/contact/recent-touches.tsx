import { List, Tag } from 'antd-mobile';
import type { TouchEntry } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';

const colour = {
  sent: 'success',
  deferred: 'warning',
  suppressed: 'default',
  held: 'warning',
  expired: 'default',
} as const;

/** What reached the owner lately, what waits for the end of quiet hours, and what was held back and why. */
export const RecentTouches = ({ items }: { items: TouchEntry[] }) => {
  const { t } = useI18n();
  return (
    <List mode="card" header={t('contact.recent')} data-testid="contact-recent">
      {items.length === 0 ? (
        <List.Item>
          <span className="contact-muted">{t('contact.recentEmpty')}</span>
        </List.Item>
      ) : (
        items.map((item) => (
          <List.Item
            key={item.id}
            data-testid="touch-item"
            description={
              (item.decision === 'suppressed' || item.decision === 'expired') && item.reason
                ? t(`reason.${item.reason}`)
                : (item.body ?? undefined)
            }
            extra={
              <Tag color={colour[item.decision]} fill="outline">
                {item.decision === 'deferred' || item.decision === 'held'
                  ? t(`contact.decision.${item.decision}`, { time: stamp(item.sendAt ?? item.dueAt) })
                  : t(`contact.decision.${item.decision}`)}
              </Tag>
            }
          >
            {t(`topic.${item.topic}`)} · {t(`contact.via.${item.channel}`)}
            <div className="contact-muted">{stamp(item.dueAt)}</div>
          </List.Item>
        ))
      )}
    </List>
  );
};
