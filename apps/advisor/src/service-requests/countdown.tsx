import { Tag } from 'antd-mobile';
import { span } from '../cases/countdown.ts';
import { useI18n } from '../i18n.ts';
import { leftMs } from './api.ts';

/** The time to a request's deadline, red once it has passed. */
export const DueTag = ({ dueAt }: { dueAt: string }) => {
  const { t } = useI18n();
  const ms = leftMs(dueAt);
  return (
    <Tag color={ms < 0 ? 'danger' : ms < 15 * 60_000 ? 'warning' : 'primary'} data-testid="sr-countdown">
      {ms < 0 ? t('sr.over', { time: span(ms) }) : t('sr.left', { time: span(ms) })}
    </Tag>
  );
};
